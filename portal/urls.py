from django.contrib import admin
from django.urls import include, path

from portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("editorial-policy/", views.page, {"name": "editorial-policy"}, name="editorial-policy"),
    path("disclaimer/", views.page, {"name": "disclaimer"}, name="disclaimer"),
    path("", include("guideline.urls")),
    path("editorial/", include("content.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
