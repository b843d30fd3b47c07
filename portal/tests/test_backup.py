"""The README's backup and restore, done for real: nothing a reader or an editor relies on is lost."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import SHIPPED_SLUG, approve
from content.models import StatusChange
from portal.models import Feedback

pytestmark = pytest.mark.django_db(transaction=True)

# The same command as README.md's "Backup and restore" section.
DUMP_OPTIONS = {
    "natural_foreign": True,
    "natural_primary": True,
    "exclude": ["contenttypes", "auth.permission", "sessions", "axes", "search.passage"],
}


def test_a_backup_restores_topics_history_and_feedback(client, shipped_article, reviewer, tmp_path):
    approve(shipped_article.latest_revision, reviewer)
    client.post(reverse("article-feedback", args=[SHIPPED_SLUG]), {"message": "A typo in the title."})
    history_before = list(StatusChange.objects.values_list("from_status", "to_status", "comment"))
    backup = tmp_path / "portal.json"
    call_command("dumpdata", output=str(backup), **DUMP_OPTIONS)
    call_command("export_content", str(tmp_path / "articles"))

    call_command("flush", interactive=False)
    assert client.get(reverse("article", args=[SHIPPED_SLUG])).status_code == 404
    call_command("loaddata", str(backup))
    call_command("rebuild_search_index")

    page = client.get(reverse("article", args=[SHIPPED_SLUG]), {"for": "clinician"}).content.decode()
    assert "Reviewed by the Medical Advisory Board: <strong>Rita Reviewer</strong>" in page
    assert list(StatusChange.objects.values_list("from_status", "to_status", "comment")) == history_before
    assert Feedback.objects.get().message == "A typo in the title."
    assert client.get(reverse("api-search"), {"q": "scapula", "for": "clinician"}).json()["results"]
    assert (tmp_path / "articles" / SHIPPED_SLUG / "clinician.md").exists()
