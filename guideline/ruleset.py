"""Self-check rules as data: one TOML file a topic, read and checked once per process.

A file is `guideline/rules/<topic-slug>.toml`. It holds the questions, the steps a
patient answers them in, the red flags (each with a triage level, a declarative
condition and the topic references it rests on), the considerations, and what each
triage level tells a patient and a clinician. Anything wrong stops start-up with a
message naming the file and the part at fault.

Conditions (a rule's `when`, a step's `when`, the named `[conditions]`) are written in
the language of guideline.conditions: nested any/all/not, at-least-N, tests of answers.
"""

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from content.audience import AUDIENCES
from content.sources import METADATA_FILE, ContentError, read_topic
from guideline.conditions import ConditionError, Reader

RULES_DIR = Path(__file__).resolve().parent / "rules"
# Most urgent first: the most urgent level any flag raises is the outcome.
LEVELS = ("emergency", "urgent", "routine", "self_care")
FLAG_LEVELS = LEVELS[:-1]
LEVEL_LABELS = {"emergency": "Emergency", "urgent": "Urgent", "routine": "Routine", "self_care": "Self-care"}
QUESTION_TYPES = ("integer", "boolean", "boolean_or_null", "choice")
# The answers a yes/no/not-tried question offers, in the order of its `choices`.
TRI_STATE_VALUES = (True, False, None)


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
    choices: Words | None = None  # labels for each of `values`, for boolean_or_null and choice
    options: tuple = ()  # choice only: the values it takes besides null
    minimum: int | None = None
    maximum: int | None = None
    below_minimum: str = ""  # integer only: what to say of an answer below the minimum
    required: bool = False

    def default(self):
        """What a left-out answer means: no for yes/no, null for the others."""
        return False if self.type == "boolean" else None

    @property
    def values(self):
        """The answers a one-choice question takes, in the order of its `choices` labels; else ()."""
        if self.type == "boolean_or_null":
            return TRI_STATE_VALUES
        return (*self.options, None) if self.type == "choice" else ()


@dataclass(frozen=True)
class Step:
    name: str
    questions: tuple
    title: Words
    hint: Words
    none_label: Words  # the "None of these" box of a patient's step
    when: object = None  # a condition: the step is asked only when it holds

    def asked(self, answers, raised=None):
        return self.when is None or self.when.met_by(answers, raised or {}) is not None


@dataclass(frozen=True)
class Flag:
    name: str
    level: str
    when: object  # a condition (guideline.conditions)
    label: Words
    reason: Words
    cite: tuple
    next_steps: Words  # a tuple of Advice for each audience


@dataclass(frozen=True)
class Consideration:
    name: str
    when: object
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
    fields = {
        "text": read_words(table, where, "text"),
        "help": read_words(table, where, "help", optional=True),
    }
    if kind == "integer":
        check_fields(
            table,
            where,
            ["name", "type", "text", "minimum", "maximum"],
            ["help", "required", "below_minimum"],
        )
        minimum = read_int(table["minimum"], where, "minimum")
        maximum = read_int(table["maximum"], where, "maximum")
        if minimum > maximum:
            raise RuleError(where, "'minimum' is more than 'maximum'")
        required = table.get("required", False)
        if not isinstance(required, bool):
            raise RuleError(where, "'required' must be true or false")
        below_minimum = read_text(table.get("below_minimum", ""), where, "below_minimum", allow_empty=True)
        return Question(
            name, kind, **fields, minimum=minimum, maximum=maximum, below_minimum=below_minimum,
            required=required,
        )  # fmt: skip
    if kind == "boolean_or_null":
        check_fields(table, where, ["name", "type", "text", "choices"], ["help"])
        return Question(name, kind, **fields, choices=read_choices(table, where, TRI_STATE_VALUES))
    if kind == "choice":
        check_fields(table, where, ["name", "type", "text", "options", "choices"], ["help"])
        options = tuple(read_name(option, where, "options") for option in read_list(table, where, "options"))
        if len(set(options)) != len(options):
            raise RuleError(where, "'options' lists a value twice")
        return Question(
            name, kind, **fields, options=options, choices=read_choices(table, where, (*options, None))
        )
    check_fields(table, where, ["name", "type", "text"], ["help"])
    return Question(name, kind, **fields)


def read_choices(table, where, values):
    """The labels of a one-choice question: one for each of `values` (null last)."""

    def read_labels(value, where, name):
        if not isinstance(value, list) or len(value) != len(values):
            shown = ", ".join("null" if value is None else str(value).lower() for value in values)
            raise RuleError(where, f"'{name}' must list {len(values)} labels: for {shown}")
        return tuple(read_text(label, where, name) for label in value)

    return read_words(table, where, "choices", read=read_labels)


def read_condition(value, where, reader):
    try:
        return reader.read(value)
    except ConditionError as error:
        raise RuleError(f"{where}, condition", str(error)) from None


def read_when(table, where, reader):
    if "when" not in table:
        raise RuleError(where, "missing field 'when'")
    return read_condition(table["when"], where, reader)


def read_named_conditions(table, questions):
    """The file's `[conditions]`: each may use the ones named before it."""
    if not isinstance(table, dict):
        raise RuleError("conditions", "must be a table")
    named = {}
    for name, value in table.items():
        where = f"condition '{read_name(name, 'conditions')}'"
        named[name] = read_condition(value, where, Reader(questions, dict(named)))
    return named


def read_step(table, index, questions, named):
    where = f"step {index + 1}"
    check_fields(table, where, ["name", "questions", "title"], ["hint", "none_label", "when"])
    where = f"step '{read_name(table['name'], where)}'"
    names = read_list(table, where, "questions")
    for name in names:
        if not isinstance(name, str) or name not in questions:
            raise RuleError(where, f"asks an unknown question {name!r}")
    none_label = read_words(table, where, "none_label", optional=True)
    return Step(
        table["name"], tuple(names), read_words(table, where, "title"),
        read_words(table, where, "hint", optional=True),
        none_label=Words(none_label.patient or "None of these", none_label.clinician or "None of these"),
        when=read_when(table, where, Reader(questions, named)) if "when" in table else None,
    )  # fmt: skip


def read_flag(table, index, reader, references):
    where = f"flag {index + 1}"
    where = f"flag '{read_name(table.get('name') if isinstance(table, dict) else None, where)}'"
    check_fields(table, where, ["name", "level", "when", "label", "reason", "cite", "next_steps"])
    if table["level"] not in FLAG_LEVELS:
        raise RuleError(where, f"'level' must be one of {', '.join(FLAG_LEVELS)}")
    return Flag(
        table["name"], table["level"], read_when(table, where, reader),
        read_words(table, where, "label"), read_words(table, where, "reason"),
        read_cite(table, where, references), read_next_steps(table["next_steps"], where, references),
    )  # fmt: skip


def read_flags(tables, questions, named, references):
    """The flags in file order: a flag's condition may name the flags written before it."""
    flags = []
    for index, table in enumerate(tables):
        reader = Reader(questions, named, flags={flag.name for flag in flags})
        flags.append(read_flag(table, index, reader, references))
    return flags


def read_consideration(table, index, reader, references):
    where = f"consideration {index + 1}"
    check_fields(table, where, ["name", "when", "label", "text", "cite"])
    where = f"consideration '{read_name(table['name'], where)}'"
    return Consideration(
        table["name"], read_when(table, where, reader), read_words(table, where, "label"),
        read_words(table, where, "text"), read_cite(table, where, references),
    )  # fmt: skip


def read_levels(table, references):
    check_fields(table, "levels", required=LEVELS)
    levels = {}
    for name in LEVELS:
        where = f"level '{name}'"
        level = table[name]
        check_fields(level, where, ["title", "summary", "next_steps"])
        levels[name] = Level(
            name, read_words(level, where, "title"), read_words(level, where, "summary"),
            read_next_steps(level["next_steps"], where, references),
        )  # fmt: skip
    return levels


def read_next_steps(next_steps, where, references):
    check_fields(next_steps, f"{where}, 'next_steps'", required=AUDIENCES)
    return Words(*(read_advice(next_steps, where, audience, references) for audience in AUDIENCES))


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
    conditions = {flag.name: flag.when for flag in flags}
    asked_before = set()
    for step in steps:
        # A patient meets a step's condition with the answers of the steps before it.
        if step.when and not step.when.answers(conditions) <= asked_before:
            raise RuleError(f"step '{step.name}'", "its condition uses answers of this step or later ones")
        asked_before |= set(step.questions)
    # Patients meet the emergency questions first, so that a yes ends the check at once.
    emergency_answers = {
        name for flag in flags if flag.level == "emergency" for name in flag.when.answers(conditions)
    }
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
        ["conditions"],
    )  # fmt: skip
    version = read_text(data["version"], "version", "version")
    topic = read_name(data["topic"], "topic", "topic")
    if path.stem != topic:
        raise RuleError("topic", f"the file for topic '{topic}' must be named {topic}.toml")
    topic_title, references = topic_references(topic, articles_dir)
    questions = [read_question(table, index) for index, table in enumerate(read_list(data, "", "questions"))]
    unique(questions, "question")
    by_name = {question.name: question for question in questions}
    named = read_named_conditions(data.get("conditions", {}), by_name)
    steps = [
        read_step(table, index, by_name, named) for index, table in enumerate(read_list(data, "", "steps"))
    ]
    unique(steps, "step")
    flags = read_flags(read_list(data, "", "flags"), by_name, named, references)
    every_flag = Reader(by_name, named, flags={flag.name for flag in flags})
    considerations = [
        read_consideration(table, index, every_flag, references)
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
