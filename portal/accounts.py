"""Logging in: wrong passwords are counted by django-axes, and the person typing is told how
many tries are left before the account is paused, and when a pause ends."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils import timezone


def tries_left(request, username):
    failures = AxesProxyHandler.get_failures(request, {"username": username})
    return max(settings.AXES_FAILURE_LIMIT - failures, 0)


class LoginView(auth_views.LoginView):
    def form_invalid(self, form):
        username = form.data.get("username", "")
        context = self.get_context_data(
            form=form,
            tries_left=tries_left(self.request, username),
            failure_limit=settings.AXES_FAILURE_LIMIT,
        )
        return self.render_to_response(context)


def unlocks_at(username, cool_off):
    """When logging in as `username` may start again: a pause after its last wrong password."""
    last = AccessAttempt.objects.filter(username=username).order_by("-attempt_time").first()
    return (last.attempt_time if last else timezone.now()) + cool_off


def locked_out(request, original_response=None, credentials=None):
    """django-axes's lockout page (AXES_LOCKOUT_CALLABLE), saying when the pause ends."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    cool_off = get_cool_off(request)
    context = {"username": username, "unlocks_at": unlocks_at(username, cool_off) if cool_off else None}
    return render(request, "locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
