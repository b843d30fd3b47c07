"""E-mail about review: the Board when a revision awaits it, the author when it is judged."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from content.roles import MEDICAL_ADVISORY_BOARD


def status_changed(change):
    revision = getattr(change, "revision", None) or change.glossary_revision
    link = settings.PORTAL_BASE_URL + revision.editorial_url()
    title = revision.review_title()
    if change.to_status == "submitted":
        board = get_user_model().objects.filter(groups__name=MEDICAL_ADVISORY_BOARD, is_active=True)
        recipients = [user.email for user in board if user.email]
        subject = f"Awaiting review: {title}"
        body = f"{title} was submitted for review.\n\nReview it here: {link}\n"
    elif change.to_status in ("approved", "changes_requested") and revision.author and revision.author.email:
        recipients = [revision.author.email]
        verdict = "approved" if change.to_status == "approved" else "returned with changes requested"
        by = change.changed_by.get_full_name() or change.changed_by.get_username()
        subject = f"{title} was {verdict}"
        body = f"{title} was {verdict} by {by}.\n\n"
        if change.comment:
            body += f"Comment:\n{change.comment}\n\n"
        body += f"See it here: {link}\n"
    else:
        return
    if recipients:
        send_mail(subject, body, None, recipients)
