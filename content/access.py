"""Who may open which editorial page: one place, used by every editorial view."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from content.roles import has_editorial_access, has_role


def editorial_view(*roles):
    """Require a logged-in member of an editorial group (of `roles`, when given)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_editorial_access(request.user):
                raise PermissionDenied("You have no editorial role.")
            if roles and not has_role(request.user, *roles):
                raise PermissionDenied("Your role does not allow this.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
