from django import forms

MESSAGE_LIMIT = 2000


class HelpfulForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class ErrorReportForm(forms.Form):
    message = forms.CharField(
        label="What is wrong or unclear on this page?",
        max_length=MESSAGE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Please do not include your name or details about your health. We read every report.",
    )
