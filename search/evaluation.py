"""How well `answer` picks the section that answers readers' questions, measured on a set of
questions with the section that should answer each (search/evaluation.toml)."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from content.models import Article
from search.engine import answer

EVALUATION_FILE = Path(__file__).resolve().parent / "evaluation.toml"
# Questions written without seeing the sections' own questions or the set above, to tell how
# well the matcher does on questions it was not tuned on.
HOLDOUT_FILE = Path(__file__).resolve().parent / "evaluation_holdout.toml"


@dataclass
class Figures:
    asked: int = 0
    top_1: int = 0
    top_3: int = 0
    misses: list = field(default_factory=list)  # (question, expected, what came first)

    @property
    def top_1_share(self):
        return self.top_1 / self.asked if self.asked else 0.0

    @property
    def top_3_share(self):
        return self.top_3 / self.asked if self.asked else 0.0


@dataclass
class Evaluation:
    by_audience: dict  # audience → Figures
    out_of_scope: int
    abstained: int
    answered_out_of_scope: list  # (question, what came first)

    @property
    def abstention_share(self):
        return self.abstained / self.out_of_scope if self.out_of_scope else 0.0


def where(result):
    """The topic and section of an answer, as the evaluation set names them."""
    return f"{result.article.slug}#{result.passage.anchor}"


def right_answers(case, on_topic_page):
    """Where a case may be answered from: its section, and those `also` names in its topic, or
    in another topic as "topic#anchor" when asked site-wide (a question saying only "back"
    is answered as well by the same section of either back topic)."""
    found = set()
    for anchor in (case["section"], *case.get("also", [])):
        topic, _, anchor = anchor.rpartition("#")
        if not topic or not on_topic_page:
            found.add(f"{topic or case['topic']}#{anchor}")
    return found


def evaluate(path=EVALUATION_FILE, on_topic_page=False):
    """Ask every question of the set of what readers may see now: in the site's ask box, or
    (`on_topic_page`) in the box of the question's topic, which looks in that topic first."""
    cases = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    topics = Article.objects.in_bulk(field_name="slug") if on_topic_page else {}
    by_audience = {}
    for audience in ("patient", "clinician"):
        figures = by_audience[audience] = Figures()
        for case in cases.get(audience, []):
            expected = right_answers(case, on_topic_page)
            results = answer(case["question"], audience, topics.get(case["topic"])).results
            found = [where(result) for result in results]
            figures.asked += 1
            figures.top_1 += bool(found) and found[0] in expected
            figures.top_3 += bool(expected & set(found[:3]))
            if not found or found[0] not in expected:
                wanted = f"{case['topic']}#{case['section']}"
                figures.misses.append((case["question"], wanted, found[0] if found else None))
    answered = []
    for case in cases.get("out_of_scope", []):
        results = answer(case["question"], "patient").results
        if results:
            answered.append((case["question"], where(results[0])))
    total = len(cases.get("out_of_scope", []))
    return Evaluation(by_audience, total, total - len(answered), answered)
