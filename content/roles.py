"""The editorial roles, as Django groups, and what each may do."""

AUTHORS = "Authors"
MEDICAL_ADVISORY_BOARD = "Medical Advisory Board"
EDITORS = "Editors"
EDITORIAL_GROUPS = (AUTHORS, MEDICAL_ADVISORY_BOARD, EDITORS)


def roles_of(user):
    """The editorial groups a user belongs to (cached on the user for the request).

    A superuser holds every role, so the first account made with `createsuperuser` can
    run the editorial area; the workflow's own rules (no one reviews their own revision)
    still apply to them."""
    if not user.is_authenticated:
        return frozenset()
    if user.is_superuser and user.is_active:
        return frozenset(EDITORIAL_GROUPS)
    if not hasattr(user, "_editorial_roles"):
        names = user.groups.filter(name__in=EDITORIAL_GROUPS).values_list("name", flat=True)
        user._editorial_roles = frozenset(names)
    return user._editorial_roles


def has_role(user, *roles):
    """True when the user holds any of `roles`; Editors may do everything."""
    held = roles_of(user)
    return EDITORS in held or any(role in held for role in roles)


def has_editorial_access(user):
    return bool(roles_of(user))
