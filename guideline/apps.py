from django.apps import AppConfig


class GuidelineConfig(AppConfig):
    name = "guideline"
    verbose_name = "Clinical rules"
