"""Red flags several self-checks share, written once: guideline/rules/library/<name>.toml.

A rules file that names a library (`library = "spine"`) uses every flag of it but the
optional ones, and those optional ones it names in `library_flags`; it asks the library's
questions in its own steps, as it does its own, and may use its named conditions. The
library's citations must be references of each topic that uses it: `library_references`
renames a key where a topic cites the same kind of source under its own key (each region's
imaging criteria, say).
"""

from functools import cache
from pathlib import Path

from content.tomlfile import TomlFile
from guideline import rules_schema as schema
from guideline.rules_schema import RULES_PARTS

# Beside the rules files that use them.
LIBRARY_FOLDER = "library"


@cache
def read_library(path, shown_as):
    file = TomlFile.read(path, RULES_PARTS, shown_as=shown_as)
    return file, file.validate(schema.LibraryFile)


def library_for(file, rules, library_dir, shown_path):
    """(the library's file, its validated parts, {index in the file: flag} of the flags `rules`
    uses, their citations renamed to the topic's keys). Raises a FileFormatError."""
    path = Path(library_dir) / f"{rules.library}.toml"
    if not path.is_file():
        raise file.error(("library",), f"no library '{rules.library}': {shown_path(path)} does not exist")
    library_file, library = read_library(path, shown_path(path))
    optional = {flag.name for flag in library.flags if flag.optional}
    for index, name in enumerate(rules.library_flags):
        if name not in optional:
            raise file.error(("library_flags", index), f"'{name}' is not an optional flag of the library")
    used = {
        index: renamed_cites(flag, rules.library_references)
        for index, flag in enumerate(library.flags)
        if not flag.optional or flag.name in rules.library_flags
    }
    return library_file, library, used


def renamed_cites(flag, renames):
    """A copy of the flag citing the topic's keys for its sources."""

    def rename(keys):
        return [renames.get(key, key) for key in keys]

    def advice(entries):
        return [entry.model_copy(update={"cite": rename(entry.cite)}) for entry in entries]

    steps = flag.next_steps
    next_steps = steps.model_copy(
        update={"patient": advice(steps.patient), "clinician": advice(steps.clinician)}
    )
    return flag.model_copy(update={"cite": rename(flag.cite), "next_steps": next_steps})
