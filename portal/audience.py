"""Who is reading: a patient or caregiver, or a healthcare professional."""

from django.conf import settings

AUDIENCE_LABELS = {
    "patient": "Patient or caregiver",
    "clinician": "Healthcare professional",
}
ONE_YEAR = 365 * 24 * 60 * 60


def chosen_audience(request):
    """The audience for this request: ?for= first, then the cookie, then the default.

    An unknown value anywhere falls through to the next source, never to an error.
    """
    for candidate in (
        request.GET.get("for"),
        request.COOKIES.get(settings.PORTAL_AUDIENCE_COOKIE),
    ):
        if candidate in AUDIENCE_LABELS:
            return candidate
    return settings.PORTAL_DEFAULT_AUDIENCE


def remember_audience(request, response, audience):
    """Keep an explicit choice for the visitor's next pages (a cookie, no login)."""
    if (
        request.GET.get("for") == audience
        and request.COOKIES.get(settings.PORTAL_AUDIENCE_COOKIE) != audience
    ):
        response.set_cookie(
            settings.PORTAL_AUDIENCE_COOKIE,
            audience,
            max_age=ONE_YEAR,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    return response
