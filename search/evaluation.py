"""How well `answer` picks the section that answers readers' questions, measured on a set of
questions with the section that should answer each (search/evaluation.toml)."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from search.engine import answer

EVALUATION_FILE = Path(__file__).resolve().parent / "evaluation.toml"


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


def evaluate(path=EVALUATION_FILE):
    """Ask every question of the set of what readers may see now."""
    cases = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    by_audience = {}
    for audience in ("patient", "clinician"):
        figures = by_audience[audience] = Figures()
        for case in cases.get(audience, []):
            expected = {case["section"], *case.get("also", [])}
            anchors = [result.passage.anchor for result in answer(case["question"], audience).results]
            figures.asked += 1
            figures.top_1 += bool(anchors) and anchors[0] in expected
            figures.top_3 += bool(expected & set(anchors[:3]))
            if not anchors or anchors[0] not in expected:
                figures.misses.append((case["question"], case["section"], anchors[0] if anchors else None))
    answered = []
    for case in cases.get("out_of_scope", []):
        results = answer(case["question"], "patient").results
        if results:
            answered.append((case["question"], results[0].passage.anchor))
    total = len(cases.get("out_of_scope", []))
    return Evaluation(by_audience, total, total - len(answered), answered)
