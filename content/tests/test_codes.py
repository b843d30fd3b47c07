"""The codes a topic explains (ICD-10-CM, SNOMED CT): in article.toml, in the revision and its
hash, and in the editor's form."""

import pytest
from django.urls import reverse

from conftest import SAMPLE_METADATA, write_sample_topic
from content.codes import is_icd10cm, is_snomed_concept
from content.importer import import_topics
from content.models import Revision
from content.models.topics import revision_hash
from content.sources import ContentError, read_topics, write_topic
from content.tests.editor_data import editor_post

pytestmark = pytest.mark.django_db

CODES = """
[[codes]]
system = "ICD-10-CM"
code = "M54.6"
display = "Pain in thoracic spine"
source = "CDC ICD-10-CM"

[[codes]]
system = "SNOMED CT"
code = "279038004"
display = "Thoracic back pain"
source = "SNOMED CT International"
"""


def with_codes(codes=CODES):
    head, references = SAMPLE_METADATA.split("\n[[references]]", 1)
    return f"{head}{codes}\n[[references]]{references}"


@pytest.mark.parametrize("code", ["M54.6", "M54.61", "S22.000A", "C7A.1", "R51"])
def test_icd10cm_codes_in_their_published_form(code):
    assert is_icd10cm(code)


@pytest.mark.parametrize("code", ["M546", "m54.6", "54.6", "M54.", "M54.61234"])
def test_what_is_not_an_icd10cm_code(code):
    assert not is_icd10cm(code)


@pytest.mark.parametrize("code", ["279038004", "267981009", "161891005", "404684003"])
def test_snomed_ct_concept_ids_pass_their_check_digit(code):
    assert is_snomed_concept(code)


@pytest.mark.parametrize("code", ["279038005", "27903800", "0279038004", "M54.6", "900000000000207008"[:-1]])
def test_a_mistyped_snomed_ct_id_is_caught(code):
    assert not is_snomed_concept(code)


def test_codes_are_read_with_their_topic(tmp_path):
    write_sample_topic(tmp_path, metadata=with_codes())

    [topic] = read_topics(tmp_path)

    assert [(code["system"], code["code"]) for code in topic.codes] == [
        ("ICD-10-CM", "M54.6"),
        ("SNOMED CT", "279038004"),
    ]


@pytest.mark.parametrize(
    "codes, message",
    [
        (CODES.replace('"M54.6"', '"M546"'), "must be an ICD-10-CM code"),
        (CODES.replace('"279038004"', '"279038005"'), "must be a SNOMED CT concept id"),
        (CODES.replace('"SNOMED CT"', '"LOINC"'), "'system' must be 'ICD-10-CM' or 'SNOMED CT'"),
        (CODES.replace('source = "CDC ICD-10-CM"\n', ""), "missing field 'source'"),
        (CODES + CODES.split("\n\n")[0], "the code is listed twice"),
    ],
)
def test_a_bad_code_names_its_file_and_line(tmp_path, codes, message):
    write_sample_topic(tmp_path, metadata=with_codes(codes))

    with pytest.raises(ContentError) as error:
        read_topics(tmp_path)

    assert message in str(error.value)
    assert "article.toml, line" in str(error.value)


def test_codes_are_part_of_the_revision_and_come_back_byte_for_byte(tmp_path):
    write_sample_topic(tmp_path / "in", metadata=with_codes())
    import_topics(tmp_path / "in")
    revision = Revision.objects.get(article__slug="sample-topic")

    written = write_topic(tmp_path / "out", "sample-topic", revision.content()) / "article.toml"
    [read_back] = read_topics(tmp_path / "out")
    again = write_topic(tmp_path / "again", "sample-topic", read_back.content()) / "article.toml"

    assert read_back.codes == revision.codes and revision.codes[1]["code"] == "279038004"
    assert again.read_bytes() == written.read_bytes()


def test_a_code_changes_the_hash_and_no_codes_keeps_the_hash_of_older_text(tmp_path):
    write_sample_topic(tmp_path, metadata=with_codes())
    [topic] = read_topics(tmp_path)
    content = topic.content()
    without = {name: value for name, value in content.items() if name != "codes"}

    assert revision_hash({**content, "codes": []}) == revision_hash(without)
    assert revision_hash(content) != revision_hash(without)


def test_an_author_sees_and_changes_the_codes_in_the_editor(client, author, tmp_path):
    write_sample_topic(tmp_path, metadata=with_codes())
    import_topics(tmp_path)
    client.force_login(author)
    url = reverse("editorial:topic-edit", args=["sample-topic"])

    assert "ICD-10-CM | M54.6 | Pain in thoracic spine | CDC ICD-10-CM" in client.get(url).content.decode()

    codes = "SNOMED CT | 267981009 | Pain in thoracic spine | SNOMED CT International"
    response = client.post(url, editor_post(base_number=1, slug=None, codes=codes))

    assert response.status_code == 302
    assert Revision.objects.get(number=2).codes == [
        {
            "system": "SNOMED CT",
            "code": "267981009",
            "display": "Pain in thoracic spine",
            "source": "SNOMED CT International",
        }
    ]


def test_a_bad_code_in_the_editor_is_refused_on_its_line(client, author):
    client.force_login(author)

    response = client.post(
        reverse("editorial:topic-new"),
        editor_post(codes="ICD-10-CM | M54.6 | Pain | CDC\nSNOMED CT | 12 | x | y"),
    )

    assert response.status_code == 200
    assert "Line 2, code: must be a SNOMED CT concept id" in response.content.decode()
    assert not Revision.objects.exists()
