from django.urls import path

from content import views

app_name = "editorial"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("queue/", views.review_queue, name="queue"),
    path("topics/new/", views.topic_new, name="topic-new"),
    path("topics/<slug:slug>/edit/", views.topic_edit, name="topic-edit"),
    path("topics/<slug:slug>/history/", views.history, name="history"),
    path("preview/", views.preview, name="preview"),
    path("glossary/", views.glossary_review, name="glossary"),
    path("glossary/<int:pk>/move/", views.glossary_move, name="glossary-move"),
    path("revisions/<int:pk>/", views.revision_detail, name="revision"),
    path("revisions/<int:pk>/move/", views.revision_move, name="revision-move"),
    path("revisions/<int:pk>/restore/", views.revision_restore, name="revision-restore"),
    path("revisions/<int:pk>/assign/", views.revision_assign, name="revision-assign"),
]
