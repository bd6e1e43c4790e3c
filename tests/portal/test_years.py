import datetime
from decimal import Decimal

import pytest

from organizations.models import OrganizationKind
from tests.pages_helpers import count_queries

pytestmark = pytest.mark.django_db


def test_years_index_lists_every_year_from_the_first_to_the_last(client, seeded):
    response = client.get("/years/")
    assert [row["year"] for row in response.context["rows"]] == list(range(2024, 2016, -1))


def test_years_index_renders_in_english(client, seeded):
    assert "Years" in client.get("/en/years/").content.decode()


def test_year_page_lists_the_projects_active_that_year(client, seeded):
    html = client.get("/years/2017/").content.decode()
    assert "NLĮF institucinio stiprinimo projektas 2017 09 01 – 2017 12 31" in html
    assert "Padėti-NE-stebėti" not in html


def test_a_project_over_two_years_appears_on_both_year_pages(client, seeded):
    assert "Padėti-NE-stebėti" in client.get("/years/2020/").content.decode()
    assert "Padėti-NE-stebėti" in client.get("/years/2021/").content.decode()


def test_year_page_shows_that_years_share_of_the_funding(client, seeded):
    # 51 400 € over 2023–2024: half of it in 2023.
    assert client.get("/years/2023/").context["euros"] == Decimal("25700.00")


def test_year_page_links_to_the_search_filtered_by_that_year(client, seeded):
    assert 'href="/projects/?year=2017"' in client.get("/years/2017/").content.decode()


def test_year_page_links_to_the_years_before_and_after(client, seeded):
    response = client.get("/years/2020/")
    assert (response.context["previous_year"], response.context["next_year"]) == (2019, 2021)


def test_year_page_renders_in_english(client, seeded):
    assert "2020" in client.get("/en/years/2020/").content.decode()


def test_a_year_outside_the_registry_is_not_found(client, seeded):
    assert client.get("/years/1990/").status_code == 404


def test_years_without_projects_show_an_empty_index(client, db):
    assert client.get("/years/").context["rows"] == []


def test_year_page_query_count_is_the_same_with_1_and_with_50_projects(
    client, project_factory, funding_factory, organization_factory
):
    funder = organization_factory(kind=OrganizationKind.PUBLIC_BODY)

    def add_project():
        project = project_factory(
            start_date=datetime.date(2020, 3, 1), end_date=datetime.date(2021, 2, 28)
        )
        funding_factory(project=project, funder=funder, year_from=2020, year_to=2021)

    add_project()
    one = count_queries(client, "/years/2020/")
    for _ in range(49):
        add_project()
    assert count_queries(client, "/years/2020/") == one


def test_years_index_query_count_is_the_same_with_1_and_with_50_projects(
    client, project_factory, funding_factory
):
    funding_factory(project=project_factory())
    one = count_queries(client, "/years/")
    for year in range(50):
        start = datetime.date(1980 + year, 1, 1)
        funding_factory(project=project_factory(start_date=start, end_date=start))
    assert count_queries(client, "/years/") == one
