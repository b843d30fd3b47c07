"""Checking answers: one set of rules for the API, the HTML forms and the command.

Answers are typed values as JSON gives them: whole numbers for the integer questions,
true or false for the yes/no questions, true, false or null for the tri-state one, and
one of its options or null for a choice ("female", "male", or null: not given). A JSON
`true` is not a number and the string "yes" is not a boolean.
"""

UNKNOWN = "Not a question of this self-check."
NOT_BOOLEAN = "Must be true or false."
NOT_TRI_STATE = "Must be true, false or null (not tried yet)."
ANSWERS_NOT_AN_OBJECT = 'Send the answers as a JSON object: {"answers": {"age": 40, ...}}.'


def not_a_whole_number(question):
    return f"Must be a whole number from {question.minimum} to {question.maximum}."


def out_of_range(question):
    return f"Must be from {question.minimum} to {question.maximum}."


def not_an_option(question):
    listed = ", ".join(f'"{option}"' for option in question.options)
    return f"Must be one of {listed}, or null ({question.choices.clinician[-1].lower()})."


def missing(question):
    return f"Required: a whole number from {question.minimum} to {question.maximum}."


def answer_error(question, value):
    """The message for one answer to one question, or None when the answer is fine."""
    if question.type == "integer":
        if value is None:
            return None  # the same as left out: required questions say so below
        # bool is a subclass of int in Python; an answer of true is not an age.
        if type(value) is not int:
            return not_a_whole_number(question)
        if value < question.minimum and question.below_minimum:
            return question.below_minimum
        if not question.minimum <= value <= question.maximum:
            return out_of_range(question)
        return None
    if question.type == "boolean":
        return None if isinstance(value, bool) else NOT_BOOLEAN
    if question.type == "choice":
        return (
            None
            if value is None or (isinstance(value, str) and value in question.options)
            else (not_an_option(question))
        )
    return None if value is None or isinstance(value, bool) else NOT_TRI_STATE


def validate_answers(ruleset, answers, fields=None):
    """Check `answers` ({name: value}) against the ruleset's questions.

    Returns (cleaned, errors). `errors` is {name: message}; when it is empty, `cleaned`
    holds the questions in `fields` (all of them when None), each left-out one with its
    default, and otherwise nothing. Only questions in `fields` may be required.
    """
    questions = ruleset.questions_by_name
    fields = list(questions) if fields is None else fields
    errors = {}
    for name, value in answers.items():
        question = questions.get(name)
        message = UNKNOWN if question is None else answer_error(question, value)
        if message:
            errors[name] = message
    for name in fields:
        question = questions[name]
        if question.required and answers.get(name) is None and name not in errors:
            errors[name] = missing(question)
    if errors:
        return {}, errors
    return {name: answers.get(name, questions[name].default()) for name in fields}, {}


def answers_from_payload(ruleset, payload):
    """The answers of a decoded JSON body ({"answers": {...}}): (cleaned, errors)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("answers"), dict):
        return {}, {"answers": ANSWERS_NOT_AN_OBJECT}
    return validate_answers(ruleset, payload["answers"])
