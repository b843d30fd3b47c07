"""What search engines and link previews read: JSON-LD, canonical addresses, sitemap."""

from django.contrib.sitemaps import Sitemap
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from content.models import Article

SCHEMA_AUDIENCE = {"patient": "Patient", "clinician": "Clinician"}


def canonical_url(request, article):
    """One address per topic: the audience choice does not make a second page."""
    return request.build_absolute_uri(article.get_absolute_url())


def share_image_url(request):
    """The card a shared link shows: an absolute address, as link previews need."""
    return request.build_absolute_uri(static("img/og-card.png"))


def medical_web_page(url, revision, audience, references):
    """schema.org MedicalWebPage for a topic page, stating only what the page shows."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "name": revision.title_for(audience),
        "description": revision.summary_for(audience),
        "about": [{"@type": "Thing", "name": tag} for tag in revision.tags],
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": SCHEMA_AUDIENCE[audience]},
        "dateModified": revision.created_at.isoformat(),
        "inLanguage": "en",
        "citation": [citation(reference) for reference in references],
    }
    if revision.is_approved:
        data["lastReviewed"] = revision.approved_at.date().isoformat()
        data["reviewedBy"] = {
            "@type": "Person",
            "name": revision.approved_by.get_full_name() or revision.approved_by.get_username(),
            "memberOf": {"@type": "Organization", "name": "Medical Advisory Board"},
        }
    return data


def citation(reference):
    work = {
        "@type": "CreativeWork",
        "name": reference["title"],
        "author": authors_text(reference.get("authors"), reference.get("et_al")),
        "isPartOf": reference["source"],
        "datePublished": str(reference["year"]),
    }
    if reference.get("url"):
        work["url"] = reference["url"]
    return work


def authors_text(authors, et_al=False):
    """The authors as one line: a reference may list them or give them as one string."""
    if not isinstance(authors, list):
        return authors or ""
    return ", ".join([*authors, "et al"] if et_al else authors)


def json_ld_script(data):
    """A <script type="application/ld+json"> block, escaped as json_script escapes."""
    return mark_safe(json_script(data).replace('type="application/json"', 'type="application/ld+json"', 1))


class TopicSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.order_by("slug").with_readable_revisions()

    def location(self, item):
        article, _ = item
        return article.get_absolute_url()

    def lastmod(self, item):
        _, revision = item
        return revision.created_at


class PageSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return ["home", "glossary", "editorial-policy", "disclaimer"]

    def location(self, item):
        return reverse(item)
