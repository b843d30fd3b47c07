from django.urls import path

from portal.self_check import views

app_name = "self_check"
urlpatterns = [
    path("self-check/<slug:slug>/", views.self_check, name="self-check"),
    path("api/self-check/<slug:slug>/", views.api_self_check, name="api"),
]
