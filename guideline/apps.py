from django.apps import AppConfig


class GuidelineConfig(AppConfig):
    name = "guideline"
    verbose_name = "Clinical rules"

    def ready(self):
        # Read and check every rules file now, so a broken one stops start-up with a
        # message naming it, rather than failing a patient's request later.
        from guideline.ruleset import rulesets

        rulesets()
