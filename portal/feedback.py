"""Readers' feedback on topics: recorded anonymously, summarized for editors."""

from django.db.models import Count, Q

from content.models import Article
from portal.models import Feedback


def record_helpful(article, revision, audience, helpful):
    kind = Feedback.Kind.HELPFUL if helpful else Feedback.Kind.NOT_HELPFUL
    return Feedback.objects.create(article=article, revision=revision, audience=audience, kind=kind)


def record_error_report(article, revision, audience, message):
    return Feedback.objects.create(
        article=article,
        revision=revision,
        audience=audience,
        kind=Feedback.Kind.ERROR_REPORT,
        message=message,
    )


def feedback_by_topic():
    """Topics with any feedback, with their helpful/not helpful counts and error reports."""
    articles = (
        Article.objects.annotate(
            helpful=Count("feedback", filter=Q(feedback__kind=Feedback.Kind.HELPFUL)),
            not_helpful=Count("feedback", filter=Q(feedback__kind=Feedback.Kind.NOT_HELPFUL)),
            reports=Count("feedback", filter=Q(feedback__kind=Feedback.Kind.ERROR_REPORT)),
        )
        .filter(Q(helpful__gt=0) | Q(not_helpful__gt=0) | Q(reports__gt=0))
        .order_by("-reports", "slug")
    )
    reports = Feedback.objects.filter(kind=Feedback.Kind.ERROR_REPORT).select_related("revision")
    reports_by_article = {}
    for report in reports:
        reports_by_article.setdefault(report.article_id, []).append(report)
    return [(article, reports_by_article.get(article.pk, [])) for article in articles]
