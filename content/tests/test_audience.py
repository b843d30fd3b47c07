"""The two audiences, named one way everywhere: strictly for APIs, leniently for pages."""

import pytest

from content.audience import AUDIENCES, UnknownAudience, audience_or, parse_audience


@pytest.mark.parametrize("value", AUDIENCES)
def test_both_parsers_take_an_audience_as_it_is(value):
    assert parse_audience(value) == audience_or(value) == value


@pytest.mark.parametrize("value", [None, ""])
def test_an_absent_audience_is_the_default(value):
    assert parse_audience(value) == "patient"
    assert parse_audience(value, default="clinician") == "clinician"


@pytest.mark.parametrize("value", ["doctor", "Patient", "<script>", "patient "])
def test_an_api_is_told_an_unknown_audience_is_wrong_and_a_page_falls_back(value):
    with pytest.raises(UnknownAudience, match="Must be patient or clinician."):
        parse_audience(value)

    assert audience_or(value, default="clinician") == "clinician"
