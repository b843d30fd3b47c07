"""Who a text is for: the two audiences, their labels, and how a value names one.

Defined once, at the bottom of the house, so topics, the self-check rules, the reader's
pages and the APIs all mean the same two words.
"""

PATIENT = "patient"
CLINICIAN = "clinician"
AUDIENCES = (PATIENT, CLINICIAN)
AUDIENCE_LABELS = {
    PATIENT: "Patient or caregiver",
    CLINICIAN: "Healthcare professional",
}
UNKNOWN_AUDIENCE = "Must be patient or clinician."


class UnknownAudience(ValueError):
    def __init__(self):
        super().__init__(UNKNOWN_AUDIENCE)


def parse_audience(value, default=PATIENT):
    """Strict, for APIs: `value` when it names an audience, `default` when it is absent.

    Raises UnknownAudience for anything else, so the caller can answer 400 naming the field.
    """
    if value is None or value == "":
        return default
    if value not in AUDIENCES:
        raise UnknownAudience()
    return value


def audience_or(value, default=PATIENT):
    """Lenient, for pages: `value` when it names an audience, otherwise `default`."""
    return value if value in AUDIENCES else default
