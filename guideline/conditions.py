"""The condition language of the rules files: when a flag, a consideration or a step applies.

A condition is written in TOML as one of:

- `"fever"`: the yes/no question `fever` was answered yes;
- `{ answer = "age", above = 50 }`: one test of one answer (see TESTS below);
- `{ any = [...] }`, `{ all = [...] }`: some or every condition of a list;
- `{ at_least = 2, of = [...] }`: at least that many conditions of a list;
- `{ not = ... }`: the condition does not hold;
- `{ flag = "malignancy" }`: a flag written earlier in the file was raised;
- `{ condition = "older_age" }`: a condition named in the file's `[conditions]` table.

A rule's `when` is a condition, so `when.any = [...]` reads as before.

Each condition answers `met_by(answers, raised)`: None when it does not hold, otherwise
the names of the answers that made it hold (for "because you said"). A `not` holds
because of something absent, so it names no answer.
"""

import operator
from dataclasses import dataclass

COMPARISONS = {"above": operator.gt, "at_least": operator.ge}
# The tests a condition may make of an answer, by question type. "is" compares with a
# value of the question's own kind; "is_null" holds when the answer is null (not given).
TESTS_BY_TYPE = {
    "integer": ("above", "at_least"),
    "boolean": ("is",),
    "boolean_or_null": ("is", "is_null"),
    "choice": ("is", "is_null"),
}
COMBINATIONS = ({"any"}, {"all"}, {"not"}, {"at_least", "of"}, {"flag"}, {"condition"})


class ConditionError(Exception):
    """A condition that cannot be read; the message says what is wrong with it."""


def joined(results):
    """The answer names of several met conditions, each once, in order."""
    return tuple(dict.fromkeys(name for result in results for name in result))


@dataclass(frozen=True)
class Test:
    answer: str
    test: str
    value: object

    def met_by(self, answers, raised):
        given = answers.get(self.answer)
        if self.test == "is_null":
            held = given is None
        elif self.test == "is":
            # An answer of 1 is not "yes", and null (not tried) is not false.
            held = type(given) is type(self.value) and given == self.value
        else:
            held = type(given) is int and COMPARISONS[self.test](given, self.value)
        return (self.answer,) if held else None

    def answers(self, rules):
        return {self.answer}


@dataclass(frozen=True)
class AtLeast:
    count: int
    items: tuple

    def met_by(self, answers, raised):
        met = [result for item in self.items if (result := item.met_by(answers, raised)) is not None]
        return joined(met) if len(met) >= self.count else None

    def answers(self, rules):
        return set().union(*(item.answers(rules) for item in self.items))


def any_of(items):
    return AtLeast(1, tuple(items))


def all_of(items):
    return AtLeast(len(items), tuple(items))


@dataclass(frozen=True)
class Not:
    item: object

    def met_by(self, answers, raised):
        return () if self.item.met_by(answers, raised) is None else None

    def answers(self, rules):
        return self.item.answers(rules)


@dataclass(frozen=True)
class FlagRaised:
    """A flag evaluated before this condition: `raised` maps each raised flag to its answers."""

    flag: str

    def met_by(self, answers, raised):
        return raised.get(self.flag)

    def answers(self, rules):
        return rules[self.flag].answers(rules)


class Reader:
    """Reads conditions for one rules file, checking every name against what the file defines.

    `questions` are the file's questions by name; `named` its named conditions so far;
    `flags` the names of the flags a condition may refer to (those written before it).
    """

    def __init__(self, questions, named=None, flags=()):
        self.questions = questions
        self.named = named or {}
        self.flags = flags

    def read(self, value):
        if isinstance(value, str):
            return self.read_test({"answer": value, "is": True})
        if not isinstance(value, dict):
            raise ConditionError(f"{value!r} is neither a question's name nor a table")
        if "answer" in value:
            return self.read_test(value)
        keys = set(value)
        if keys not in COMBINATIONS:
            raise ConditionError(
                f"a table with {', '.join(sorted(keys)) or 'nothing'}: write answer = ..., any = [...], "
                "all = [...], not = ..., at_least = N with of = [...], flag = ... or condition = ..."
            )
        if keys == {"not"}:
            return Not(self.read(value["not"]))
        if keys == {"flag"}:
            if value["flag"] not in self.flags:
                raise ConditionError(f"flag '{value['flag']}' is not a flag written before this one")
            return FlagRaised(value["flag"])
        if keys == {"condition"}:
            if value["condition"] not in self.named:
                raise ConditionError(f"names an unknown condition '{value['condition']}'")
            return self.named[value["condition"]]
        if keys == {"any"}:
            return any_of(self.read_list(value["any"], "any"))
        if keys == {"all"}:
            return all_of(self.read_list(value["all"], "all"))
        items = self.read_list(value["of"], "of")
        count = value["at_least"]
        if type(count) is not int or not 1 <= count <= len(items):
            raise ConditionError(f"'at_least' must be a whole number from 1 to {len(items)}")
        return AtLeast(count, items)

    def read_list(self, items, name):
        if not isinstance(items, list) or not items:
            raise ConditionError(f"'{name}' must be a non-empty list")
        return tuple(self.read(item) for item in items)

    def read_test(self, item):
        tests = sorted(item.keys() - {"answer"})
        every_test = sorted({test for tests in TESTS_BY_TYPE.values() for test in tests})
        if len(tests) != 1 or tests[0] not in every_test:
            raise ConditionError(f"a test of an answer needs exactly one of: {', '.join(every_test)}")
        name, test, value = item["answer"], tests[0], item[tests[0]]
        question = self.questions.get(name)
        if question is None:
            raise ConditionError(f"names an unknown answer '{name}'")
        if test not in TESTS_BY_TYPE[question.type]:
            allowed = " or ".join(TESTS_BY_TYPE[question.type])
            raise ConditionError(f"'{name}' is a question of type {question.type}: test it with {allowed}")
        if test == "is_null" and value is not True:
            raise ConditionError(f"'{name}': write is_null = true")
        if test == "is" and question.type == "choice" and value not in question.options:
            raise ConditionError(f"'{name}': 'is' takes one of {', '.join(question.options)}")
        if test == "is" and question.type != "choice" and not isinstance(value, bool):
            raise ConditionError(f"'{name}': 'is' takes true or false")
        if test in COMPARISONS and type(value) is not int:
            raise ConditionError(f"'{name}': '{test}' takes a whole number")
        return Test(name, test, value)
