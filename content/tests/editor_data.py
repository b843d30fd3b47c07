"""POST data for the topic editor, as a browser would send it."""

SAMPLE_REFERENCES = [
    {
        "key": "guide-2020",
        "kind": "guideline",
        "authors": "Smith A, Jones B",
        "title": "A guideline written for the tests",
        "journal": "Journal of Tests",
        "year": 2020,
        "url": "https://example.org/guide",
    },
]


def editor_post(base_number=0, references=SAMPLE_REFERENCES, **fields):
    """Fields set to None are left out, as a button that was not pressed."""
    data = {
        "slug": "new-topic",
        "title": "What is a new topic?",
        "summary": "A topic written in the editor.",
        "tags": "tests, editor",
        "patient_markdown": "## What helps\n\nKeep moving [@guide-2020].\n",
        "clinician_markdown": "## Management\n\nAdvise activity [@guide-2020].\n",
        "base_number": base_number,
        "references-TOTAL_FORMS": len(references) + 1,
        "references-INITIAL_FORMS": 0,
        "references-MIN_NUM_FORMS": 0,
        "references-MAX_NUM_FORMS": 1000,
        "save": "Save draft",
        **fields,
    }
    data = {name: value for name, value in data.items() if value is not None}
    for index, reference in enumerate(references):
        for name, value in reference.items():
            data[f"references-{index}-{name}"] = value
    return data
