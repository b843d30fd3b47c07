"""/healthz: is this server able to serve? Cheap enough for a load balancer to ask often."""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def cache_ok():
    try:
        cache.set("healthz", "ok", timeout=10)
        return cache.get("healthz") == "ok"
    except Exception:
        return False


@never_cache
def healthz(request):
    checks = {"database": database_ok(), "cache": cache_ok()}
    status = 200 if all(checks.values()) else 503
    return JsonResponse({name: "ok" if ok else "down" for name, ok in checks.items()}, status=status)
