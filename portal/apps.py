from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Reader's portal"

    def ready(self):
        from portal import signals  # noqa: F401  (connects the search index to review moves)
