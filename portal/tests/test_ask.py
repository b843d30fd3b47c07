"""Follow-up questions: answered word for word from reviewed content, or honestly not at all."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from conftest import SHIPPED_SLUG, approve
from content.models import Article
from portal.search_views import emergency_advice
from search.engine import answer
from search.models import Question

pytestmark = pytest.mark.django_db

# (question, words the first answer must contain) on the shipped patient text.
PATIENT_QUESTIONS = [
    ("is it serious if my back hurts between my shoulder blades and I have a fever?", "fever"),
    ("should I stay in bed?", "bed"),
    ("do I need an MRI scan?", "scan"),
    ("what is a bursa?", "bursa"),
    ("is ibuprofen safe for me?", "ibuprofen"),
    ("I have had cancer before, should I see a doctor?", "cancer"),
    ("can surgery fix a snapping shoulder blade?", "surgery"),
    ("are epidural injections a good idea for long-lasting pain?", "epidural"),
    ("does a heating pad help?", "heating pad"),
    ("when should I call 911?", "911"),
    ("can a pinched nerve cause this?", "nerve"),
    ("what if the pain is no better after a month?", "month"),
]


@pytest.mark.parametrize("question, expected", PATIENT_QUESTIONS)
def test_the_passage_that_answers_comes_first(shipped_article, question, expected):
    outcome = answer(question, "patient", shipped_article)

    assert outcome.results, question
    assert expected in outcome.results[0].passage.text.lower()


def test_a_question_the_content_cannot_answer_says_so(client, shipped_article):
    response = client.get(reverse("ask"), {"q": "is a banana good for my eyesight?", "topic": SHIPPED_SLUG})

    html = response.content.decode()
    assert "We have no answer to that question." in html
    assert "Use the symptom self-check" in html
    assert "Ask a doctor, nurse or pharmacist." in html
    assert "Medical disclaimer" in html


def test_answers_quote_reviewed_passages_with_linked_citations(client, shipped_article):
    html = client.get(reverse("ask"), {"q": "should I stay in bed?", "topic": SHIPPED_SLUG}).content.decode()

    quoted = re.findall(r"<blockquote class=\"mb-1\">(.*?)</blockquote>", html, re.S)
    assert 1 <= len(quoted) <= 3
    assert re.search(r"(Staying|Resting) in bed does not (help|speed healing)", quoted[0])
    assert f'href="/articles/{SHIPPED_SLUG}/?for=patient#ref-' in quoted[0]
    assert "Read more" in html


@pytest.mark.parametrize(
    "words",
    [
        "I have chest pain and my back hurts",
        "I can't breathe",
        "I lost bladder control",
        "my groin feels numb, numb groin",
        "fell off a ladder and landed on my lower back",
        "neck pain and now slurred speech",
        "sudden, severe pain between my shoulder blades",
    ],
)
def test_emergency_words_put_the_emergency_advice_first(client, shipped_article, words):
    html = client.get(reverse("ask"), {"q": words, "topic": SHIPPED_SLUG}).content.decode()

    advice = html.index("Emergency:</strong> Call your local emergency number")
    assert advice < html.find("answer-passages") if "answer-passages" in html else True
    assert advice < html.index("Medical disclaimer</h2>")


def test_a_question_without_emergency_words_gets_no_emergency_banner(client, shipped_article):
    html = client.get(reverse("ask"), {"q": "does a heating pad help?"}).content.decode()

    assert "Emergency:</strong>" not in html


def test_questions_are_stored_without_the_asker(client, shipped_article, author):
    client.force_login(author)
    client.cookies["audience"] = "clinician"

    client.get(
        reverse("ask"),
        {"q": "is a banana good for my eyesight?", "topic": SHIPPED_SLUG},
        REMOTE_ADDR="203.0.113.5",
    )

    stored = Question.objects.values().get()
    assert set(stored) == {
        "id", "text", "article_id", "audience", "answered", "asked_on", "helpful_count", "not_helpful_count"
    }  # fmt: skip
    assert (stored["text"], stored["audience"], stored["answered"]) == (
        "is a banana good for my eyesight?",
        "clinician",
        False,
    )
    assert "203.0.113.5" not in str(stored) and str(author.pk) not in str(stored["text"])


def test_a_reader_marks_an_answer_helpful_with_one_click(client, shipped_article):
    html = client.get(reverse("ask"), {"q": "should I stay in bed?"}).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)

    response = client.post(
        reverse("answer-verdict"), {"token": token, "helpful": "yes", "next": "/ask/?q=bed"}
    )
    forged = client.post(reverse("answer-verdict"), {"token": "forged:token", "helpful": "yes"})

    assert response.status_code == 302
    assert (forged.status_code, Question.objects.get().helpful_count) == (302, 1)


def test_editors_see_unanswered_questions_grouped_and_counted(client, shipped_article, author, outsider):
    for question in (
        "Is a banana good for eyesight?",
        "is a BANANA good for eyesight",
        "What about sleep apnoea?",
    ):
        client.get(reverse("ask"), {"q": question})
    client.get(reverse("ask"), {"q": "should I stay in bed?"})

    anonymous = client.get(reverse("questions-list"))
    client.force_login(outsider)
    refused = client.get(reverse("questions-list"))
    client.force_login(author)
    html = client.get(reverse("questions-list")).content.decode()

    assert anonymous.status_code == 302 and refused.status_code == 403
    assert re.search(r"<td>Is a banana good for eyesight\?</td><td>2</td>", html)
    assert re.search(r"<td>What about sleep apnoea\?</td><td>1</td>", html)
    assert "stay in bed" not in html


def test_the_topic_page_has_a_question_box_and_a_self_check_link(client, shipped_article):
    html = client.get(reverse("article", args=[SHIPPED_SLUG])).content.decode()

    assert '<form method="get" action="/ask/" class="question-box"' in html
    assert f'<input type="hidden" name="topic" value="{SHIPPED_SLUG}">' in html
    assert f'href="/self-check/{SHIPPED_SLUG}/?for=patient"' in html


def test_the_verdict_form_needs_a_csrf_token(shipped_article):
    response = Client(enforce_csrf_checks=True).post(
        reverse("answer-verdict"), {"token": "x", "helpful": "yes"}
    )

    assert response.status_code == 403


def test_without_a_topic_the_emergency_advice_is_that_of_the_topic_that_answered(client, shipped_article):
    data = client.get(reverse("api-ask"), {"q": "chest pain and back pain"}).json()

    assert data["results"]
    assert data["emergency"] is True
    assert data["emergency_advice"].endswith("Do not wait to see if it gets better.")


def test_emergency_words_with_no_self_check_to_offer_still_get_emergency_advice():
    advice = emergency_advice("crushing chest pain while skydiving", None, "patient")

    assert advice.startswith("Call your local emergency number (such as 911) now")
    assert "Do not wait to see if it gets better." not in advice
    assert emergency_advice("does heat help", None, "patient") is None


def test_the_api_says_when_nothing_answers_and_there_is_no_self_check_to_offer(client, shipped_article):
    data = client.get(reverse("api-ask"), {"q": "how do I book a flu jab"}).json()

    assert data == {"emergency": False, "emergency_advice": None, "self_check": None, "results": []}


def test_an_answer_from_pending_text_is_not_called_reviewed(client, shipped_article, reviewer):
    pending = client.get(reverse("ask"), {"q": "should I stay in bed?"}).content.decode()
    for article in Article.objects.all():
        approve(article.latest_revision, reviewer)
    approved = client.get(reverse("ask"), {"q": "should I stay in bed?", "x": "1"}).content.decode()

    assert "What our reviewed content says" not in pending
    assert "<strong>Pending medical review.</strong>" in pending
    assert '<span class="pending-tag">pending review</span>' in pending
    assert "What our reviewed content says" in approved
    assert "pending review</span>" not in approved


def test_no_answer_is_not_called_reviewed_content(client, shipped_article, reviewer):
    for article in Article.objects.all():
        approve(article.latest_revision, reviewer)
    html = client.get(reverse("ask"), {"q": "my 7 year old keeps saying his back hurts"}).content.decode()

    assert "We have no answer to that question." in html
    assert "What our reviewed content says" not in html


def test_each_answer_is_headed_by_its_topic_and_section(client, shipped_article):
    question = "sudden really bad pain between my shoulder blades"
    html = client.get(reverse("ask"), {"q": question}).content.decode()

    assert "Pain between the shoulder blades: Get emergency help now" in html


def test_a_worry_answered_from_a_section_that_says_how_soon_offers_the_self_check(client, shipped_article):
    question = "chest pain and pain between my shoulder blades"
    worry = client.get(reverse("ask"), {"q": question}).content.decode()
    calm = client.get(reverse("ask"), {"q": "does heat help"}).content.decode()

    assert f'href="/self-check/{SHIPPED_SLUG}/?for=patient">Check your symptoms</a>' in worry
    assert "Check your symptoms</a>" not in calm
