"""The house's arrows run one way: portal → search, guideline → content; nothing back up."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

APPS = ("content", "guideline", "search", "portal")
# What each app's code may import of the others (its tests may use any app's test helpers).
MAY_IMPORT = {
    "content": set(),
    "guideline": {"content"},
    "search": {"content"},
    "portal": {"content", "guideline", "search"},
}
LARGEST_MODULE = 400


def code_files(app):
    for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py")):
        if not {"tests", "migrations"} & set(path.relative_to(settings.BASE_DIR).parts):
            yield path


def imported_apps(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        for name in names:
            if name.split(".")[0] in APPS:
                yield name.split(".")[0]


@pytest.mark.parametrize("app", APPS)
def test_each_app_imports_only_the_apps_below_it(app):
    wrong = {
        (str(path.relative_to(settings.BASE_DIR)), imported)
        for path in code_files(app)
        for imported in imported_apps(path)
        if imported != app and imported not in MAY_IMPORT[app]
    }

    assert not wrong


@pytest.mark.parametrize("app", APPS)
def test_no_module_is_longer_than_a_reader_can_hold(app):
    long_modules = {
        str(path.relative_to(settings.BASE_DIR)): lines
        for path in code_files(app)
        if (lines := path.read_text(encoding="utf-8").count("\n")) > LARGEST_MODULE
    }

    assert not long_modules
