from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Topics and review"

    def ready(self):
        # A broken glossary stops start-up with its file and line, not a reader's page.
        from content.glossary import shipped_glossary

        shipped_glossary()
