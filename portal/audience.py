"""Who is reading this request: a patient or caregiver, or a healthcare professional.

The audiences themselves are defined in content.audience; this module reads them from a
request (the query and the visitor's cookie) and remembers a choice.
"""

from django.conf import settings

from content.audience import audience_or

ONE_YEAR = 365 * 24 * 60 * 60


def chosen_audience(request):
    """The audience for this request: ?for= first, then the cookie, then the default.

    An unknown value anywhere falls through to the next source, never to an error.
    """
    remembered = audience_or(
        request.COOKIES.get(settings.PORTAL_AUDIENCE_COOKIE), settings.PORTAL_DEFAULT_AUDIENCE
    )
    return audience_or(request.GET.get("for"), remembered)


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
