"""The codes a topic explains: ICD-10-CM and SNOMED CT, each checked for its system's form."""

import re

ICD10CM = "ICD-10-CM"
SNOMED_CT = "SNOMED CT"
CODE_SYSTEMS = (ICD10CM, SNOMED_CT)
# A code's fields, in the order article.toml holds them.
CODE_FIELDS = ("system", "code", "display", "source")
# A category (letter, digit, digit or letter), then after the dot up to four more characters:
# M54.6, M54.61, S22.000A. EHRs sometimes leave the dot out (M5461); compare without it.
ICD10CM_RE = re.compile(r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?")
# A SNOMED CT concept id: 6 to 18 digits, no leading zero.
SNOMED_RE = re.compile(r"[1-9][0-9]{5,17}")
# Verhoeff's tables: the last digit of every SNOMED CT identifier checks the others.
VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]
# The partition digits of an id that names a concept: of the international release, or of an extension.
CONCEPT_PARTITIONS = ("00", "10")


def verhoeff_valid(digits):
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = VERHOEFF_D[check][VERHOEFF_P[position % 8][int(digit)]]
    return check == 0


def is_icd10cm(code):
    return bool(ICD10CM_RE.fullmatch(code))


def is_snomed_concept(code):
    """A SNOMED CT concept id: digits, a concept's partition, and a right check digit."""
    return bool(SNOMED_RE.fullmatch(code)) and code[-3:-1] in CONCEPT_PARTITIONS and verhoeff_valid(code)


def icd10cm_key(code):
    """The code as compared: capitals, without its dot."""
    return code.strip().upper().replace(".", "")


def code_line(code):
    """A code as the editor's text box holds it, one a line."""
    return " | ".join(code[name] for name in CODE_FIELDS)
