from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search and questions"

    def ready(self):
        from search import signals  # noqa: F401  (keeps the index in step with review moves)
