"""The search page, its JSON, CSV and live results over HTTP."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import ProjectStatus

pytestmark = pytest.mark.django_db

LIST_URL = reverse("projects:list")
JSON_URL = reverse("projects:search-json")
CSV_URL = reverse("projects:search-csv")
SUGGEST_URL = reverse("projects:search-suggest")


def test_the_search_page_shows_the_matching_project_with_marks(client, seeded):
    response = client.get(LIST_URL, {"q": "moteru smurto"})
    assert response.status_code == 200
    assert "<mark>Moterų</mark> informacijos centro" in response.content.decode()


def test_the_search_page_keeps_the_query_in_the_box(client, seeded):
    response = client.get(LIST_URL, {"q": "moteru smurto"})
    assert 'value="moteru smurto"' in response.content.decode()


def test_the_search_page_says_when_no_field_is_chosen(client, seeded):
    response = client.get(LIST_URL, {"q": "moterų", "fields": ""})
    assert "Nepasirinktas nė vienas paieškos laukas" in response.content.decode()


def test_a_link_without_fields_searches_all_fields(client, seeded):
    response = client.get(LIST_URL, {"q": "moterų"})
    assert response.context["criteria"].fields == ("title", "excerpt", "content")


def test_a_bad_year_gives_a_400_page_that_explains(client, seeded):
    response = client.get(LIST_URL, {"year": "abc"})
    assert response.status_code == 400
    assert "Metai „abc“ neatpažinti" in response.content.decode()


def test_an_unknown_field_gives_a_400_page_that_explains(client, seeded):
    response = client.get(LIST_URL, {"q": "x", "fields": "budget"})
    assert response.status_code == 400
    assert "Nežinomas paieškos laukas „budget“" in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page_and_says_so(client, seeded):
    response = client.get(LIST_URL, {"page": "99"})
    assert response.status_code == 200
    assert "Puslapio 99 nėra" in response.content.decode()


def test_zero_results_offer_a_nearby_spelling(client, seeded):
    response = client.get(LIST_URL, {"q": "moterru"})
    assert "Gal ieškojote:" in response.content.decode()


def test_zero_results_offer_to_drop_the_filters(client, seeded):
    response = client.get(LIST_URL, {"q": "moterų", "year": "2017"})
    assert "Be filtrų rastas 1 projektas" in response.content.decode()


def test_facet_links_add_the_value_to_the_query(client, seeded):
    response = client.get(LIST_URL, {"q": "projektas"})
    assert 'href="?q=projektas&amp;year=2017"' in response.content.decode()


def test_the_page_links_its_json_and_csv_with_the_same_parameters(client, seeded):
    content = client.get(LIST_URL, {"q": "moterų", "year": "2023"}).content.decode()
    assert f'href="{CSV_URL}?q=moter%C5%B3&amp;year=2023"' in content
    assert f'href="{JSON_URL}?q=moter%C5%B3&amp;year=2023"' in content


def test_the_live_search_script_is_an_external_file(client, seeded):
    content = client.get(LIST_URL).content.decode()
    assert "js/live-search.js" in content
    assert "<script>" not in content


def test_the_search_page_query_count_does_not_grow_with_results(client, project_factory):
    def queries_for_the_page():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST_URL, {"q": "klubas"}).status_code == 200
        return len(queries)

    project_factory(title="Klubas 0")
    with_one = queries_for_the_page()
    for number in range(1, 50):
        project_factory(title=f"Klubas {number}")
    assert queries_for_the_page() == with_one


def test_json_gives_the_shown_page_with_totals_and_facets(client, seeded):
    data = client.get(JSON_URL, {"q": "moteru smurto"}).json()
    assert data["total"] == 1
    assert data["results"][0]["implementer"]["name"] == "Moterų informacijos centras"
    assert data["facets"]["year"] == [
        {"value": 2023, "label": "2023", "count": 1, "selected": False},
        {"value": 2024, "label": "2024", "count": 1, "selected": False},
    ]


def test_json_reports_bad_parameters_with_400(client, seeded):
    response = client.get(JSON_URL, {"year": "20x4"})
    assert response.status_code == 400
    assert "year" in response.json()["errors"]


def test_csv_lists_every_result_in_the_page_order(client, seeded):
    response = client.get(CSV_URL, {"q": "projektas", "sort": "start"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "title"
    assert len(rows) == 1 + 5
    assert rows[1][4] >= rows[2][4]


def test_csv_never_lists_unpublished_projects(client, project_factory):
    project_factory(title="Viešas klubas")
    project_factory(title="Juodraštinis klubas", status=ProjectStatus.DRAFT)
    response = client.get(CSV_URL, {"q": "klubas"})
    content = b"".join(response.streaming_content).decode()
    assert "Viešas klubas" in content
    assert "Juodraštinis" not in content


def test_the_csv_downloaded_again_lists_every_result_again(client, project_factory):
    # The search page's summary cache holds one page's ids; the CSV must not be served from it.
    project_factory(title="Viešas klubas")
    project_factory(title="Kitas klubas")
    first, again = (
        b"".join(client.get(CSV_URL, {"q": "klubas"}).streaming_content).decode() for _ in range(2)
    )
    assert "Viešas klubas" in first
    assert again == first


def test_live_results_match_the_word_being_typed_as_a_prefix(client, seeded):
    data = client.get(SUGGEST_URL, {"q": "moter"}).json()
    assert [item["title"] for item in data["results"]] == [
        "Moterų informacijos centro institucinių gebėjimų stiprinimas 23/24"
    ]


def test_live_results_return_at_most_eight_projects(client, project_factory):
    for number in range(10):
        project_factory(title=f"Klubas {number}")
    data = client.get(SUGGEST_URL, {"q": "klub"}).json()
    assert len(data["results"]) == 8
    assert data["total"] == 10


def test_live_results_are_plain_json_without_markup(client, project_factory):
    project_factory(title="<img src=x> klubas")
    data = json.loads(client.get(SUGGEST_URL, {"q": "klubas"}).content)
    assert data["results"][0]["title"] == "<img src=x> klubas"
