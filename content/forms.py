import re

from django import forms
from django.core.validators import RegexValidator
from pydantic import TypeAdapter, ValidationError

from content.codes import CODE_FIELDS, code_line
from content.markdown import CitationError
from content.models import REFERENCE_KINDS, Article
from content.schema import Code, Reference, reference_fields
from content.sources import TOPIC_FIELDS

KEY_VALIDATOR = RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$", "Letters, digits, hyphens: e.g. smith-2020.")
REFERENCE = TypeAdapter(Reference)
CODE = TypeAdapter(Code)
OPTIONAL_REFERENCE_FIELDS = (
    "group",
    "journal",
    "volume",
    "issue",
    "pages",
    "publisher",
    "series",
    "number",
    "published",
    "doi",
    "url",
)
# A sentence ends where a full stop, question or exclamation mark is followed by another sentence.
SENTENCE_END_RE = re.compile(r"[.!?]\s+[A-Z0-9]")


class TopicForm(forms.Form):
    slug = forms.SlugField(
        help_text="The topic's address, /articles/<slug>/: lowercase words joined by hyphens.",
    )
    name = forms.CharField(
        max_length=120,
        required=False,
        help_text="The short name in an A–Z index of topics, e.g. “Pain between the shoulder blades”.",
    )
    title = forms.CharField(max_length=200, help_text="The patient's question, e.g. “What causes …?”")
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One plain sentence: the page shows it under the title, on a phone too.",
    )
    clinician_title = forms.CharField(
        max_length=200,
        required=False,
        help_text="The title in clinical words, e.g. the condition's name; blank: the patient's title.",
    )
    clinician_summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="One sentence in professional words; blank: the patient's summary.",
    )
    tags = forms.CharField(required=False, help_text="Separated by commas.")
    related = forms.CharField(
        label="Related topics",
        required=False,
        help_text="The addresses (slugs) of topics a reader may want next, separated by commas, "
        "e.g. “neck-pain, low-back-pain”.",
    )
    codes = forms.CharField(
        label="Codes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The codes this topic explains, one a line: system | code | name | where you looked it up, "
        "e.g. “ICD-10-CM | M54.6 | Pain in thoracic spine | CDC ICD-10-CM 2025”. "
        "Systems: ICD-10-CM or SNOMED CT (the concept id).",
    )
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

    def clean_summary(self):
        return one_sentence(self.cleaned_data["summary"])

    def clean_clinician_summary(self):
        return one_sentence(self.cleaned_data["clinician_summary"])

    def clean_tags(self):
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]

    def clean_related(self):
        slugs = list(
            dict.fromkeys(slug.strip() for slug in self.cleaned_data["related"].split(",") if slug.strip())
        )
        own = self.article.slug if self.article else self.cleaned_data.get("slug")
        unknown = [slug for slug in slugs if slug == own or not Article.objects.filter(slug=slug).exists()]
        if unknown:
            raise forms.ValidationError(f"No other topic has this address: {', '.join(unknown)}.")
        return slugs

    def clean_codes(self):
        return parse_codes(self.cleaned_data["codes"])


class ReferenceForm(forms.Form):
    key = forms.CharField(max_length=60, validators=[KEY_VALIDATOR])
    # A blank first choice, so an unused row stays unchanged and is ignored.
    kind = forms.ChoiceField(choices=[("", "Choose…"), *REFERENCE_KINDS.items()])
    type = forms.ChoiceField(
        choices=[("", "Journal article"), ("report", "Report or guideline of an organization (e.g. NICE)")],
        required=False,
    )
    group = forms.CharField(
        max_length=200, required=False, help_text="A group author, e.g. Expert Panel on Neurological Imaging."
    )
    authors = forms.CharField(
        max_length=400,
        required=False,
        help_text="Family name and initials, separated by commas, as listed (AMA shows up to 6); "
        "end with “et al.” when there are more: Chou R, Qaseem A, Owens DK, et al. "
        "A report with none is by its publisher.",
    )
    title = forms.CharField(max_length=400)
    journal = forms.CharField(max_length=200, required=False, help_text="Journal articles: in full.")
    volume = forms.CharField(max_length=20, required=False)
    issue = forms.CharField(max_length=20, required=False)
    pages = forms.CharField(
        max_length=40, required=False, help_text="The full range (147-155), or the article number."
    )
    publisher = forms.CharField(max_length=200, required=False, help_text="Reports: the organization.")
    series = forms.CharField(max_length=100, required=False, help_text="Reports, e.g. NICE guideline.")
    number = forms.CharField(max_length=40, required=False, help_text="Reports, e.g. NG41.")
    published = forms.CharField(max_length=10, required=False, help_text="Reports: YYYY-MM-DD.")
    year = forms.IntegerField(min_value=1800, max_value=2100)
    doi = forms.CharField(max_length=200, required=False, label="DOI", help_text="e.g. 10.1136/bmj.f7095")
    url = forms.URLField(required=False, assume_scheme="https", help_text="Where there is no DOI.")

    def clean(self):
        """The reference as article.toml holds it, checked by the file's own schema."""
        data = super().clean()
        if self.errors:
            return data
        authors = [name.strip() for name in data["authors"].split(",") if name.strip()]
        et_al = bool(authors) and authors[-1].rstrip(".") == "et al"
        reference = {
            **{name: data[name] for name in ("key", "kind")},
            "type": data["type"] or "journal-article",
            "authors": authors[:-1] if et_al else authors,
            "et_al": et_al,
            **{name: value for name in OPTIONAL_REFERENCE_FIELDS if (value := data[name])},
            "title": data["title"],
            "year": data["year"],
        }
        reference = {name: reference[name] for name in reference_fields(reference) if name in reference}
        try:
            REFERENCE.validate_python(reference)
        except ValidationError as error:
            for problem in error.errors():
                field = next((part for part in problem["loc"] if part in self.fields), None)
                message = problem["msg"] if problem["type"] != "missing" else "needed for this type"
                self.add_error(field, message[:1].upper() + message[1:] + ".")
            return data
        # As a file holds it: what is blank is left out, but a journal article's authors are required.
        data["reference"] = {
            name: value
            for name, value in reference.items()
            if value or (name == "authors" and reference["type"] == "journal-article")
        }
        return data


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
        return [form.cleaned_data["reference"] for form in self.kept_forms()]


ReferenceFormSet = forms.formset_factory(
    ReferenceForm, formset=BaseReferenceFormSet, extra=2, can_delete=True
)


def topic_content(topic_form, reference_formset):
    """The revision content both forms describe (call after both are valid)."""
    data = topic_form.cleaned_data
    return {
        **{name: data[name] for name in TOPIC_FIELDS},
        "codes": data["codes"],
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
        **{name: getattr(revision, name) for name in TOPIC_FIELDS},
        "tags": ", ".join(revision.tags),
        "related": ", ".join(revision.related),
        "codes": "\n".join(code_line(code) for code in revision.codes),
        "patient_markdown": revision.patient_markdown,
        "clinician_markdown": revision.clinician_markdown,
        "base_number": revision.number,
    }
    return topic, [reference_row(reference) for reference in revision.references]


def reference_row(reference):
    """A reference as the form's fields hold it."""
    row = {**reference, "type": "report" if reference.get("type") == "report" else ""}
    authors = reference.get("authors", [])
    if isinstance(authors, list):
        row["authors"] = ", ".join([*authors, "et al."] if reference.get("et_al") else authors)
    if "source" in reference:  # written out by hand, before references had fields: the editor sorts it
        row["journal"] = row.pop("source")
    return row


def one_sentence(text):
    if SENTENCE_END_RE.search(text.strip()):
        raise forms.ValidationError("One sentence: the page shows it under the title, on a phone too.")
    return text


def parse_codes(text):
    """The codes of the editor's text box, one a line, each checked by article.toml's own schema."""
    codes, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != len(CODE_FIELDS):
            problems.append(f"Line {number}: write system | code | name | source.")
            continue
        code = dict(zip(CODE_FIELDS, parts, strict=True))
        try:
            CODE.validate_python(code)
        except ValidationError as error:
            field = next((str(part) for part in error.errors()[0]["loc"] if part in CODE_FIELDS), "system")
            problems.append(f"Line {number}, {field}: {error.errors()[0]['msg']}.")
            continue
        if any((known["system"], known["code"]) == (code["system"], code["code"]) for known in codes):
            problems.append(f"Line {number}: {code['code']} is listed twice.")
            continue
        codes.append(code)
    if problems:
        raise forms.ValidationError(problems)
    return codes
