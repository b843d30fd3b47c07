"""Word-level differences between two texts, for reviewers."""

import difflib
import re

TOKEN_RE = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """[(op, text)] with op "equal", "insert" or "delete", covering both texts in order."""
    old_tokens, new_tokens = TOKEN_RE.findall(old), TOKEN_RE.findall(new)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    pieces = []
    for op, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if op in ("delete", "replace"):
            pieces.append(("delete", "".join(old_tokens[old_start:old_end])))
        if op in ("insert", "replace"):
            pieces.append(("insert", "".join(new_tokens[new_start:new_end])))
        if op == "equal":
            pieces.append(("equal", "".join(old_tokens[old_start:old_end])))
    return pieces


def changed_words(pieces):
    """How many words were inserted and deleted."""
    inserted = sum(len(text.split()) for op, text in pieces if op == "insert")
    deleted = sum(len(text.split()) for op, text in pieces if op == "delete")
    return inserted, deleted
