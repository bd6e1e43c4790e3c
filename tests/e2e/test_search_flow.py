"""A visitor uses the search page in a real browser: words, exact matches, the fields to
search in, funder and year filters, a result, the language switch, and live results chosen
with the keyboard."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

MIC_TITLE = "Moterų informacijos centro institucinių gebėjimų stiprinimas 23/24"
MIC_PATH = "/projects/moteru-informacijos-centro-instituciniu-gebejimu-stiprinimas-23-24/"


@pytest.fixture
def search_page(page, seeded):
    page.goto("/projects/")
    return page


def search(page, text):
    page.fill("#search-q", text)
    page.click(".search-form button[type=submit]")
    page.wait_for_load_state()


def result_titles(page):
    return page.locator(".search-result-list h3").all_inner_texts()


def test_visitor_finds_a_project_by_a_word_in_another_form(search_page):
    search(search_page, "moterims")
    assert MIC_TITLE in result_titles(search_page)


def test_exact_matches_only_leaves_out_other_word_forms(search_page):
    search_page.get_by_label("Tik tikslūs atitikmenys").check()
    search(search_page, "moteris")
    assert result_titles(search_page) == []


def test_exact_matches_only_stays_checked_on_the_results_page(search_page):
    search_page.get_by_label("Tik tikslūs atitikmenys").check()
    search(search_page, "moterų")
    expect(search_page.get_by_label("Tik tikslūs atitikmenys")).to_be_checked()


def test_searching_only_titles_leaves_out_words_found_in_the_excerpt(search_page):
    search_page.get_by_label("aprašyme").uncheck()
    search_page.get_by_label("santraukoje").uncheck()
    search(search_page, "strateginį")
    assert result_titles(search_page) == []


def test_the_same_word_is_found_when_every_field_is_searched(search_page):
    search(search_page, "strateginį")
    assert MIC_TITLE in result_titles(search_page)


def test_funder_filter_keeps_only_that_funders_projects(search_page, screenshot):
    facets = search_page.locator(".search-facets")
    facets.get_by_role("link", name=re.compile("socialinės apsaugos")).first.click()
    search_page.wait_for_load_state()
    screenshot("search-funder-filter")
    assert "funder=" in search_page.url and len(result_titles(search_page)) == 5


def test_year_filter_keeps_the_projects_running_that_year(search_page):
    search_page.locator(".search-facets").get_by_role("link", name="2017", exact=True).click()
    search_page.wait_for_load_state()
    assert len(result_titles(search_page)) == 2


def test_following_a_result_opens_the_project_page(search_page):
    search(search_page, "moterų")
    search_page.locator(".search-result-list").get_by_role("link", name=MIC_TITLE).click()
    expect(search_page.locator("h1")).to_have_text(MIC_TITLE)


def test_language_switch_shows_the_same_page_in_english(search_page):
    search_page.goto(MIC_PATH)
    search_page.get_by_role("link", name="English").click()
    search_page.wait_for_url(f"**/en{MIC_PATH}")
    assert search_page.locator("html").get_attribute("lang") == "en"


def test_live_results_appear_while_typing(search_page, screenshot):
    search_page.locator("#search-q").press_sequentially("moter", delay=50)
    option = search_page.get_by_role("option", name=re.compile("Moterų informacijos"))
    expect(option).to_be_visible()
    screenshot("search-live-results")


def test_live_result_is_chosen_with_the_keyboard(search_page):
    field = search_page.locator("#search-q")
    field.press_sequentially("moter", delay=50)
    expect(search_page.get_by_role("option").first).to_be_visible()
    field.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", re.compile(".+"))
    field.press("Enter")
    search_page.wait_for_url(f"**{MIC_PATH}")
    expect(search_page.locator("h1")).to_have_text(MIC_TITLE)
