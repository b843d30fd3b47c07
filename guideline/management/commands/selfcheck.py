import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content.audience import AUDIENCES
from guideline.answers import answers_from_payload
from guideline.report import api_outcome, citation_index, outcome_report, topic_revision
from guideline.ruleset import get_ruleset, rulesets
from guideline.triage import evaluate


class Command(BaseCommand):
    help = (
        "Print a self-check's outcome for the answers in a JSON file, as the API returns it. "
        'The file holds {"answers": {...}} as the API takes it, or the answers object alone.'
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the topic of the self-check, e.g. pain-between-shoulder-blades")
        parser.add_argument("--answers", required=True, metavar="FILE.json", help="the answers (- for stdin)")
        parser.add_argument("--for", dest="audience", choices=AUDIENCES, default="patient")

    def handle(self, slug, answers, audience, **options):
        ruleset = get_ruleset(slug)
        if ruleset is None:
            raise CommandError(f"No self-check for '{slug}'. There are: {', '.join(sorted(rulesets()))}")
        payload = read_json(answers)
        if isinstance(payload, dict) and "answers" not in payload:
            payload = {"answers": payload}
        checked, errors = answers_from_payload(ruleset, payload)
        if errors:
            listed = "\n".join(f"  {name}: {message}" for name, message in errors.items())
            raise CommandError(f"The answers are not valid:\n{listed}")
        outcome = evaluate(ruleset, checked)
        citations = citation_index(ruleset, audience, topic_revision(slug))
        report = outcome_report(ruleset, outcome, audience, citations, checked)
        self.stdout.write(json.dumps(api_outcome(report), indent=2, ensure_ascii=False))


def read_json(path):
    try:
        return json.loads(sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from None
    except (ValueError, RecursionError) as error:
        raise CommandError(f"{path} is not JSON: {error}") from None
