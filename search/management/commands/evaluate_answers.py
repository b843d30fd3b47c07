from django.core.management.base import BaseCommand

from search.evaluation import EVALUATION_FILE, evaluate


class Command(BaseCommand):
    help = (
        "Ask every question of search/evaluation.toml of the content readers may see now and print "
        "top-1 and top-3 accuracy and abstention on out-of-scope questions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=EVALUATION_FILE, help="the evaluation set (TOML)")
        parser.add_argument("--misses", action="store_true", help="list each question answered wrongly")
        parser.add_argument(
            "--on-topic-page",
            action="store_true",
            help="ask each question in its topic's own box, which looks in that topic first",
        )

    def handle(self, file, misses, on_topic_page, **options):
        evaluation = evaluate(file, on_topic_page=on_topic_page)
        for audience, figures in evaluation.by_audience.items():
            self.stdout.write(
                f"{audience}: {figures.asked} questions, top-1 {figures.top_1_share:.0%}, "
                f"top-3 {figures.top_3_share:.0%}"
            )
            if misses:
                for question, expected, first in figures.misses:
                    self.stdout.write(f"  {question!r}: wanted {expected}, got {first}")
        share = evaluation.abstention_share
        self.stdout.write(f"out of scope: {evaluation.out_of_scope} questions, abstained on {share:.0%}")
        if misses:
            for question, first in evaluation.answered_out_of_scope:
                self.stdout.write(f"  {question!r}: answered from {first}")
