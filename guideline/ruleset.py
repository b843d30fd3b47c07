"""Self-check rules as data: one TOML file a topic, read and checked once per process.

A file is `guideline/rules/<topic-slug>.toml`. It holds the questions, the steps a
patient answers them in, the red flags (each with a triage level, a declarative
condition and the topic references it rests on), the considerations, and what each
triage level tells a patient and a clinician. The format is declared in
guideline.rules_schema; what a schema cannot say (names that must exist, the order of
steps, citation keys of the topic) is checked here. Anything wrong stops start-up with
a message naming the file, the line and the part at fault.

Conditions (a rule's `when`, a step's `when`, the named `[conditions]`) are written in
the language of guideline.conditions: nested any/all/not, at-least-N, tests of answers.
"""

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from content.audience import AUDIENCES
from content.errors import FileFormatError
from content.sources import METADATA_FILE, read_topic
from content.tomlfile import TomlFile
from guideline import rules_schema as schema
from guideline.conditions import ConditionError, Reader
from guideline.library import LIBRARY_FOLDER, library_for
from guideline.rules_schema import LEVELS, RULES_PARTS, TRI_STATE_VALUES

RULES_DIR = Path(__file__).resolve().parent / "rules"
LEVEL_LABELS = {"emergency": "Emergency", "urgent": "Urgent", "routine": "Routine", "self_care": "Self-care"}


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


# From the file's validated parts to the objects above. `file` (a content.tomlfile.TomlFile)
# makes the errors: each names a data path, which gives the line and the part.


def words(entry, convert=str):
    return Words(*(convert(getattr(entry, audience)) for audience in AUDIENCES))


def question_of(entry):
    fields = {name: getattr(entry, name) for name in type(entry).model_fields}
    fields.update(text=words(entry.text), help=words(entry.help))
    if "choices" in fields:
        fields["choices"] = words(entry.choices, tuple)
    if "options" in fields:
        fields["options"] = tuple(entry.options)
    return Question(**fields)


def cites(file, path, keys, references):
    for key in keys:
        if key not in references:
            raise file.error(path, f"cites '{key}', which is not a reference of the topic's {METADATA_FILE}")
    return tuple(keys)


def advice_of(file, path, entries, references):
    return tuple(
        Advice(entry.text, cites(file, (*path, index, "cite"), entry.cite, references))
        for index, entry in enumerate(entries)
    )


def next_steps_of(file, path, entry, references):
    return Words(
        *(advice_of(file, (*path, audience), getattr(entry, audience), references) for audience in AUDIENCES)
    )


def condition(file, path, value, reader):
    try:
        return reader.read(value)
    except ConditionError as error:
        raise file.error(path, str(error)) from None


def named_conditions(file, conditions, questions, named=None):
    """The file's `[conditions]`: each may use the ones named before it (and `named`)."""
    named = dict(named or {})
    for name, value in conditions.items():
        named[name] = condition(file, ("conditions", name), value, Reader(questions, dict(named)))
    return named


def step_of(file, index, entry, questions, named):
    for position, name in enumerate(entry.questions):
        if name not in questions:
            raise file.error(("steps", index, "questions", position), f"asks an unknown question '{name}'")
    when = entry.when
    if when is not None:
        when = condition(file, ("steps", index, "when"), when, Reader(questions, named))
    none_label = Words(*(getattr(entry.none_label, audience) or "None of these" for audience in AUDIENCES))
    return Step(
        entry.name, tuple(entry.questions), words(entry.title), words(entry.hint), none_label, when=when
    )


def flag_of(file, index, entry, reader, references):
    return Flag(
        entry.name, entry.level, condition(file, ("flags", index, "when"), entry.when, reader),
        words(entry.label), words(entry.reason),
        cites(file, ("flags", index, "cite"), entry.cite, references),
        next_steps_of(file, ("flags", index, "next_steps"), entry.next_steps, references),
    )  # fmt: skip


def flags_of(file, entries, questions, named, references, earlier=()):
    """The flags in file order: a flag's condition may name the flags written before it, and
    the `earlier` ones. `entries` is {index in the file: entry}."""
    flags = []
    for index, entry in entries.items():
        reader = Reader(questions, named, flags={flag.name for flag in (*earlier, *flags)})
        flags.append(flag_of(file, index, entry, reader, references))
    return tuple(flags)


def consideration_of(file, index, entry, reader, references):
    return Consideration(
        entry.name, condition(file, ("considerations", index, "when"), entry.when, reader),
        words(entry.label), words(entry.text),
        cites(file, ("considerations", index, "cite"), entry.cite, references),
    )  # fmt: skip


def level_of(file, name, entry, references):
    next_steps = next_steps_of(file, ("levels", name, "next_steps"), entry.next_steps, references)
    return Level(name, words(entry.title), words(entry.summary), next_steps)


def unique(file, *collections):
    """Every item of the `collections` (names of the file's lists, with their items) has its own name."""
    seen = set()
    for collection, items in collections:
        for index, item in enumerate(items):
            if item.name in seen:
                raise file.error((collection, index, "name"), "the name is used twice")
            seen.add(item.name)


def check_steps(file, steps, questions, flags):
    asked = [name for step in steps for name in step.questions]
    for index, name in enumerate(questions):
        if asked.count(name) != 1:
            raise file.error(("questions", index), f"must be in exactly one step, not {asked.count(name)}")
    conditions = {flag.name: flag.when for flag in flags}
    asked_before = set()
    for index, step in enumerate(steps):
        # A patient meets a step's condition with the answers of the steps before it.
        if step.when and not step.when.answers(conditions) <= asked_before:
            raise file.error(
                ("steps", index, "when"), "its condition uses answers of this step or later ones"
            )
        asked_before |= set(step.questions)
    # Patients meet the emergency questions first, so that a yes ends the check at once.
    emergency_answers = {
        name for flag in flags if flag.level == "emergency" for name in flag.when.answers(conditions)
    }
    seen_other = None
    for index, step in enumerate(steps):
        if not emergency_answers & set(step.questions):
            seen_other = seen_other or step.name
        elif seen_other:
            raise file.error(("steps", index), f"asks an emergency question after step '{seen_other}'")


def check_shared(file, library, shared_flags, own_flags, steps, flags):
    """The topic's flags have names of their own, and its steps ask what the library's need."""
    shared_names = {flag.name for flag in shared_flags}
    for index, flag in enumerate(own_flags):
        if flag.name in shared_names:
            raise file.error(("flags", index, "name"), f"the library '{library}' has a flag of this name")
    conditions = {flag.name: flag.when for flag in flags}
    asked = {name for step in steps for name in step.questions}
    for flag in shared_flags:
        if missing := sorted(flag.when.answers(conditions) - asked):
            raise file.error(
                ("library",),
                f"no step asks {', '.join(missing)}, which the library's flag '{flag.name}' needs",
            )


def topic_references(file, topic, articles_dir):
    if file.path.stem != topic:
        raise file.error(("topic",), f"the file for topic '{topic}' must be named {topic}.toml")
    folder = Path(articles_dir) / topic
    try:
        source = read_topic(folder)
    except FileFormatError as error:
        raise file.error(("topic",), f"cannot read the topic's files: {error}") from None
    if source.slug != topic:
        raise file.error(("topic",), f"{folder / METADATA_FILE} is the topic '{source.slug}', not '{topic}'")
    return source.title, {reference["key"]: reference for reference in source.references}


def parse_ruleset(path, file, articles_dir):
    rules = file.validate(schema.RulesFile)
    topic_title, references = topic_references(file, rules.topic, articles_dir)
    questions = tuple(question_of(entry) for entry in rules.questions)
    unique(file, ("questions", questions))
    by_name = {question.name: question for question in questions}
    shared_flags, named = (), {}
    if rules.library:
        library_file, library, used_flags = library_for(file, rules, path.parent / LIBRARY_FOLDER, shown_path)
        offered = {entry.name: question_of(entry) for entry in library.questions}
        by_name = offered | by_name
        named = named_conditions(library_file, library.conditions, by_name)
        shared_flags = flags_of(library_file, used_flags, by_name, named, references)
    named = named_conditions(file, rules.conditions, by_name, named)
    steps = tuple(step_of(file, index, entry, by_name, named) for index, entry in enumerate(rules.steps))
    unique(file, ("steps", steps))
    own_flags = flags_of(file, dict(enumerate(rules.flags)), by_name, named, references, shared_flags)
    # The library's and the topic's flags together, most urgent first (each keeps its order).
    flags = tuple(sorted((*shared_flags, *own_flags), key=lambda flag: LEVELS.index(flag.level)))
    every_flag = Reader(by_name, named, flags={flag.name for flag in flags})
    considerations = tuple(
        consideration_of(file, index, entry, every_flag, references)
        for index, entry in enumerate(rules.considerations)
    )
    unique(file, ("flags", own_flags), ("considerations", considerations))
    check_shared(file, rules.library, shared_flags, own_flags, steps, flags)
    asked = {name for step in steps for name in step.questions}
    own = {question.name for question in questions}
    questions += tuple(question for name, question in by_name.items() if name in asked and name not in own)
    check_steps(file, steps, {question.name: question for question in questions}, flags)
    return Ruleset(
        path=path, version=rules.version, topic=rules.topic, topic_title=topic_title,
        title=words(rules.title), intro=words(rules.intro), emergency_advice=words(rules.emergency_advice),
        questions=questions, steps=steps, flags=flags, considerations=considerations,
        levels={name: level_of(file, name, getattr(rules.levels, name), references) for name in LEVELS},
        references=references,
    )  # fmt: skip


def shown_path(path):
    path = Path(path).resolve()
    return path.relative_to(settings.BASE_DIR) if path.is_relative_to(settings.BASE_DIR) else path


def load_ruleset(path, articles_dir):
    """Read and check one rules file. Raises ImproperlyConfigured naming the file, line and part."""
    path = Path(path)
    try:
        return parse_ruleset(path, TomlFile.read(path, RULES_PARTS, shown_as=shown_path(path)), articles_dir)
    except FileFormatError as error:
        raise ImproperlyConfigured(str(error)) from None
    except (OSError, UnicodeDecodeError) as error:
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
