"""What every public auditor (Lighthouse, the Nu checker, a link preview) looks for on each page."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from conftest import SHIPPED_SLUG

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    f"/articles/{SHIPPED_SLUG}/",
    f"/articles/{SHIPPED_SLUG}/?for=clinician",
    "/glossary/",
    "/search/?q=shoulder",
    "/ask/?q=should+I+stay+in+bed",
    f"/self-check/{SHIPPED_SLUG}/?for=patient",
    f"/self-check/{SHIPPED_SLUG}/?for=clinician",
    "/editorial-policy/",
    "/disclaimer/",
    "/accounts/login/",
]


def test_the_favicon_is_an_icon_every_browser_can_fetch(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age=604800" in response["Cache-Control"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_has_one_description_and_links_its_icons(client, shipped_article, url):
    html = client.get(url).content.decode()

    descriptions = re.findall(r'<meta name="description" content="([^"]+)">', html)
    assert len(descriptions) == 1 and len(descriptions[0]) > 40, descriptions
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html


def test_an_outcome_page_has_a_description_of_its_result(client, shipped_article):
    url = reverse("self_check:self-check", args=[SHIPPED_SLUG])
    data = {"age": "30", "duration_weeks": "1", "improved_with_conservative_care": "yes"}

    html = client.post(f"{url}?for=clinician", data).content.decode()

    assert '<meta name="description" content="No red flags: conservative management' in html


@pytest.mark.parametrize("url", ["/", f"/articles/{SHIPPED_SLUG}/", "/api/search/?q=pain", "/no-such-page/"])
def test_every_response_switches_off_the_browser_features_no_page_uses(client, shipped_article, url):
    for _ in range(2):  # the second topic page comes from the page cache
        response = client.get(url)

        policy = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy


def test_a_shared_topic_link_shows_a_card_with_an_image_and_its_alt_text(client, shipped_article):
    html = client.get(f"/articles/{SHIPPED_SLUG}/").content.decode()
    revision = shipped_article.latest_revision

    assert f'<meta property="og:title" content="{revision.title}">' in html
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert re.fullmatch(r"http://testserver/static/img/og-card\.png", image)
    assert '<meta property="og:image:alt" content="Open Health Portal:' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:title" content="{revision.title}">' in html
    assert finders.find("img/og-card.png")


def test_a_kept_page_is_sent_gzipped_to_a_browser_that_accepts_it(client, shipped_article):
    url = f"/articles/{SHIPPED_SLUG}/"
    plain = client.get(url)

    for _ in range(2):  # rendered, then kept
        zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

        assert zipped["Content-Encoding"] == "gzip"
        assert gzip.decompress(zipped.content) == plain.content
        assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content) / 3
        assert "Accept-Encoding" in zipped["Vary"]
    assert "Content-Encoding" not in plain
    assert zipped["ETag"] != plain["ETag"]
    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])
    assert again.status_code == 304


def test_a_page_holding_a_csrf_token_is_never_compressed(client, shipped_article):
    response = client.get(f"/self-check/{SHIPPED_SLUG}/?for=patient", HTTP_ACCEPT_ENCODING="gzip")

    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert "Content-Encoding" not in response
