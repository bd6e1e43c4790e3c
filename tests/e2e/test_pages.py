"""The main public pages in a real browser: no serious or critical accessibility violation
(axe-core), no Content Security Policy violation, a screenshot of each as a test artefact."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.django_db(transaction=True)

MIC_PROJECT = "/projects/moteru-informacijos-centro-instituciniu-gebejimu-stiprinimas-23-24/"
PAGES = {
    "home": "/",
    "search": "/projects/?q=moter%C5%B3",
    "project": MIC_PROJECT,
    "organization": "/organizations/moteru-informacijos-centras/",
    "funder": "/funders/sadm/",
    "year": "/years/2017/",
}
LANGUAGES = {"lt": "", "en": "/en"}
SERIOUS = {"serious", "critical"}


def page_cases():
    for language, prefix in LANGUAGES.items():
        for name, path in PAGES.items():
            yield pytest.param(prefix + path, f"{language}-{name}", id=f"{language}-{name}")


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


@pytest.fixture
def visit(page, seeded, screenshot):
    def go(path):
        response = page.goto(path)
        assert response.status == 200, path
        return page

    return go


@pytest.mark.parametrize(("path", "name"), list(page_cases()))
def test_page_has_no_serious_accessibility_violations(visit, screenshot, path, name):
    page = visit(path)
    screenshot(name)
    assert serious_violations(page) == []


# The policy does not depend on the language: the Lithuanian pages are enough.
@pytest.mark.parametrize(("path", "name"), [case for case in page_cases() if "lt-" in case.id])
def test_page_breaks_no_content_security_policy_rule(visit, page_problems, path, name):
    visit(path)
    page_problems_seen = page_problems.csp_violations + page_problems.script_errors
    assert page_problems_seen == []
