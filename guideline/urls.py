from django.urls import path

from guideline import views

app_name = "guideline"
urlpatterns = [
    path("self-check/<slug:slug>/", views.self_check, name="self-check"),
    path("api/self-check/<slug:slug>/", views.api_self_check, name="api"),
]
