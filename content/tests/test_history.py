"""The history of a topic: every revision and every status change, for everyone with access."""

import pytest
from django.urls import reverse

from conftest import approve

pytestmark = pytest.mark.django_db


def test_the_history_lists_every_revision_and_status_change(client, author, reviewer, sample_article):
    approve(sample_article.latest_revision, reviewer)
    client.force_login(author)

    html = client.get(reverse("editorial:history", args=["sample-topic"])).content.decode()

    assert "(published)" in html
    assert html.count("Rita Reviewer") == 2  # started the review, approved
    for status_label in ("Draft", "Submitted", "Under review", "Approved"):
        assert f"<td>{status_label}</td>" in html
    assert "Imported from sample-topic/" in html
    assert "Content import" in html
