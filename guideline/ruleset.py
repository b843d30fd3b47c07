"""Self-check rules as data: one TOML file a topic, read and checked once per process.

A file is `guideline/rules/<topic-slug>.toml`. It holds the questions, the steps a
patient answers them in, the red flags (each with a triage level, a declarative
condition and the topic references it rests on), the considerations, and what each
triage level tells a patient and a clinician. Anything wrong stops start-up with a
message naming the file and the part at fault.

A condition is `when.any = [...]` or `when.all = [...]`. Each item is either the name
of a yes/no question (the answer is yes) or a table naming an answer and one test:
`{ answer = "age", above = 50 }`, `{ answer = "duration_weeks", at_least = 4 }` or
`{ answer = "improved_with_conservative_care", is = false }` (false, not "not tried").
"""

import operator
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from content.sources import METADATA_FILE, ContentError, read_topic

RULES_DIR = Path(__file__).resolve().parent / "rules"
AUDIENCES = ("patient", "clinician")
# Most urgent first: the most urgent level any flag raises is the outcome.
LEVELS = ("emergency", "urgent", "routine", "self_care")
FLAG_LEVELS = LEVELS[:-1]
LEVEL_LABELS = {"emergency": "Emergency", "urgent": "Urgent", "routine": "Routine", "self_care": "Self-care"}
QUESTION_TYPES = ("integer", "boolean", "boolean_or_null")
# The answers a yes/no/not-tried question offers, in the order of its `choices`.
TRI_STATE_VALUES = (True, False, None)
# The tests a condition may make of an answer; "is" is decided in Test.holds.
COMPARISONS = {"above": operator.gt, "at_least": operator.ge}
TESTS = ("is", *COMPARISONS)
TESTS_BY_TYPE = {"integer": ("above", "at_least"), "boolean": ("is",), "boolean_or_null": ("is",)}


class RuleError(Exception):
    """A problem in a rules file, located at one of its parts ("flag 'malignancy'")."""

    def __init__(self, where, message):
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(frozen=True)
class Words:
    """One thing said two ways: to a patient and to a clinician."""

    do_not_call_in_templates = True  # templates pick a wording with the said_to filter

    patient: object
    clinician: object

    def __call__(self, audience):
        return getattr(self, audience)


@dataclass(frozen=True)
class Question:
    name: str
    type: str
    text: Words
    help: Words
    choices: Words | None = None  # boolean_or_null only: labels for true, false, null
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False

    def default(self):
        """What a left-out answer means: no for yes/no, not tried yet for the tri-state."""
        return False if self.type == "boolean" else None


@dataclass(frozen=True)
class Test:
    answer: str
    test: str
    value: object

    def holds(self, answers):
        given = answers.get(self.answer)
        if self.test == "is":
            # An answer of 1 is not "yes", and null (not tried) is not false.
            return type(given) is bool and given is self.value
        return given is not None and COMPARISONS[self.test](given, self.value)


@dataclass(frozen=True)
class Condition:
    mode: str  # "any" or "all"
    tests: tuple

    def met_by(self, answers):
        """The names of the answers that meet this condition; empty when it is not met."""
        held = tuple(test.answer for test in self.tests if test.holds(answers))
        if self.mode == "all" and len(held) < len(self.tests):
            return ()
        return held

    @property
    def answers(self):
        return {test.answer for test in self.tests}


@dataclass(frozen=True)
class Step:
    name: str
    questions: tuple
    title: Words
    hint: Words


@dataclass(frozen=True)
class Flag:
    name: str
    level: str
    when: Condition
    label: Words
    reason: Words
    cite: tuple


@dataclass(frozen=True)
class Consideration:
    name: str
    when: Condition
    label: Words
    text: Words
    cite: tuple


@dataclass(frozen=True)
class Advice:
    text: str
    cite: tuple


@dataclass(frozen=True)
class Level:
    name: str
    title: Words
    summary: Words
    next_steps: Words  # a tuple of Advice for each audience


@dataclass(frozen=True)
class Ruleset:
    path: Path
    version: str
    topic: str
    topic_title: str
    title: Words
    intro: Words
    emergency_advice: Words
    questions: tuple
    steps: tuple
    flags: tuple
    considerations: tuple
    levels: dict
    references: dict  # key → the reference as the topic's article.toml has it

    @property
    def slug(self):
        return self.topic

    def question(self, name):
        return self.questions_by_name[name]

    @cached_property
    def questions_by_name(self):
        return {question.name: question for question in self.questions}

    def flag(self, name):
        return next(flag for flag in self.flags if flag.name == name)

    def consideration(self, name):
        return next(item for item in self.considerations if item.name == name)


# Reading a file, part by part. Each reader names where it is, so errors can too.


def check_fields(table, where, required, optional=()):
    if not isinstance(table, dict):
        raise RuleError(where, "must be a table")
    unknown = sorted(table.keys() - set(required) - set(optional))
    if unknown:
        raise RuleError(where, f"unknown field '{unknown[0]}'")
    missing = [name for name in required if name not in table]
    if missing:
        raise RuleError(where, f"missing field '{missing[0]}'")


def read_text(value, where, name, allow_empty=False):
    if not isinstance(value, str) or not (value.strip() or allow_empty):
        raise RuleError(where, f"'{name}' must be {'a' if allow_empty else 'a non-empty'} string")
    return value.strip()


def read_words(table, where, name, optional=False, read=read_text):
    """`name.patient` and `name.clinician`, read by `read`; with `optional`, either may be left out."""
    value = table.get(name, {} if optional else None)
    if optional:
        check_fields(value, f"{where}, '{name}'", required=(), optional=AUDIENCES)
        return Words(
            *(read(value.get(audience, ""), where, f"{name}.{audience}", True) for audience in AUDIENCES)
        )
    check_fields(value, f"{where}, '{name}'", required=AUDIENCES)
    return Words(*(read(value[audience], where, f"{name}.{audience}") for audience in AUDIENCES))


def read_int(value, where, name):
    if type(value) is not int:
        raise RuleError(where, f"'{name}' must be a whole number")
    return value


def read_name(value, where, field="name"):
    if not isinstance(value, str) or not value.replace("_", "").replace("-", "").isalnum():
        raise RuleError(where, f"'{field}' must be a name of letters, digits, _ or -")
    return value


def read_list(table, where, name, allow_empty=False):
    value = table.get(name)
    if not isinstance(value, list) or not (value or allow_empty):
        raise RuleError(where, f"'{name}' must be a {'' if allow_empty else 'non-empty '}list")
    return value


def read_cite(table, where, references, required=True):
    if "cite" not in table and not required:
        return ()
    keys = read_list(table, where, "cite")
    for key in keys:
        if key not in references:
            raise RuleError(where, f"cites '{key}', which is not a reference of the topic's {METADATA_FILE}")
    if len(set(keys)) != len(keys):
        raise RuleError(where, "cites a reference twice")
    return tuple(keys)


def read_question(table, index):
    where = f"question {index + 1}"
    name = read_name(table.get("name") if isinstance(table, dict) else None, where)
    where = f"question '{name}'"
    kind = table.get("type")
    if kind not in QUESTION_TYPES:
        raise RuleError(where, f"'type' must be one of {', '.join(QUESTION_TYPES)}")
    if kind == "integer":
        check_fields(table, where, ["name", "type", "text", "minimum", "maximum"], ["help", "required"])
        minimum = read_int(table["minimum"], where, "minimum")
        maximum = read_int(table["maximum"], where, "maximum")
        if minimum > maximum:
            raise RuleError(where, "'minimum' is more than 'maximum'")
        required = table.get("required", False)
        if not isinstance(required, bool):
            raise RuleError(where, "'required' must be true or false")
        return Question(
            name, kind, read_words(table, where, "text"), read_words(table, where, "help", optional=True),
            minimum=minimum, maximum=maximum, required=required,
        )  # fmt: skip
    if kind == "boolean_or_null":
        check_fields(table, where, ["name", "type", "text", "choices"], ["help"])
        choices = read_words(table, where, "choices", read=read_choices)
        return Question(
            name, kind, read_words(table, where, "text"), read_words(table, where, "help", optional=True),
            choices=choices,
        )  # fmt: skip
    check_fields(table, where, ["name", "type", "text"], ["help"])
    return Question(
        name, kind, read_words(table, where, "text"), read_words(table, where, "help", optional=True)
    )


def read_choices(value, where, name):
    if not isinstance(value, list) or len(value) != len(TRI_STATE_VALUES):
        raise RuleError(where, f"'{name}' must list three labels: for yes, for no, and for not tried yet")
    return tuple(read_text(label, where, name) for label in value)


def read_condition(table, where, questions):
    where = f"{where}, condition"
    when = table.get("when")
    if not isinstance(when, dict) or len(when) != 1 or next(iter(when)) not in ("any", "all"):
        raise RuleError(where, "write when.any = [...] or when.all = [...]")
    mode = next(iter(when))
    items = read_list(when, where, mode)
    return Condition(mode, tuple(read_test(item, where, questions) for item in items))


def read_test(item, where, questions):
    if isinstance(item, str):
        item = {"answer": item, "is": True}
    if not isinstance(item, dict) or "answer" not in item:
        raise RuleError(where, "each item is a yes/no question's name or a table with 'answer'")
    tests = sorted(item.keys() - {"answer"})
    if len(tests) != 1 or tests[0] not in TESTS:
        raise RuleError(where, f"each item needs exactly one test: {', '.join(TESTS)}")
    name, test, value = item["answer"], tests[0], item[tests[0]]
    question = questions.get(name)
    if question is None:
        raise RuleError(where, f"names an unknown answer '{name}'")
    if test not in TESTS_BY_TYPE[question.type]:
        allowed = " or ".join(TESTS_BY_TYPE[question.type])
        raise RuleError(where, f"'{name}' is a {question.type} question: test it with {allowed}")
    if test == "is" and not isinstance(value, bool):
        raise RuleError(where, f"'{name}': 'is' takes true or false")
    if test != "is" and type(value) is not int:
        raise RuleError(where, f"'{name}': '{test}' takes a whole number")
    return Test(name, test, value)


def read_step(table, index, questions):
    where = f"step {index + 1}"
    check_fields(table, where, ["name", "questions", "title"], ["hint"])
    where = f"step '{read_name(table['name'], where)}'"
    names = read_list(table, where, "questions")
    for name in names:
        if not isinstance(name, str) or name not in questions:
            raise RuleError(where, f"asks an unknown question {name!r}")
    return Step(
        table["name"], tuple(names), read_words(table, where, "title"),
        read_words(table, where, "hint", optional=True),
    )  # fmt: skip


def read_flag(table, index, questions, references):
    where = f"flag {index + 1}"
    check_fields(table, where, ["name", "level", "when", "label", "reason", "cite"])
    where = f"flag '{read_name(table['name'], where)}'"
    if table["level"] not in FLAG_LEVELS:
        raise RuleError(where, f"'level' must be one of {', '.join(FLAG_LEVELS)}")
    return Flag(
        table["name"], table["level"], read_condition(table, where, questions),
        read_words(table, where, "label"), read_words(table, where, "reason"),
        read_cite(table, where, references),
    )  # fmt: skip


def read_consideration(table, index, questions, references):
    where = f"consideration {index + 1}"
    check_fields(table, where, ["name", "when", "label", "text", "cite"])
    where = f"consideration '{read_name(table['name'], where)}'"
    return Consideration(
        table["name"], read_condition(table, where, questions), read_words(table, where, "label"),
        read_words(table, where, "text"), read_cite(table, where, references),
    )  # fmt: skip


def read_levels(table, references):
    check_fields(table, "levels", required=LEVELS)
    levels = {}
    for name in LEVELS:
        where = f"level '{name}'"
        level = table[name]
        check_fields(level, where, ["title", "summary", "next_steps"])
        check_fields(level["next_steps"], f"{where}, 'next_steps'", required=AUDIENCES)
        next_steps = Words(
            *(read_advice(level["next_steps"], where, audience, references) for audience in AUDIENCES)
        )
        levels[name] = Level(
            name, read_words(level, where, "title"), read_words(level, where, "summary"), next_steps
        )
    return levels


def read_advice(next_steps, where, audience, references):
    steps = []
    for index, step in enumerate(read_list(next_steps, where, audience)):
        step_where = f"{where}, {audience} next step {index + 1}"
        check_fields(step, step_where, ["text"], ["cite"])
        steps.append(
            Advice(
                read_text(step["text"], step_where, "text"), read_cite(step, step_where, references, False)
            )
        )
    return tuple(steps)


def unique(items, kind):
    seen = set()
    for item in items:
        if item.name in seen:
            raise RuleError(f"{kind} '{item.name}'", "the name is used twice")
        seen.add(item.name)


def check_steps(steps, questions, flags):
    asked = [name for step in steps for name in step.questions]
    for name in questions:
        if asked.count(name) != 1:
            raise RuleError(f"question '{name}'", f"must be in exactly one step, not {asked.count(name)}")
    # Patients meet the emergency questions first, so that a yes ends the check at once.
    emergency_answers = {name for flag in flags if flag.level == "emergency" for name in flag.when.answers}
    seen_other = None
    for step in steps:
        if emergency_answers & set(step.questions):
            if seen_other:
                raise RuleError(
                    f"step '{step.name}'", f"asks an emergency question after step '{seen_other}'"
                )
        else:
            seen_other = seen_other or step.name


def topic_references(topic, articles_dir):
    folder = Path(articles_dir) / topic
    try:
        source = read_topic(folder)
    except ContentError as error:
        raise RuleError("topic", f"cannot read the topic's files: {error}") from None
    if source.slug != topic:
        raise RuleError("topic", f"{folder / METADATA_FILE} is the topic '{source.slug}', not '{topic}'")
    return source.title, {reference["key"]: reference for reference in source.references}


def parse_ruleset(path, data, articles_dir):
    check_fields(
        data, "",
        ["version", "topic", "title", "intro", "emergency_advice", "questions", "steps", "flags",
         "considerations", "levels"],
    )  # fmt: skip
    version = read_text(data["version"], "version", "version")
    topic = read_name(data["topic"], "topic", "topic")
    if path.stem != topic:
        raise RuleError("topic", f"the file for topic '{topic}' must be named {topic}.toml")
    topic_title, references = topic_references(topic, articles_dir)
    questions = [read_question(table, index) for index, table in enumerate(read_list(data, "", "questions"))]
    unique(questions, "question")
    by_name = {question.name: question for question in questions}
    steps = [read_step(table, index, by_name) for index, table in enumerate(read_list(data, "", "steps"))]
    unique(steps, "step")
    flags = [
        read_flag(table, index, by_name, references)
        for index, table in enumerate(read_list(data, "", "flags"))
    ]
    considerations = [
        read_consideration(table, index, by_name, references)
        for index, table in enumerate(read_list(data, "", "considerations", allow_empty=True))
    ]
    unique([*flags, *considerations], "flag or consideration")
    check_steps(steps, by_name, flags)
    return Ruleset(
        path=path, version=version, topic=topic, topic_title=topic_title,
        title=read_words(data, "", "title"), intro=read_words(data, "", "intro"),
        emergency_advice=read_words(data, "", "emergency_advice"),
        questions=tuple(questions), steps=tuple(steps), flags=tuple(flags),
        considerations=tuple(considerations), levels=read_levels(data["levels"], references),
        references=references,
    )  # fmt: skip


def shown_path(path):
    path = Path(path).resolve()
    return path.relative_to(settings.BASE_DIR) if path.is_relative_to(settings.BASE_DIR) else path


def load_ruleset(path, articles_dir):
    """Read and check one rules file. Raises ImproperlyConfigured naming the file and the part."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return parse_ruleset(path, data, articles_dir)
    except (RuleError, tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as error:
        raise ImproperlyConfigured(f"{shown_path(path)}: {error}") from None


def load_rulesets(rules_dir, articles_dir):
    """Every rules file in `rules_dir`, by topic slug."""
    loaded = [load_ruleset(path, articles_dir) for path in sorted(Path(rules_dir).glob("*.toml"))]
    return {ruleset.topic: ruleset for ruleset in loaded}


@cache
def rulesets():
    """The site's rulesets, read once per process (at start-up, by the app's ready())."""
    rules_dir = getattr(settings, "GUIDELINE_RULES_DIR", RULES_DIR)
    return load_rulesets(rules_dir, settings.CONTENT_ARTICLES_DIR)


def get_ruleset(slug):
    """The ruleset of a topic, or None."""
    return rulesets().get(slug)
