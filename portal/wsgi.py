import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()

# What start-up loaded lives as long as the worker: frozen, it is left out of the garbage
# collector's full passes, which gave the slowest new questions 10-50 ms more (bench/README.md).
gc.freeze()
