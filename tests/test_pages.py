import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MIC_SLUG = "moteru-informacijos-centro-instituciniu-gebejimu-stiprinimas-23-24"


def test_project_list_shows_the_five_seed_projects(client, seeded):
    response = client.get(reverse("projects:list"))
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == 5


def test_project_page_shows_goals_partners_funder_and_amount(client, seeded):
    response = client.get(
        "/projects/moteru-informacijos-centro-instituciniu-gebejimu-stiprinimas-23-24/"
    )
    html = response.content.decode()
    assert "ugdyti visuomenės sąmoningumą" in html.lower()
    assert "UAB IDEA MECCA" in html
    assert "51\xa0400\xa0€" in html
    assert "2023–2024 m." in html


def test_project_page_is_in_english_under_en(client, seeded):
    response = client.get("/en/projects/padeti-ne-stebeti/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_draft_project_is_not_public(client, project_factory):
    project = project_factory(status="draft")
    assert client.get(project.get_absolute_url()).status_code == 404


def test_organization_page_lists_implemented_and_partner_projects(client, seeded):
    html = client.get("/organizations/uab-idea-mecca/").content.decode()
    assert "Moterų informacijos centro institucinių gebėjimų stiprinimas 23/24" in html


def test_project_list_query_count_does_not_grow_with_rows(
    client, project_factory, funding_factory, django_assert_max_num_queries
):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("projects:list")).status_code == 200
        return len(context)

    funding_factory(project=project_factory())
    one = count_queries()
    for _ in range(19):
        funding_factory(project=project_factory())
    assert count_queries() == one
