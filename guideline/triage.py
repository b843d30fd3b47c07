"""What a set of answers means: the triage outcome, as a plain function of the answers."""

from dataclasses import dataclass, field

from guideline.ruleset import LEVELS


@dataclass(frozen=True)
class Outcome:
    triage: str  # one of LEVELS
    flags: tuple  # names of the triggered flags, sorted
    considerations: tuple  # names of the considerations that apply, sorted
    ruleset_version: str
    # flag or consideration name → the answers that met its condition
    triggers: dict = field(default_factory=dict, compare=False)


def complete(ruleset, answers):
    """The answers with every question left out given its default (no, or not tried yet)."""
    return {question.name: answers.get(question.name, question.default()) for question in ruleset.questions}


def evaluate(ruleset, answers):
    """The outcome of checked answers (see guideline.answers): the most urgent level any flag raises.

    Answers may leave questions out (a patient who stops at an emergency has not given
    an age): a comparison with a missing number never holds.
    """
    answers = complete(ruleset, answers)
    # In file order: a flag's condition may ask whether an earlier flag was raised.
    raised = {}
    for flag in ruleset.flags:
        met_by = flag.when.met_by(answers, raised)
        if met_by is not None:
            raised[flag.name] = met_by
    triggers = dict(raised)
    for item in ruleset.considerations:
        met_by = item.when.met_by(answers, raised)
        if met_by is not None:
            triggers[item.name] = met_by
    flags = sorted(flag.name for flag in ruleset.flags if flag.name in triggers)
    considerations = sorted(item.name for item in ruleset.considerations if item.name in triggers)
    levels = [ruleset.flag(name).level for name in flags]
    return Outcome(
        triage=min(levels, key=LEVELS.index, default="self_care"),
        flags=tuple(flags),
        considerations=tuple(considerations),
        ruleset_version=ruleset.version,
        triggers=triggers,
    )


def by_urgency(flags):
    """Flags, most urgent first (then in name order)."""
    return sorted(flags, key=lambda flag: (LEVELS.index(flag.level), flag.name))
