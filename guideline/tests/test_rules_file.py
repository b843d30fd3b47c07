"""The rules file: what ships, and how a broken file stops the site from starting."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from guideline.ruleset import RULES_DIR, load_ruleset, load_rulesets, rulesets
from guideline.tests.helpers import BOOLEANS, SLUG, shipped

SHIPPED_FILE = RULES_DIR / f"{SLUG}.toml"
LIBRARY_FILE = RULES_DIR / "library" / "spine.toml"
# Issue 11's rule table (version 2).
ISSUE_FLAGS = {
    "myelopathy": "emergency", "cardiopulmonary": "emergency", "aortic": "emergency",
    "major_trauma": "emergency", "spinal_infection": "emergency", "pulmonary_embolism": "emergency",
    "acute_coronary": "emergency",
    "fever": "urgent", "infection_risk": "urgent", "pleuritic": "urgent", "exertional_pain": "urgent",
    "malignancy": "urgent", "fracture": "urgent", "shingles": "urgent",
    "malignancy_risk": "routine", "fracture_risk": "routine", "prior_fusion": "routine",
    "no_improvement": "routine", "persistent": "routine", "night_pain": "routine", "inflammatory": "routine",
    "nerve_involvement": "routine",
}  # fmt: skip


def test_the_shipped_rules_ask_exactly_the_answers_of_the_issue():
    questions = {question.name: question for question in shipped().questions}

    assert set(questions) == {*BOOLEANS, "age", "sex", "duration_weeks", "improved_with_conservative_care"}
    assert all(questions[name].type == "boolean" for name in BOOLEANS)
    age, weeks = questions["age"], questions["duration_weeks"]
    assert (age.type, age.minimum, age.maximum, age.required) == ("integer", 18, 120, True)
    assert (weeks.type, weeks.minimum, weeks.maximum, weeks.required) == ("integer", 0, 520, True)
    assert questions["improved_with_conservative_care"].type == "boolean_or_null"
    sex = questions["sex"]
    assert (sex.type, sex.options, sex.required, sex.values) == ("choice", ("female", "male"), False,
                                                                ("female", "male", None))  # fmt: skip


def test_the_shipped_flags_have_the_levels_of_the_issue():
    ruleset = shipped()

    assert {flag.name: flag.level for flag in ruleset.flags} == ISSUE_FLAGS
    assert shipped().version == "3.0"
    assert {item.name for item in ruleset.considerations} == {
        "dorsal_scapular_nerve", "scapulothoracic", "axial_spondyloarthritis", "herpes_zoster",
    }  # fmt: skip


def test_every_flag_has_its_own_next_steps_for_each_audience():
    for flag in shipped().flags:
        assert flag.next_steps.patient and flag.next_steps.clinician, flag.name


def test_every_flag_and_consideration_cites_references_of_its_topic():
    with open(settings.CONTENT_ARTICLES_DIR / SLUG / "article.toml", "rb") as file:
        keys = {reference["key"] for reference in tomllib.load(file)["references"]}
    ruleset = shipped()

    for rule in (*ruleset.flags, *ruleset.considerations):
        assert rule.cite, rule.name
        assert set(rule.cite) <= keys, rule.name


def test_patients_meet_the_emergency_questions_first():
    ruleset = shipped()
    conditions = {flag.name: flag.when for flag in ruleset.flags}
    emergency = {
        name for flag in ruleset.flags if flag.level == "emergency" for name in flag.when.answers(conditions)
    }

    first_five = {name for step in ruleset.steps[:5] for name in step.questions}
    assert first_five == emergency
    assert [step.name for step in ruleset.steps if step.when] == ["exertion-timing", "clot-risk"]


def test_the_rules_are_read_once_per_process():
    assert rulesets() is rulesets()
    assert rulesets()[SLUG] is shipped()


def broken(text, old, new):
    assert old in text, f"the shipped file no longer holds {old!r}"
    return text.replace(old, new, 1)


BROKEN_FILES = {
    "Python in a condition": (
        lambda text: broken(text, 'when.any = ["prior_thoracic_fusion"]', 'when.any = ["age > 50"]'),
        "flag 'prior_fusion', 'when': names an unknown answer 'age > 50'",
    ),
    "a combination it does not know": (
        lambda text: broken(text, 'when.any = ["rash"]\nlabel.patient = "A rash', 'when.either = ["rash"]\n'
                                  'label.patient = "A rash'),
        "flag 'shingles', 'when': a table with either: write answer = ...",
    ),
    "a follow-up asked before its question": (
        lambda text: broken(text, 'when = "pain_with_exertion"', 'when = "rash"'),
        "step 'exertion-timing', 'when': its condition uses answers of this step or later ones",
    ),
    "an unknown triage level": (
        lambda text: broken(text, 'name = "shingles"\nlevel = "urgent"', 'name = "shingles"\nlevel = "soon"'),
        "flag 'shingles', 'level': must be 'emergency', 'urgent' or 'routine'",
    ),
    "a citation key the topic lacks": (
        lambda text: broken(text, 'cite = ["muir-2017"]', 'cite = ["nobody-2001"]'),
        "flag 'nerve_involvement', 'cite': cites 'nobody-2001', which is not a reference of the topic's",
    ),
    "a flag without next steps": (
        lambda text: broken(text, "[[flags.next_steps.patient]]\ntext = \"Tell the doctor when",
                            "[[flags.next_step.patient]]\ntext = \"Tell the doctor when"),
        "flag 'night_pain': unknown field 'next_step'",
    ),
    "a flag named twice": (
        lambda text: broken(text, 'name = "prior_fusion"', 'name = "shingles"'),
        "flag 'shingles', 'name': the name is used twice",
    ),
    "a flag the library has": (
        lambda text: broken(text, 'name = "prior_fusion"', 'name = "fracture"'),
        "flag 'fracture', 'name': the library 'spine' has a flag of this name",
    ),
    "a step asking a condition": (
        lambda text: broken(
            text, 'questions = ["improved_with_conservative_care"]', 'questions = [{ answer = "age" }]'
        ),
        "step 'care-so-far', 'questions[0]': must be a string",
    ),
    "a question in no step": (
        lambda text: broken(text, '"iv_drug_use", "immunocompromised", "recent',
                            '"immunocompromised", "recent'),
        "'library': no step asks iv_drug_use, which the library's flag 'spinal_infection' needs",
    ),
    "a question of its own in no step": (
        lambda text: broken(text, '"night_pain", "rash", ', '"night_pain", '),
        "question 'rash': must be in exactly one step, not 0",
    ),
    "an optional flag the library does not have": (
        lambda text: broken(text, 'library_flags = ["cardiopulmonary",', 'library_flags = ["cardiac",'),
        "'library_flags[0]': 'cardiac' is not an optional flag of the library",
    ),
    "a library that does not exist": (
        lambda text: broken(text, 'library = "spine"', 'library = "knee"'),
        "'library': no library 'knee'",
    ),
    "an emergency question late": (
        lambda text: broken(
            broken(text, '"pain_with_exertion", "pleuritic_pain"]', '"pain_with_exertion"]'),
            'questions = ["improved_with_conservative_care"]',
            'questions = ["improved_with_conservative_care", "pleuritic_pain"]',
        ),
        "step 'clot-risk', 'when': its condition uses answers of this step or later ones",
    ),
    "an emergency question after the others": (
        lambda text: broken(
            broken(text, '"high_energy_trauma", "fever"', '"fever"'),
            'questions = ["improved_with_conservative_care"]',
            'questions = ["improved_with_conservative_care", "high_energy_trauma"]',
        ),
        "step 'care-so-far': asks an emergency question after step 'about-you'",
    ),
    "next steps for an unknown audience": (
        lambda text: broken(text, "[levels.routine.next_steps.clinician]]", "[levels.routine.next_steps.x]]"),
        "level 'routine', 'next_steps': unknown field 'x'",
    ),
    "another topic's name": (
        lambda text: broken(text, f'topic = "{SLUG}"', 'topic = "knee-pain"'),
        "'topic': the file for topic 'knee-pain' must be named knee-pain.toml",
    ),
    "a question type it does not know": (
        lambda text: broken(text, 'name = "rash"\ntype = "boolean"', 'name = "rash"\ntype = "text"'),
        "question 'rash', 'type': must be one of 'boolean', 'integer', 'boolean_or_null', 'choice'",
    ),
    "a text of spaces": (
        lambda text: broken(text, 'label.clinician = "Scapular winging"', 'label.clinician = "  "'),
        "flag 'nerve_involvement', 'label.clinician': must be a non-empty string",
    ),
    "malformed TOML": (
        lambda text: broken(text, 'version = "3.0"', "version = 3.0.0"),
        "(at line 11, column",
    ),
}  # fmt: skip
# Broken in the library the rules file uses (guideline/rules/library/spine.toml).
LIBRARY_BROKEN_FILES = {
    "an answer the questions do not have": (
        lambda text: broken(text, 'when.all = ["fever", { any', 'when.all = ["fevr", { any'),
        "flag 'spinal_infection', 'when': names an unknown answer 'fevr'",
    ),
    "a number test on a yes/no question": (
        lambda text: broken(text, 'of = ["osteoporosis",', 'of = [{ answer = "osteoporosis", above = 1 },'),
        "flag 'fracture', 'when': 'osteoporosis' is a question of type boolean: test it with is",
    ),
    "a threshold that is not a number": (
        lambda text: broken(text, "above = 50 }, \"unexplained", 'above = "fifty" }, "unexplained'),
        "flag 'malignancy', 'when': 'age': 'above' takes a whole number",
    ),
    "a sex the question does not offer": (
        lambda text: broken(text, 'is = "female" }, { answer = "age", above = 75', 'is = "woman" }, '
                                  '{ answer = "age", above = 75'),
        "condition 'older_age': 'sex': 'is' takes one of female, male",
    ),
    "at least more than the list holds": (
        lambda text: broken(text, 'at_least = 2, of = ["osteoporosis"', 'at_least = 5, of = ["osteoporosis"'),
        "flag 'fracture', 'when': 'at_least' must be a whole number from 1 to 4",
    ),
    "a flag named before it is written": (
        lambda text: broken(text, '{ not = { flag = "spinal_infection" } }',
                            '{ not = { flag = "malignancy" } }'),
        "flag 'fever', 'when': flag 'malignancy' is not a flag written before this one",
    ),
    "an unknown named condition": (
        lambda text: broken(text, '{ condition = "older_age" }] }\nlabel.patient = "Signs of a possible',
                            '{ condition = "old_age" }] }\nlabel.patient = "Signs of a possible'),
        "flag 'fracture', 'when': names an unknown condition 'old_age'",
    ),
    "a flag without a patient reason": (
        lambda text: broken(text, 'reason.patient = "A fever with', 'reason.patient_ = "A fever with'),
        "flag 'fever', 'reason': unknown field 'patient_'",
    ),
    "choices that do not match the options": (
        lambda text: broken(text, '["Female", "Male", "Not given"]', '["Female", "Male"]'),
        "question 'sex', 'choices': 'clinician' must list 3 labels: for female, male, null",
    ),
    "a minimum that is true": (
        lambda text: broken(text, "minimum = 18", "minimum = true"),
        "question 'age', 'minimum': must be a whole number",
    ),
    "an option listed twice": (
        lambda text: broken(text, 'options = ["female", "male"]', 'options = ["female", "female"]'),
        "question 'sex', 'options': lists a value twice",
    ),
    "a maximum below the minimum": (
        lambda text: broken(text, "maximum = 120", "maximum = 17"),
        "question 'age', 'maximum': must not be less than 'minimum'",
    ),
}  # fmt: skip


@pytest.fixture
def rules_dir(tmp_path):
    """A copy of the shipped library, for rules files to be written beside it."""
    folder = tmp_path / "rules"
    shutil.copytree(LIBRARY_FILE.parent, folder / LIBRARY_FILE.parent.name)
    return folder


@pytest.mark.parametrize("break_it, message", BROKEN_FILES.values(), ids=BROKEN_FILES.keys())
def test_a_broken_rules_file_is_refused_naming_the_file_and_the_rule(rules_dir, break_it, message):
    path = rules_dir / SHIPPED_FILE.name
    path.write_text(break_it(SHIPPED_FILE.read_text(encoding="utf-8")), encoding="utf-8")

    with pytest.raises(ImproperlyConfigured) as refused:
        load_ruleset(path, settings.CONTENT_ARTICLES_DIR)

    assert str(refused.value).startswith(f"{path}, line ")
    assert message in str(refused.value)


@pytest.mark.parametrize("break_it, message", LIBRARY_BROKEN_FILES.values(), ids=LIBRARY_BROKEN_FILES.keys())
def test_a_broken_library_is_refused_naming_its_file_and_the_rule(rules_dir, break_it, message):
    library = rules_dir / LIBRARY_FILE.parent.name / LIBRARY_FILE.name
    library.write_text(break_it(library.read_text(encoding="utf-8")), encoding="utf-8")
    path = rules_dir / SHIPPED_FILE.name
    path.write_text(SHIPPED_FILE.read_text(encoding="utf-8"), encoding="utf-8")

    with pytest.raises(ImproperlyConfigured) as refused:
        load_ruleset(path, settings.CONTENT_ARTICLES_DIR)

    assert str(refused.value).startswith(f"{library}, line ")
    assert message in str(refused.value)


LOCATED_ERRORS = {
    "in the schema": (
        'name = "shingles"\nlevel = "urgent"',
        'name = "shingles"\nlevel = "soon"',
        'level = "soon"',
        "flag 'shingles', 'level': must be 'emergency', 'urgent' or 'routine'",
    ),
    "in a condition": (
        'when.all = ["pleuritic_pain", "clot_risk"]',
        'when.all = ["pleuritc_pain", "clot_risk"]',
        'when.all = ["pleuritc_pain"',
        "flag 'pulmonary_embolism', 'when': names an unknown answer 'pleuritc_pain'",
    ),
    "in a next step's citation": (
        'text = "Tell the doctor when the pain is worst."\ncite = ["verhagen-2016"]',
        'text = "Tell the doctor when the pain is worst."\ncite = ["nobody-2001"]',
        'cite = ["nobody-2001"]',
        "flag 'night_pain', 'next_steps.patient[0].cite': cites 'nobody-2001'",
    ),
}  # fmt: skip


@pytest.mark.parametrize("old, new, line_starts, message", LOCATED_ERRORS.values(), ids=LOCATED_ERRORS.keys())
def test_a_rules_error_names_the_line_of_the_part_at_fault(rules_dir, old, new, line_starts, message):
    text = broken(SHIPPED_FILE.read_text(encoding="utf-8"), old, new)
    line = next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(line_starts))
    path = rules_dir / SHIPPED_FILE.name
    path.write_text(text, encoding="utf-8")

    with pytest.raises(ImproperlyConfigured) as refused:
        load_ruleset(path, settings.CONTENT_ARTICLES_DIR)

    assert str(refused.value).startswith(f"{path}, line {line}: {message}")


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
    (rules_dir / SHIPPED_FILE.name).write_text(SHIPPED_FILE.read_text(encoding="utf-8"), encoding="utf-8")

    with pytest.raises(ImproperlyConfigured, match="flag 'nerve_involvement', 'cite': cites 'muir-2017'"):
        load_rulesets(rules_dir, articles)


def test_a_rules_file_for_a_topic_with_no_folder_is_refused(rules_dir):
    (rules_dir / "knee-pain.toml").write_text(
        SHIPPED_FILE.read_text(encoding="utf-8").replace(f'topic = "{SLUG}"', 'topic = "knee-pain"')
    )

    with pytest.raises(
        ImproperlyConfigured, match=r"knee-pain\.toml, line 12: 'topic': cannot read the topic's files"
    ):
        load_rulesets(rules_dir, settings.CONTENT_ARTICLES_DIR)


@pytest.fixture
def fresh_rules_cache():
    rulesets.cache_clear()
    yield
    rulesets.cache_clear()


def test_the_app_checks_every_rules_file_when_the_site_starts(settings, rules_dir, fresh_rules_cache):
    (rules_dir / SHIPPED_FILE.name).write_text(SHIPPED_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    library = rules_dir / LIBRARY_FILE.parent.name / LIBRARY_FILE.name
    library.write_text(
        library.read_text(encoding="utf-8").replace("above = 65", "above = true"), encoding="utf-8"
    )
    settings.GUIDELINE_RULES_DIR = rules_dir

    with pytest.raises(ImproperlyConfigured, match="condition 'older_age': 'age': 'above' takes a whole"):
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
    assert "pain-between-shoulder-blades.toml, line " in started.stderr
    assert "flag 'pulmonary_embolism', 'level': must be 'emergency', 'urgent' or 'routine'" in started.stderr
