import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from content import editing
from content.access import editorial_view
from content.audience import AUDIENCES
from content.codes import code_line
from content.diff import word_diff
from content.forms import (
    ReferenceFormSet,
    TopicForm,
    add_citation_error,
    add_uncited_errors,
    initial_data,
    topic_content,
)
from content.models import (
    Article,
    GlossaryRevision,
    GlossaryStatusChange,
    Revision,
    SiteGlossary,
    StatusChange,
)
from content.presentation import panes
from content.roles import AUTHORS, EDITORS, has_role
from content.workflow import (
    MOVES,
    TransitionRefused,
    assign_reviewer,
    available_moves,
    eligible_reviewers,
    transition,
)

Status = Revision.Status
DUE_SOON = datetime.timedelta(days=30)


@editorial_view()
def dashboard(request):
    articles = Article.objects.select_related("latest_revision", "published_revision").order_by("slug")
    by_status = {status: [] for status in Status}
    for article in articles:
        if article.latest_revision:
            by_status[article.latest_revision.status].append(article)
    due_by = timezone.localdate() + DUE_SOON
    context = {
        "by_status": [(Status(status).label, items) for status, items in by_status.items()],
        "review_due": articles.filter(published_revision__isnull=False, next_review_due__lte=due_by).order_by(
            "next_review_due"
        ),
        "today": timezone.localdate(),
    }
    return render(request, "content/dashboard.html", context)


@editorial_view()
def review_queue(request):
    revisions = (
        Revision.objects.filter(status__in=Revision.PENDING_STATUSES)
        .select_related("article", "author", "assigned_reviewer")
        .order_by("created_at")
    )
    return render(request, "content/queue.html", {"revisions": revisions})


@editorial_view(AUTHORS)
def topic_new(request):
    return edit_topic(request, article=None)


@editorial_view(AUTHORS)
def topic_edit(request, slug):
    article = get_object_or_404(Article.objects.select_related("latest_revision"), slug=slug)
    return edit_topic(request, article)


def edit_topic(request, article):
    latest = article.latest_revision if article else None
    if request.method == "POST":
        topic_form = TopicForm(request.POST, article=article)
        references = ReferenceFormSet(request.POST, prefix="references")
    else:
        topic, reference_rows = initial_data(latest)
        topic_form = TopicForm(initial=topic, article=article)
        references = ReferenceFormSet(initial=reference_rows, prefix="references")

    preview = None
    if request.method == "POST" and topic_form.is_valid() and references.is_valid():
        preview, error = editing.preview(topic_content(topic_form, references))
        if error:
            add_citation_error(topic_form, error)
        elif preview.uncited_keys():
            add_uncited_errors(references, preview.uncited_keys())
        elif "preview" not in request.POST:
            return save_topic(request, article, topic_form, references)

    context = {
        "article": article,
        "latest": latest,
        "topic_form": topic_form,
        "references": references,
        "panes": panes(preview) if preview else [],
    }
    return render(request, "content/edit.html", context)


def save_topic(request, article, topic_form, references):
    try:
        revision = editing.save_draft(
            topic_content(topic_form, references),
            by=request.user,
            base_number=topic_form.cleaned_data["base_number"],
            article=article,
            slug=topic_form.cleaned_data.get("slug"),
        )
    except editing.StaleEdit as stale:
        messages.error(request, str(stale))
        return refused_save(request, article, stale.latest, topic_form, references)
    except editing.AddressTaken as taken:
        topic_form.add_error("slug", str(taken))
        return refused_save(request, article, None, topic_form, references)
    if "submit" in request.POST:
        revision = transition(revision, Status.SUBMITTED, by=request.user)
        messages.success(request, f"Revision {revision.number} was saved and submitted for review.")
    else:
        messages.success(request, f"Revision {revision.number} was saved as a draft.")
    return redirect("editorial:revision", revision.pk)


def refused_save(request, article, latest, topic_form, references):
    """The form again, with the editor's text, when someone else's save got there first."""
    context = {"article": article, "latest": latest, "topic_form": topic_form, "references": references}
    return render(request, "content/edit.html", context, status=409)


@editorial_view(AUTHORS)
@require_POST
def preview(request):
    """The live preview: both audiences rendered as readers would see them."""
    topic_form = TopicForm(request.POST, article=Article(slug="preview"))
    references = ReferenceFormSet(request.POST, prefix="references")
    if not (topic_form.is_valid() and references.is_valid()):
        return JsonResponse({"errors": {**topic_form.errors, "references": references.error_messages()}})
    revision, error = editing.preview(topic_content(topic_form, references))
    if error:
        return JsonResponse(
            {"errors": {f"{error.audience}_markdown": [f"Line {error.line}: {error.message}."]}}
        )
    rendered_panes = {
        pane["audience"]: render_to_string("content/_preview.html", {"pane": pane})
        for pane in panes(revision)
    }
    return JsonResponse({"errors": {}, "panes": rendered_panes})


@editorial_view()
def revision_detail(request, pk):
    revision = get_object_or_404(Revision.objects.select_related("article", "author", "approved_by"), pk=pk)
    approved = revision.article.published_revision
    compare_with = approved if approved and approved.pk != revision.pk else None
    before = reviewed_parts(compare_with) if compare_with else None
    diffs = [
        (label, word_diff(before[label], text) if before else None)
        for label, text in reviewed_parts(revision).items()
    ]
    is_editor = has_role(request.user, EDITORS)
    context = {
        "revision": revision,
        "compare_with": compare_with,
        "diffs": diffs,
        "moves": available_moves(revision, request.user),
        "can_restore": is_editor,
        "reviewers": eligible_reviewers(revision) if is_editor else None,
        "panes": panes(revision),
        "changes": revision.status_changes.select_related("changed_by", "assigned_reviewer"),
    }
    return render(request, "content/revision.html", context)


def reviewed_parts(revision):
    """{label: text} a reviewer compares: the index name and codes, then each audience's
    title, summary and text, as that audience reads them."""
    parts = {"Index name": revision.name, "Codes": "\n".join(code_line(code) for code in revision.codes)}
    for audience in AUDIENCES:
        words = (revision.title_for(audience), revision.summary_for(audience), revision.text(audience))
        parts[f"{audience.capitalize()} title, summary and text"] = "\n\n".join(words)
    return parts


@editorial_view()
@require_POST
def revision_move(request, pk):
    revision = move_from_post(request, get_object_or_404(Revision, pk=pk), "Revision")
    return redirect("editorial:revision", revision.pk)


def move_from_post(request, revision, name):
    """Make the review move a button posted, telling the editor how it went."""
    to_status = request.POST.get("to_status", "")
    if not any(to_status == to for (_, to) in MOVES):
        raise PermissionDenied("Unknown move.")
    try:
        revision = transition(revision, to_status, by=request.user, comment=request.POST.get("comment", ""))
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{name} {revision.number} is now {revision.get_status_display().lower()}.")
    return revision


@editorial_view(EDITORS)
@require_POST
def revision_restore(request, pk):
    revision = get_object_or_404(Revision.objects.select_related("article"), pk=pk)
    draft = editing.restore(revision, by=request.user)
    messages.success(
        request, f"Revision {revision.number} was restored as a new draft, revision {draft.number}."
    )
    return redirect("editorial:revision", draft.pk)


@editorial_view(EDITORS)
@require_POST
def revision_assign(request, pk):
    revision = get_object_or_404(Revision, pk=pk, status__in=Revision.PENDING_STATUSES)
    reviewer = get_object_or_404(eligible_reviewers(revision), pk=request.POST.get("reviewer"))
    try:
        assign_reviewer(revision, reviewer, by=request.user)
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        name = reviewer.get_full_name() or reviewer.get_username()
        messages.success(request, f"{name} will review this revision.")
    return redirect("editorial:revision", revision.pk)


@editorial_view()
def history(request, slug):
    article = get_object_or_404(Article, slug=slug)
    revisions = article.revisions.select_related("author", "approved_by")
    changes = (
        StatusChange.objects.filter(revision__article=article)
        .select_related("revision", "changed_by", "assigned_reviewer")
        .order_by("-changed_at", "-pk")
    )
    return render(
        request, "content/history.html", {"article": article, "revisions": revisions, "changes": changes}
    )


@editorial_view()
def glossary_review(request):
    glossary = SiteGlossary.load()
    approved, current = glossary.published_revision, glossary.latest_revision
    context = {
        "current": current,
        "approved": approved,
        "changes": glossary_changes(approved, current) if current and current != approved else None,
        "moves": available_moves(current, request.user) if current else [],
        "history": GlossaryStatusChange.objects.select_related("glossary_revision", "changed_by").order_by(
            "-changed_at", "-pk"
        ),
    }
    return render(request, "content/glossary.html", context)


def glossary_changes(old, new):
    """{"added": [...], "removed": [...], "changed": [(before, after)]} between two versions."""
    before = {entry["term"]: entry for entry in (old.terms if old else [])}
    after = {entry["term"]: entry for entry in new.terms}
    return {
        "added": [after[term] for term in sorted(after.keys() - before.keys())],
        "removed": [before[term] for term in sorted(before.keys() - after.keys())],
        "changed": [
            (before[term], after[term])
            for term in sorted(before.keys() & after.keys())
            if before[term] != after[term]
        ],
    }


@editorial_view()
@require_POST
def glossary_move(request, pk):
    move_from_post(request, get_object_or_404(GlossaryRevision, pk=pk), "Glossary revision")
    return redirect("editorial:glossary")
