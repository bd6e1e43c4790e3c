from decimal import Decimal

import pytest

from organizations.models import OrganizationKind
from projects.models import FundingProgramme
from tests.pages_helpers import count_queries

pytestmark = pytest.mark.django_db


def test_funders_index_lists_the_ministry_with_its_total(client, seeded):
    response = client.get("/funders/")
    [(funder, euros)] = response.context["rows"]
    assert (funder.slug, euros) == ("sadm", Decimal("63400.00"))


def test_funders_index_renders_in_english(client, seeded):
    assert "Funders" in client.get("/en/funders/").content.decode()


def test_funder_page_lists_its_programmes(client, seeded):
    html = client.get("/funders/sadm/").content.decode()
    assert "Nacionalinių nevyriausybinių organizacijų institucinis stiprinimas" in html


def test_funder_page_links_each_programme_to_the_filtered_search(client, seeded):
    html = client.get("/funders/sadm/").content.decode()
    assert 'href="/projects/?programme=seimos-geroves-nvo-konkursas-2020-2021"' in html


def test_funder_page_counts_the_projects_it_funded_per_year(client, seeded):
    rows = {
        row["year"]: row["projects"] for row in client.get("/funders/sadm/").context["year_rows"]
    }
    assert rows == {2017: 2, 2020: 1, 2021: 1, 2023: 1, 2024: 1}


def test_funder_page_links_each_year_to_the_search_by_funder_and_year(client, seeded):
    html = client.get("/funders/sadm/").content.decode()
    assert 'href="/projects/?funder=sadm&amp;year=2017"' in html


def test_funder_page_shows_totals(client, seeded):
    context = client.get("/funders/sadm/").context
    assert (context["project_count"], context["euro_total"]) == (5, Decimal("63400.00"))


def test_funder_page_renders_in_english(client, seeded):
    assert client.get("/en/funders/sadm/").status_code == 200


def test_an_organization_that_funds_nothing_has_no_funder_page(client, seeded):
    assert client.get("/funders/moteru-informacijos-centras/").status_code == 404


def test_a_funder_with_a_programme_but_no_projects_yet_has_a_page(client, organization_factory):
    funder = organization_factory(kind=OrganizationKind.PUBLIC_BODY)
    FundingProgramme.objects.create(name="Nauja programa", funder=funder)
    assert "Nauja programa" in client.get(f"/funders/{funder.slug}/").content.decode()


def test_funder_page_query_count_is_the_same_with_1_and_with_50_projects(
    client, project_factory, funding_factory, organization_factory
):
    funder = organization_factory(kind=OrganizationKind.PUBLIC_BODY)
    programme = FundingProgramme.objects.create(name="Programa", funder=funder)

    def add_project():
        funding_factory(project=project_factory(), funder=funder, programme=programme)

    add_project()
    url = f"/funders/{funder.slug}/"
    one = count_queries(client, url)
    for _ in range(49):
        add_project()
    assert count_queries(client, url) == one


def test_funders_index_query_count_is_the_same_with_1_and_with_50_funders(client, funding_factory):
    funding_factory()
    one = count_queries(client, "/funders/")
    for _ in range(49):
        funding_factory()
    assert count_queries(client, "/funders/") == one
