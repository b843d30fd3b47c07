"""A URL that fails on purpose, to see the 500 page readers would get."""

from django.urls import path

from portal.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
