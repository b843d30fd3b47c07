"""Questions readers asked: stored without the reader, grouped for editors."""

from collections import Counter

from django.core import signing
from django.db.models import F

from search.models import Question
from search.query import STOP_WORDS, WORD_RE

SIGNING_SALT = "portal.question"


def record(text, article, audience, answered):
    return Question.objects.create(text=text, article=article, audience=audience, answered=answered)


def token_for(question):
    """A signed handle, so a verdict can only be given on a question that was shown."""
    return signing.dumps(question.pk, salt=SIGNING_SALT)


def record_verdict(token, helpful):
    """Count one "helpful" or "not helpful"; False for a forged or stale token."""
    try:
        pk = signing.loads(token, salt=SIGNING_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        return False
    field = "helpful_count" if helpful else "not_helpful_count"
    return Question.objects.filter(pk=pk).update(**{field: F(field) + 1}) == 1


def wording_key(text):
    """Questions worded alike share a key: their meaningful words, sorted."""
    words = sorted({word for word in WORD_RE.findall(text.lower()) if word not in STOP_WORDS})
    return " ".join(words) or text.lower().strip()


def unanswered_groups():
    """[(example wording, count, topic slugs, last asked)] for questions with no answer, most asked first."""
    groups = {}
    counts = Counter()
    for question in (
        Question.objects.filter(answered=False).select_related("article").order_by("asked_on", "pk")
    ):
        key = wording_key(question.text)
        counts[key] += 1
        example, slugs, _ = groups.get(key, (question.text, set(), None))
        if question.article:
            slugs.add(question.article.slug)
        groups[key] = (example, slugs, question.asked_on)
    return [
        (groups[key][0], count, sorted(groups[key][1]), groups[key][2]) for key, count in counts.most_common()
    ]
