"""TOML files read with their text, so that every problem names its line and its part.

tomllib gives data without line numbers. An index of the text maps each table header
and key to the data path it defines (("flags", 3, "when")), the path a schema error or
a cross-check names, so both can say where the author should look.
"""

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from content.errors import FileFormatError

# Headers and keys hold only bare or quoted key characters: a line of a multi-line
# array ("  [1, 2]," or "  { all = ... }") is neither.
HEADER_RE = re.compile(r"^\s*(\[\[?)\s*([\w.\-\" ]+?)\s*\]\]?\s*(?:#.*)?$")
KEY_RE = re.compile(r"^\s*([\w\-\"]+(?:\s*\.\s*[\w\-\"]+)*)\s*=")
TOML_LINE_RE = re.compile(r"at line (\d+)")
# The schema's errors in an author's words, by pydantic error type; any other keeps
# its own message (the validators below write theirs for authors already).
MESSAGES = {
    "string_type": "must be a string",
    "string_too_short": "must be a non-empty string",
    "int_type": "must be a whole number",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "too_short": "must be a non-empty list",
    "model_type": "must be a table",
    "dict_type": "must be a table",
    "literal_error": "must be {expected}",
    "union_tag_invalid": "must be one of {expected_tags}",
}
# Errors that are about a field of a table rather than a value: named at the table.
FIELD_ERRORS = {"missing": "missing", "union_tag_not_found": "missing", "extra_forbidden": "unknown"}


class Schema(BaseModel):
    """A part of a file: exactly the fields it declares, each of exactly its type (true is no number)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


def checked(test, message):
    """A validator for an Annotated type: the value if `test(value)` holds, else `message`."""

    def check(value):
        if not test(value):
            raise PydanticCustomError("invalid", message)
        return value

    return AfterValidator(check)


def dotted_keys(text):
    return tuple(part.strip().strip('"') for part in text.split("."))


def header_path(names, counts, new_item):
    """The data path a header opens. An array of tables along it means its last item so far;
    `[[...]]` adds an item to the array it names."""
    path = ()
    for position, name in enumerate(names):
        path += (name,)
        if new_item and position == len(names) - 1:
            counts[path] = counts.get(path, 0) + 1
        if path in counts:
            path += (counts[path] - 1,)
    return path


def index_lines(text):
    """(data path, line number) of every table header and key, in file order."""
    counts, table, lines = {}, (), []
    for number, line in enumerate(text.splitlines(), start=1):
        if header := HEADER_RE.match(line):
            table = header_path(dotted_keys(header.group(2)), counts, new_item=header.group(1) == "[[")
            lines.append((table, number))
        elif key := KEY_RE.match(line):
            lines.append((table + dotted_keys(key.group(1)), number))
    return lines


def line_of(lines, path):
    """The first line of the part at `path`, or of the nearest part holding it (the file's
    first line for the file itself); `lines` as index_lines gives them."""
    path = tuple(path)
    for length in range(len(path), 0, -1):
        for defined, number in lines:
            if defined[:length] == path[:length]:
                return number
    return 1


@dataclass(frozen=True)
class TomlFile:
    """One file's text and data. `parts` names the items of its collections, for messages:
    {"flags": ("flag", "name")} says flags[3] is "flag '<its name>'"; a naming field of
    None names a table's items by their keys ("level 'urgent'")."""

    path: Path  # as messages show it
    text: str = field(repr=False)
    data: dict = field(repr=False)
    parts: dict = field(default_factory=dict)

    @classmethod
    def read(cls, path, parts=None, shown_as=None):
        shown_as = shown_as or path
        text = Path(path).read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            line = TOML_LINE_RE.search(str(error))
            line = int(line.group(1)) if line else None
            raise FileFormatError(shown_as, line, f"malformed TOML: {error}") from None
        return cls(shown_as, text, data, parts or {})

    @cached_property
    def lines(self):
        return index_lines(self.text)

    def line_of(self, path):
        return line_of(self.lines, path)

    def error(self, path, message, line_at=None):
        """A FileFormatError about the part at `path`, on the line of `line_at` (default `path`)."""
        return FileFormatError(self.path, self.line_of(line_at or path), message, self.where(path))

    def validate(self, schema):
        """The data as an instance of `schema`; else the error that comes first in the file."""
        try:
            return schema.model_validate(self.data)
        except ValidationError as error:
            errors = [self.schema_error(item) for item in error.errors()]
            # A misspelt field is both unknown and missing: its unknown name says more.
            raise min(errors, key=lambda e: (e.line, e.message.startswith("missing"))) from None

    def schema_error(self, error):
        path = self.data_path(error["loc"])
        context = error.get("ctx", {})
        if "discriminator" in context:
            path += (context["discriminator"].strip("'"),)
        if error["type"] in FIELD_ERRORS:
            return self.error(path[:-1], f"{FIELD_ERRORS[error['type']]} field '{path[-1]}'", line_at=path)
        message = MESSAGES[error["type"]].format(**context) if error["type"] in MESSAGES else error["msg"]
        return self.error(path, message)

    def data_path(self, loc):
        """A pydantic error's location as a path into the data: without the union tags and
        "[key]" markers pydantic adds, which the file does not hold."""
        path, node = (), self.data
        for position, part in enumerate(loc):
            if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int):
                node = node[part]
            elif position < len(loc) - 1 or part == "[key]":
                continue
            path += (part,)
        return path

    def where(self, path):
        """The part at `path` as an author knows it: "flag 'fever', 'reason.patient'"."""
        label, rest = "", path
        if len(path) > 1 and path[0] in self.parts:
            kind, naming = self.parts[path[0]]
            item = self.data[path[0]][path[1]]
            name = path[1] if naming is None else item.get(naming) if isinstance(item, dict) else None
            if isinstance(name, str):
                label, rest = f"{kind} '{name}'", path[2:]
        field_path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in rest)
        return ", ".join(filter(None, (label, f"'{field_path.lstrip('.')}'" if field_path else "")))
