"""The rules file: what ships, and how a broken file stops the site from starting."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from guideline.ruleset import RULES_DIR, load_ruleset, load_rulesets, rulesets
from guideline.tests.helpers import ISSUE_BOOLEANS, SLUG, shipped

SHIPPED_FILE = RULES_DIR / f"{SLUG}.toml"
ISSUE_FLAGS = {
    "myelopathy": "emergency", "cardiopulmonary": "emergency", "malignancy": "urgent", "infection": "urgent",
    "fracture": "urgent", "prior_fusion": "urgent", "no_improvement": "routine", "inflammatory": "routine",
    "nerve_involvement": "routine",
}  # fmt: skip


def test_the_shipped_rules_ask_exactly_the_answers_of_the_issue():
    questions = {question.name: question for question in shipped().questions}

    assert set(questions) == {*ISSUE_BOOLEANS, "age", "duration_weeks", "improved_with_conservative_care"}
    assert all(questions[name].type == "boolean" for name in ISSUE_BOOLEANS)
    age, weeks = questions["age"], questions["duration_weeks"]
    assert (age.type, age.minimum, age.maximum, age.required) == ("integer", 18, 120, True)
    assert (weeks.type, weeks.minimum, weeks.maximum, weeks.required) == ("integer", 0, 520, True)
    assert questions["improved_with_conservative_care"].type == "boolean_or_null"


def test_the_shipped_flags_have_the_levels_of_the_issue():
    ruleset = shipped()

    assert {flag.name: flag.level for flag in ruleset.flags} == ISSUE_FLAGS
    assert {item.name for item in ruleset.considerations} == {
        "dorsal_scapular_nerve", "scapulothoracic", "axial_spondyloarthritis",
    }  # fmt: skip


def test_every_flag_and_consideration_cites_references_of_its_topic():
    with open(settings.CONTENT_ARTICLES_DIR / SLUG / "article.toml", "rb") as file:
        keys = {reference["key"] for reference in tomllib.load(file)["references"]}
    ruleset = shipped()

    for rule in (*ruleset.flags, *ruleset.considerations):
        assert rule.cite, rule.name
        assert set(rule.cite) <= keys, rule.name


def test_patients_meet_the_emergency_questions_first():
    ruleset = shipped()
    emergency = {name for flag in ruleset.flags if flag.level == "emergency" for name in flag.when.answers}

    first_two = {name for step in ruleset.steps[:2] for name in step.questions}
    assert first_two == emergency


def test_the_rules_are_read_once_per_process():
    assert rulesets() is rulesets()
    assert rulesets()[SLUG] is shipped()


def broken(text, old, new):
    assert old in text, f"the shipped file no longer holds {old!r}"
    return text.replace(old, new, 1)


BROKEN_FILES = {
    "an answer the questions do not have": (
        lambda text: broken(text, 'when.any = ["fever",', 'when.any = ["fevr",'),
        "flag 'infection', condition: names an unknown answer 'fevr'",
    ),
    "Python in a condition": (
        lambda text: broken(text, 'when.any = ["prior_thoracic_fusion"]', 'when.any = ["age > 50"]'),
        "flag 'prior_fusion', condition: names an unknown answer 'age > 50'",
    ),
    "a number test on a yes/no question": (
        lambda text: broken(
            text, 'above = 65 }, "osteoporosis"', 'above = 65 }, { answer = "osteoporosis", above = 1 }'
        ),
        "flag 'fracture', condition: 'osteoporosis' is a boolean question: test it with is",
    ),
    "a threshold that is not a number": (
        lambda text: broken(text, "above = 50", 'above = "fifty"'),
        "flag 'malignancy', condition: 'age': 'above' takes a whole number",
    ),
    "an unknown triage level": (
        lambda text: broken(text, 'infection"\nlevel = "urgent"', 'infection"\nlevel = "soon"'),
        "flag 'infection': 'level' must be one of emergency, urgent, routine",
    ),
    "a citation key the topic lacks": (
        lambda text: broken(text, 'cite = ["muir-2017"]', 'cite = ["nobody-2001"]'),
        "flag 'nerve_involvement': cites 'nobody-2001', which is not a reference of the topic's article.toml",
    ),
    "a flag without a patient reason": (
        lambda text: broken(text, 'reason.patient = "A fever,', 'reason.patient_ = "A fever,'),
        "flag 'infection', 'reason': unknown field 'patient_'",
    ),
    "a flag named twice": (
        lambda text: broken(text, 'name = "prior_fusion"', 'name = "fracture"'),
        "flag or consideration 'fracture': the name is used twice",
    ),
    "a step asking a condition": (
        lambda text: broken(
            text, 'questions = ["improved_with_conservative_care"]', 'questions = [{ answer = "age" }]'
        ),
        "step 'care-so-far': asks an unknown question {'answer': 'age'}",
    ),
    "a question in no step": (
        lambda text: broken(text, '"iv_drug_use", "immunocompromised"]', '"immunocompromised"]'),
        "question 'iv_drug_use': must be in exactly one step, not 0",
    ),
    "an emergency question late": (
        lambda text: broken(
            broken(text, '"chest_pain_or_shortness_of_breath", "tearing_pain_radiating"]',
                   '"chest_pain_or_shortness_of_breath"]'),
            'questions = ["improved_with_conservative_care"]',
            'questions = ["improved_with_conservative_care", "tearing_pain_radiating"]',
        ),
        "step 'care-so-far': asks an emergency question after step 'about-you'",
    ),
    "next steps for an unknown audience": (
        lambda text: broken(text, "[levels.routine.next_steps.clinician]]", "[levels.routine.next_steps.x]]"),
        "level 'routine', 'next_steps': unknown field 'x'",
    ),
    "another topic's name": (
        lambda text: broken(text, f'topic = "{SLUG}"', 'topic = "knee-pain"'),
        "topic: the file for topic 'knee-pain' must be named knee-pain.toml",
    ),
    "malformed TOML": (
        lambda text: broken(text, 'version = "1.0"', "version = 1.0.0"),
        "(at line 8, column",
    ),
}  # fmt: skip


@pytest.fixture
def rules_dir(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("break_it, message", BROKEN_FILES.values(), ids=BROKEN_FILES.keys())
def test_a_broken_rules_file_is_refused_naming_the_file_and_the_rule(rules_dir, break_it, message):
    path = rules_dir / SHIPPED_FILE.name
    path.write_text(break_it(SHIPPED_FILE.read_text(encoding="utf-8")), encoding="utf-8")

    with pytest.raises(ImproperlyConfigured) as refused:
        load_ruleset(path, settings.CONTENT_ARTICLES_DIR)

    assert str(refused.value).startswith(f"{path}: ")
    assert message in str(refused.value)


def test_citation_keys_are_checked_against_the_topic_on_disk(rules_dir, tmp_path):
    """The topic's article.toml is read from its folder, not from the database."""
    articles = tmp_path / "articles"
    (articles / SLUG).mkdir(parents=True)
    for name in ("patient.md", "clinician.md"):
        (articles / SLUG / name).write_text("Text.\n", encoding="utf-8")
    metadata = (settings.CONTENT_ARTICLES_DIR / SLUG / "article.toml").read_text(encoding="utf-8")
    (articles / SLUG / "article.toml").write_text(
        metadata.replace('key = "muir-2017"', 'key = "muir-b-2017"')
    )

    with pytest.raises(ImproperlyConfigured, match="flag 'nerve_involvement': cites 'muir-2017'"):
        load_rulesets(RULES_DIR, articles)


def test_a_rules_file_for_a_topic_with_no_folder_is_refused(rules_dir):
    (rules_dir / "knee-pain.toml").write_text(
        SHIPPED_FILE.read_text(encoding="utf-8").replace(f'topic = "{SLUG}"', 'topic = "knee-pain"')
    )

    with pytest.raises(ImproperlyConfigured, match=r"knee-pain\.toml: topic: cannot read the topic's files"):
        load_rulesets(rules_dir, settings.CONTENT_ARTICLES_DIR)


@pytest.fixture
def fresh_rules_cache():
    rulesets.cache_clear()
    yield
    rulesets.cache_clear()


def test_the_app_checks_every_rules_file_when_the_site_starts(settings, rules_dir, fresh_rules_cache):
    text = SHIPPED_FILE.read_text(encoding="utf-8")
    (rules_dir / SHIPPED_FILE.name).write_text(text.replace("above = 65", "above = true"), encoding="utf-8")
    settings.GUIDELINE_RULES_DIR = rules_dir

    with pytest.raises(
        ImproperlyConfigured, match="flag 'fracture', condition: 'age': 'above' takes a whole"
    ):
        apps.get_app_config("guideline").ready()


def test_a_broken_rules_file_stops_manage_py_from_starting(rules_dir, tmp_path):
    text = SHIPPED_FILE.read_text(encoding="utf-8")
    (rules_dir / SHIPPED_FILE.name).write_text(text.replace('level = "emergency"', 'level = "now"', 1))
    (tmp_path / "broken_settings.py").write_text(
        f"from portal.settings import *  # noqa\nGUIDELINE_RULES_DIR = {str(rules_dir)!r}\n"
    )
    root = Path(settings.BASE_DIR)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "broken_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(root)]),
    }

    started = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=root, env=environment, capture_output=True, text=True
    )

    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert "pain-between-shoulder-blades.toml: flag 'myelopathy': 'level' must be one of" in started.stderr
