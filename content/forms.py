from django import forms
from django.core.validators import RegexValidator

from content.markdown import CitationError
from content.models import REFERENCE_KINDS, Article

KEY_VALIDATOR = RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$", "Letters, digits, hyphens: e.g. smith-2020.")


class TopicForm(forms.Form):
    slug = forms.SlugField(
        help_text="The topic's address, /articles/<slug>/: lowercase words joined by hyphens.",
    )
    title = forms.CharField(max_length=200, help_text="The reader's question, e.g. “What causes …?”")
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), help_text="One or two plain sentences."
    )
    tags = forms.CharField(required=False, help_text="Separated by commas.")
    patient_markdown = forms.CharField(
        label="Patient text (Markdown)",
        widget=forms.Textarea(attrs={"rows": 18, "class": "markdown-source", "data-audience": "patient"}),
        help_text="Plain language, school grade 6–8. Cite as [@key] or [@key-a; @key-b].",
    )
    clinician_markdown = forms.CharField(
        label="Clinician text (Markdown)",
        widget=forms.Textarea(attrs={"rows": 18, "class": "markdown-source", "data-audience": "clinician"}),
        help_text="Complete and technical. Cite as [@key].",
    )
    base_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        if article is not None:
            del self.fields["slug"]

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Article.objects.filter(slug=slug).exists():
            raise forms.ValidationError("A topic with this address already exists.")
        return slug

    def clean_tags(self):
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]


class ReferenceForm(forms.Form):
    key = forms.CharField(max_length=60, validators=[KEY_VALIDATOR])
    # A blank first choice, so an unused row stays unchanged and is ignored.
    kind = forms.ChoiceField(choices=[("", "Choose…"), *REFERENCE_KINDS.items()])
    authors = forms.CharField(max_length=300, help_text="e.g. Chou R, Qaseem A, Owens DK, et al.")
    title = forms.CharField(max_length=400)
    source = forms.CharField(max_length=300, help_text="Journal, volume and pages, or publisher.")
    year = forms.IntegerField(min_value=1800, max_value=2100)
    url = forms.URLField(required=False, assume_scheme="https")


class BaseReferenceFormSet(forms.BaseFormSet):
    def clean(self):
        keys = [form.cleaned_data["key"] for form in self.kept_forms()]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise forms.ValidationError(
                f"Each reference needs its own key; used twice: {', '.join(duplicates)}."
            )

    def error_messages(self):
        """Every problem in the references, one line each, for the live preview."""
        messages = list(self.non_form_errors())
        for number, errors in enumerate(self.errors, start=1):
            for field, field_errors in errors.items():
                messages += [f"Reference {number}, {field}: {error}" for error in field_errors]
        return messages

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form) and form.is_valid()
        ]

    def references(self):
        references = []
        for form in self.kept_forms():
            reference = {
                name: form.cleaned_data[name]
                for name in ("key", "kind", "authors", "title", "source", "year")
            }
            if form.cleaned_data["url"]:
                reference["url"] = form.cleaned_data["url"]
            references.append(reference)
        return references


ReferenceFormSet = forms.formset_factory(
    ReferenceForm, formset=BaseReferenceFormSet, extra=2, can_delete=True
)


def topic_content(topic_form, reference_formset):
    """The revision content both forms describe (call after both are valid)."""
    data = topic_form.cleaned_data
    return {
        "title": data["title"],
        "summary": data["summary"],
        "tags": data["tags"],
        "references": reference_formset.references(),
        "patient_markdown": data["patient_markdown"],
        "clinician_markdown": data["clinician_markdown"],
    }


def add_citation_error(topic_form, error: CitationError):
    """Put a citation problem on the field of the audience text it was found in."""
    topic_form.add_error(f"{error.audience}_markdown", f"Line {error.line}: {error.message}.")


def add_uncited_errors(reference_formset, uncited_keys):
    """Mark each reference that neither text cites, on its own row."""
    for form in reference_formset.kept_forms():
        key = form.cleaned_data["key"]
        if key in uncited_keys:
            form.add_error("key", f"Cite every reference, or remove it: never cited: {key}.")


def initial_data(revision):
    """Form data for editing from `revision` (or a blank new topic when None)."""
    if revision is None:
        return {"base_number": 0}, []
    topic = {
        "title": revision.title,
        "summary": revision.summary,
        "tags": ", ".join(revision.tags),
        "patient_markdown": revision.patient_markdown,
        "clinician_markdown": revision.clinician_markdown,
        "base_number": revision.number,
    }
    return topic, [dict(reference) for reference in revision.references]
