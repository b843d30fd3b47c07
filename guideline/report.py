"""An outcome put into words for one audience, with the topic references behind it.

Citations carry the reference's number in that audience's reference list on the topic
page, taken from the revision readers see; where the topic has no readable revision (or
that revision does not cite the reference) the number is left out.
"""

from content.audience import AUDIENCES
from content.models import Article
from content.models.topics import cited_reference
from guideline.triage import by_urgency

API_OUTCOME_FIELDS = ("triage", "flags", "considerations", "reasons", "next_steps", "ruleset_version")


def topic_revision(slug):
    """The topic revision readers see, or None."""
    article = Article.objects.readable().filter(slug=slug).first()
    return article.readable_revision() if article else None


def citation_index(ruleset, audience, revision):
    """{key: citation} for every reference of the ruleset's topic, numbered for `audience`;
    each with its text in AMA style (`html`), as the topic's reference list shows it."""
    numbered = (
        {reference["key"]: reference for reference in revision.reference_list(audience)} if revision else {}
    )
    index = {}
    for key, on_disk in ruleset.references.items():
        reference = numbered.get(key) or cited_reference(on_disk)
        citation = {
            "key": key,
            "kind": reference["kind_label"],
            "authors": reference.get("authors", ""),
            "title": reference["title"],
            "source": reference["source"],
            "year": reference["year"],
            "url": reference["url"],
            "html": reference["html"],
        }
        if key in numbered:
            citation["number"] = numbered[key]["number"]
        index[key] = citation
    return index


def describe_answer(question, value, audience):
    if question.type == "integer":
        return str(value)
    if question.type == "boolean":
        return "Yes" if value else "No"
    return question.choices(audience)[question.values.index(value)]


def outcome_report(ruleset, outcome, audience, citations, answers=None):
    """Everything the outcome page shows; `api_outcome` picks what the API returns.

    `citations` come from `citation_index`; `answers` are the answers given (checked), to
    say which of them led to each flag.
    """
    answers = answers or {}

    def cite(keys):
        return by_number(citations[key] for key in keys)

    def triggered_by(name):
        return [
            {"question": ruleset.question(answer).text(audience),
             "answer": describe_answer(ruleset.question(answer), answers.get(answer), audience)}
            for answer in outcome.triggers.get(name, ())
        ]  # fmt: skip

    flags = [ruleset.flag(name) for name in outcome.flags]
    reasons = {
        flag.name: {
            "flag": flag.name,
            "level": flag.level,
            "label": flag.label(audience),
            "text": flag.reason(audience),
            "citations": cite(flag.cite),
            "answers": triggered_by(flag.name),
        }
        for flag in flags
    }
    level = ruleset.levels[outcome.triage]
    report = {
        "triage": outcome.triage,
        "flags": list(outcome.flags),
        "considerations": list(outcome.considerations),
        # The API lists reasons in the order of `flags`; the page, most urgent first.
        "reasons": [reasons[name] for name in outcome.flags],
        "reasons_by_urgency": [reasons[flag.name] for flag in by_urgency(flags)],
        "next_steps": [
            {"text": step.text, "citations": cite(step.cite)} for step in next_steps(level, flags, audience)
        ],
        "ruleset_version": outcome.ruleset_version,
        "title": level.title(audience),
        "summary": level.summary(audience),
        "emergency_advice": ruleset.emergency_advice(audience) if outcome.triage == "emergency" else "",
        "consideration_details": [
            {
                "name": item.name,
                "label": item.label(audience),
                "text": item.text(audience),
                "citations": cite(item.cite),
                "answers": triggered_by(item.name),
            }
            for item in map(ruleset.consideration, outcome.considerations)
        ],
        "answers_given": answers_given(ruleset, answers, audience),
    }
    report["cited"] = cited_references(report)
    return report


def next_steps(level, flags, audience):
    """The level's own steps first, then those of each raised flag, most urgent first, each once.

    Only raised flags speak: a heart emergency never lists the steps for a spinal cord one."""
    steps = [*level.next_steps(audience)]
    for flag in by_urgency(flags):
        steps += flag.next_steps(audience)
    return list(dict.fromkeys(steps))


def answers_given(ruleset, answers, audience):
    """The answers as the printed summary lists them: numbers and choices, then the yeses."""
    values, yes = [], []
    for question in ruleset.questions:
        if question.name not in answers:
            continue
        value = answers[question.name]
        if question.type == "boolean":
            if value:
                yes.append(question.text(audience))
        elif value is not None or question.values:
            values.append(
                {"question": question.text(audience), "answer": describe_answer(question, value, audience)}
            )
    return {"values": values, "yes": yes}


def cited_references(report):
    """Every reference the page cites once, by its number (unnumbered ones last)."""
    groups = [report["reasons"], report["consideration_details"], report["next_steps"]]
    cited = {
        citation["key"]: citation for group in groups for item in group for citation in item["citations"]
    }
    return by_number(cited.values())


def by_number(citations):
    """Citations in the order of their numbers; any without a number last, as listed."""
    return sorted(citations, key=lambda citation: (citation.get("number") is None, citation.get("number", 0)))


def api_outcome(report):
    """The outcome as the API and the command return it."""
    outcome = {name: report[name] for name in API_OUTCOME_FIELDS}
    outcome["reasons"] = [
        {"flag": reason["flag"], "text": reason["text"], "citations": reason["citations"]}
        for reason in report["reasons"]
    ]
    outcome["next_steps"] = [step["text"] for step in report["next_steps"]]
    return outcome


def questions_json(ruleset):
    """The questions as the API lists them, in both wordings."""
    questions = []
    for question in ruleset.questions:
        item = {
            "name": question.name,
            "type": question.type,
            "patient": question.text.patient,
            "clinician": question.text.clinician,
            "help": {audience: question.help(audience) for audience in AUDIENCES},
            "required": question.required,
        }
        if question.type == "integer":
            item.update(minimum=question.minimum, maximum=question.maximum)
        else:
            item["default"] = question.default()  # what leaving the answer out means
        if question.values:
            item["choices"] = [
                {"value": value, **{audience: question.choices(audience)[index] for audience in AUDIENCES}}
                for index, value in enumerate(question.values)
            ]
        questions.append(item)
    return {
        "slug": ruleset.slug,
        "title": {audience: ruleset.title(audience) for audience in AUDIENCES},
        "ruleset_version": ruleset.version,
        "questions": questions,
    }
