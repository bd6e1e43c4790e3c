"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live server.

One browser for the whole session; each test gets a fresh context (cookies, storage). Without
Chromium the tests skip, unless REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

import importlib
import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def browser_unavailable_reason():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (install Debian's chromium package)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


def browser_required():
    return os.environ.get("REQUIRE_BROWSER", "").lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    reason = browser_unavailable_reason()
    for item in items:
        if here not in Path(item.fspath).parents:
            continue
        item.add_marker(pytest.mark.browser)
        # In CI (REQUIRE_BROWSER=1) a missing browser fails the tests instead of skipping them.
        if reason and not browser_required():
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    reason = browser_unavailable_reason()
    if reason:
        pytest.fail(f"REQUIRE_BROWSER is set but {reason}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; while it does, Django refuses
    # the tests' own ORM calls (making records, checking them) as "async-unsafe". Only for as
    # long as the browser runs: the deploy checklist test must not see this variable.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


class PageProblems:
    """What the browser complained about while a test ran: CSP violations, script errors."""

    def __init__(self):
        self.csp_violations = []
        self.script_errors = []

    def on_console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def on_page_error(self, error):
        self.script_errors.append(str(error))


@pytest.fixture
def page_problems():
    return PageProblems()


@pytest.fixture
def page(browser, live_server, page_problems):
    context = browser.new_context(base_url=live_server.url, locale="lt-LT")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("console", page_problems.on_console)
    page.on("pageerror", page_problems.on_page_error)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """screenshot("name") saves the page as test-artifacts/name.png."""

    def save(name):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)

    return save


@pytest.fixture
def editors_group(transactional_db):
    """The editors group as its migration makes it. Live-server tests empty every table after
    each test (migration data included), so the group is made again from the migration's own
    list of permissions."""
    migration = importlib.import_module("organizations.migrations.0003_editors_group")
    group, _ = Group.objects.get_or_create(name=migration.EDITORS_GROUP)
    for (app_label, model), actions in migration.EDITOR_PERMISSIONS.items():
        for action in actions:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
            )
    return group
