from django.core.management.base import BaseCommand

from content.audience import AUDIENCES
from content.models import Article
from content.readability import PATIENT_GRADE_LIMIT


class Command(BaseCommand):
    help = "Reading level of each topic's newest revision, per audience: FK grade, SMOG, Reading Ease."

    def handle(self, **options):
        header = f"{'topic':40} {'rev':>4} {'audience':10} {'FK grade':>9} {'SMOG':>6} {'ease':>6}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        articles = Article.objects.filter(latest_revision__isnull=False).select_related("latest_revision")
        for article in articles.order_by("slug"):
            revision = article.latest_revision
            for audience in AUDIENCES:
                scores = revision.audience_text(audience)
                too_hard = audience == "patient" and (scores.grade or 0) > PATIENT_GRADE_LIMIT
                flag = "  above grade 8" if too_hard else ""
                self.stdout.write(
                    f"{article.slug:40} {revision.number:>4} {audience:10} {scores.grade!s:>9} "
                    f"{scores.smog!s:>6} {scores.reading_ease!s:>6}{flag}"
                )
