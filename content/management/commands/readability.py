from django.core.management.base import BaseCommand

from content.audience import AUDIENCES
from content.models import PATIENT_GRADE_LIMIT, Article


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
                grade = getattr(revision, f"{audience}_grade")
                flag = (
                    "  above grade 8" if audience == "patient" and (grade or 0) > PATIENT_GRADE_LIMIT else ""
                )
                self.stdout.write(
                    f"{article.slug:40} {revision.number:>4} {audience:10} {grade!s:>9} "
                    f"{getattr(revision, f'{audience}_smog')!s:>6} "
                    f"{getattr(revision, f'{audience}_reading_ease')!s:>6}{flag}"
                )
