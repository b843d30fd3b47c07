import logging

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached gives readers a plain 503 page, not a traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable: %s", exception)
        response = TemplateResponse(request, "503.html", status=503)
        response["Retry-After"] = "10"
        return response.render()


NUL_REFUSED = "Must not contain a NUL character."
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def field_with_nul(request):
    """The name of the first query or form field whose name or value holds a NUL, or None."""
    fields = [request.GET]
    if request.method == "POST" and request.content_type in FORM_TYPES:
        fields.append(request.POST)
    for data in fields:
        for name, values in data.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return name.replace("\x00", "")
    return None


class RefuseNulMiddleware:
    """Refuse text with a NUL character before any view sees it.

    PostgreSQL cannot store one in a text column (a 500) and SQLite stores it silently; no
    reader or editor means to type one. A form's own fields refuse it too (Django's
    ProhibitNullCharactersValidator); this covers the query parameters views read directly.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = field_with_nul(request)
        if field is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"errors": {field: NUL_REFUSED}}, status=400)
        return render(request, "portal/refused.html", {"reason": "nul", "field": field}, status=400)
