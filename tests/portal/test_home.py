from decimal import Decimal

import pytest
from django.urls import reverse

from organizations.models import OrganizationKind
from tests.pages_helpers import count_queries, read_page

pytestmark = pytest.mark.django_db


def test_home_has_a_search_form_that_sends_q_to_the_project_search(client, seeded):
    html = client.get("/").content.decode()
    assert f'action="{reverse("projects:list")}" method="get"' in html
    assert 'name="q"' in html


def test_home_shows_how_many_projects_and_organizations_the_registry_holds(client, seeded):
    response = client.get("/")
    assert response.context["project_count"] == 5
    assert response.context["organization_count"] == 20


def test_home_shows_the_euro_total_in_the_lithuanian_way(client, seeded):
    # MIC's 51 400 € and Šeimos institutas' 12 000 €; the other seed records state no amount.
    assert "63\xa0400\xa0€" in client.get("/").content.decode()


def test_home_shows_the_euro_total_in_the_english_way_under_en(client, seeded):
    assert "€63,400" in client.get("/en/").content.decode()


def test_home_lists_the_latest_published_projects(client, seeded):
    html = client.get("/").content.decode()
    assert "Padėti-NE-stebėti" in html
    assert html.count('class="card"') == 5


def test_home_leaves_draft_projects_out_of_the_latest_and_the_totals(
    client, project_factory, funding_factory
):
    funding_factory(project=project_factory(title="Juodraštinis", status="draft"))
    response = client.get("/")
    assert "Juodraštinis" not in response.content.decode()
    assert response.context["project_count"] == 0
    assert response.context["euro_total"] == 0


def test_home_draws_funding_per_year_as_an_svg_chart(client, seeded):
    html = client.get("/").content.decode()
    assert '<svg class="chart-svg"' in html
    assert "<title" in html


def test_home_chart_is_readable_as_a_table_too(client, seeded):
    response = client.get("/")
    per_year = {year: euros for year, euros, _url in response.context["funding_per_year"]}
    # 51 400 € over 2023–2024 and 12 000 € over 2020–2021, split evenly across the years.
    assert per_year == {
        2020: Decimal("6000.00"),
        2021: Decimal("6000.00"),
        2022: 0,
        2023: Decimal("25700.00"),
        2024: Decimal("25700.00"),
    }
    assert '<th scope="row"><a href="/years/2023/">2023</a></th>' in response.content.decode()


def test_home_renders_in_english_with_the_lang_attribute(client, seeded):
    response = client.get("/en/")
    assert response.status_code == 200
    assert read_page(response).html_lang == "en"


def test_home_query_count_is_the_same_with_1_and_with_50_projects(
    client, project_factory, funding_factory, organization_factory
):
    funder = organization_factory(name="Ministerija", kind=OrganizationKind.PUBLIC_BODY)
    funding_factory(project=project_factory(), funder=funder)
    one = count_queries(client, "/")
    for _ in range(49):
        funding_factory(project=project_factory(), funder=funder)
    assert count_queries(client, "/") == one


def test_home_figures_follow_a_newly_saved_project_at_once(client, project_factory):
    project_factory()
    assert client.get("/").context["project_count"] == 1
    project_factory()
    assert client.get("/").context["project_count"] == 2
