"""Markup checks on every portal page, in both languages: what a screen reader, a keyboard and
a strict Content-Security-Policy rely on."""

import pytest

from tests.pages_helpers import PageReader, read_page

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/organizations/",
    "/organizations/?q=centras",
    "/organizations/nacionalinis-lygybes-ir-ivairoves-forumas/",
    "/organizations/moteru-informacijos-centras/",
    "/funders/",
    "/funders/sadm/",
    "/years/",
    "/years/2017/",
    "/years/2020/",
    "/projects/moteru-informacijos-centro-instituciniu-gebejimu-stiprinimas-23-24/",
    "/projects/socialines-partnerystes-centro-instituciniu-gebejimu-stiprinimas/",
    "/no-such-page/",
]
ALL_PAGES = PAGES + [f"/en{path}" for path in PAGES]


def markup_problems(page):
    """What keeps a page from a screen reader, a keyboard or a strict CSP; empty when none."""
    problems = {
        "h1 count": [level for level, _text in page.headings].count(1) != 1,
        "skipped heading levels": page.skipped_heading_levels,
        "missing landmarks": {"header", "nav", "main", "footer"} - page.landmarks,
        "no skip-link target": "main" not in page.ids,
        "unlabelled inputs": page.unlabelled_inputs,
        "no lang": page.html_lang not in {"lt", "en"},
        "inline styles": page.style_attributes + page.style_elements,
        "inline scripts": [s for s in page.scripts if s.get("type") != "application/ld+json"],
    }
    return {name: problem for name, problem in problems.items() if problem}


@pytest.mark.parametrize("path", ALL_PAGES)
def test_page_is_usable_with_a_screen_reader_and_a_keyboard_under_a_strict_csp(
    client, seeded, path
):
    response = client.get(path)
    assert response.status_code == (404 if "no-such-page" in path else 200)
    assert markup_problems(read_page(response)) == {}


def test_markup_checks_catch_a_skipped_heading_level():
    page = read_page_from("<html lang=lt><body><h1>A</h1><h3>B</h3></body></html>")
    assert "skipped heading levels" in markup_problems(page)


def test_markup_checks_catch_an_input_without_a_label():
    page = read_page_from('<html lang="lt"><input id="x" name="q"></html>')
    assert "unlabelled inputs" in markup_problems(page)


def test_english_pages_say_so_in_the_lang_attribute(client, seeded):
    assert read_page(client.get("/en/funders/")).html_lang == "en"


def read_page_from(html):
    reader = PageReader()
    reader.feed(html)
    return reader
