import pytest
from django.urls import reverse

from projects.models import Project, ProjectStatus


@pytest.fixture
def api(client):
    def get(path, **params):
        return client.get(path, params)

    return get


def test_the_project_list_shows_published_projects_only(api, seeded):
    Project.objects.filter(slug="padeti-ne-stebeti").update(status=ProjectStatus.DRAFT)
    slugs = [item["slug"] for item in api("/api/projects/").json()["results"]]
    assert len(slugs) == 4
    assert "padeti-ne-stebeti" not in slugs


def test_the_project_list_is_paginated(api, seeded):
    body = api("/api/projects/", page_size=2).json()
    assert body["count"] == 5
    assert len(body["results"]) == 2
    assert body["next"].endswith("page=2&page_size=2")


def test_the_project_list_takes_the_search_pages_year_filter(api, seeded):
    slugs = {item["slug"] for item in api("/api/projects/", year=2017).json()["results"]}
    assert slugs == {
        "nlif-institucinio-stiprinimo-projektas-2017",
        "nvo-vienijanciu-asociaciju-institucinis-stiprinimas-caritas-2017",
    }


def test_the_project_list_takes_the_search_text(api, seeded):
    results = api("/api/projects/", q="Padėti-NE-stebėti").json()["results"]
    assert results[0]["slug"] == "padeti-ne-stebeti"


def test_the_project_list_takes_the_funder_and_organization_filters(api, seeded):
    body = api("/api/projects/", funder="sadm", organization="seimos-institutas").json()
    assert [item["slug"] for item in body["results"]] == ["padeti-ne-stebeti"]


def test_the_project_list_sorts_by_amount(api, seeded):
    results = api("/api/projects/", sort="amount").json()["results"]
    assert (
        results[0]["slug"] == "moteru-informacijos-centro-instituciniu-gebejimu-stiprinimas-23-24"
    )


def test_an_invalid_filter_is_explained_with_a_400(api, seeded):
    response = api("/api/projects/", year="abc")
    assert response.status_code == 400
    assert "year" in response.json()


def test_a_project_shows_its_goals_tasks_and_funding(api, seeded):
    body = api("/api/projects/padeti-ne-stebeti/").json()
    assert len(body["tasks"]) == 2
    assert body["fundings"][0]["amount"] == "12000.00"
    assert body["start_precision"] == "month"


def test_a_draft_project_is_not_found(api, seeded):
    Project.objects.filter(slug="padeti-ne-stebeti").update(status=ProjectStatus.DRAFT)
    assert api("/api/projects/padeti-ne-stebeti/").status_code == 404


def test_organizations_can_be_searched_by_name(api, seeded):
    results = api("/api/organizations/", q="Šeimos institutas").json()["results"]
    assert [item["slug"] for item in results] == ["seimos-institutas"]


@pytest.mark.parametrize("path", ["/api/organizations/", "/api/funders/"])
def test_a_name_search_ignores_control_characters(api, seeded, path):
    # A NUL byte reached PostgreSQL, which refuses it in a query: a server error.
    response = api(path, q="\x00Šeimos\x07 institutas")
    assert response.status_code == 200
    if path == "/api/organizations/":
        assert [item["slug"] for item in response.json()["results"]] == ["seimos-institutas"]


def test_funders_are_the_organizations_funding_published_projects(api, seeded):
    results = api("/api/funders/").json()["results"]
    assert [(item["short_name"], item["project_count"]) for item in results] == [("SADM", 5)]


def test_the_api_is_read_only(client, seeded):
    response = client.post("/api/projects/", {"title": "x"})
    assert response.status_code == 405


def test_the_openapi_description_is_served(client, db):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/projects/" in response.json()["paths"]


def test_the_project_list_runs_a_fixed_number_of_queries(
    api, seeded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        api("/api/projects/")
