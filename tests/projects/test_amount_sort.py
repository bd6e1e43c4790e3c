"""The amount sort, in euros, follows fundings as they are written, changed, moved and deleted;
on PostgreSQL it reads the sum each project row keeps (schema.AMOUNT_COLUMN), kept by the
fundings' trigger and read from an index in the sort's order."""

from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from projects.models import Currency, Funding, Project
from projects.search import index, search_projects
from projects.search.schema import AMOUNT_COLUMN
from projects.stats import to_euros
from tests.factories import make_organization

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite sums the fundings in the query"
)


def by_amount(query_string="sort=amount"):
    results = search_projects(QueryDict(query_string), use_cache=False)
    assert results.is_valid, results.errors
    return [project.title for project in results.page.object_list]


def euros(project):
    """The sum of a project's stated amounts in euros, or None."""
    amounts = [
        to_euros(funding.amount, funding.currency)
        for funding in project.fundings.all()
        if funding.amount is not None
    ]
    return sum(amounts) if amounts else None


def by_hand():
    """Published titles by the sum of their fundings' amounts in euros (none last), then
    title."""
    totals = {project: euros(project) for project in Project.objects.published()}
    ordered = sorted(
        totals,
        key=lambda project: (totals[project] is None, -(totals[project] or 0), project.title),
    )
    return [project.title for project in ordered]


def kept_amounts():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {AMOUNT_COLUMN} FROM projects_project")
        return dict(cursor.fetchall())


def summed_amounts():
    return {project.pk: euros(project) for project in Project.objects.all()}


@pytest.fixture
def projects(project_factory, funding_factory):
    funder = make_organization(name="SADM", slug="sadm")
    made = {title: project_factory(title=title) for title in ("Alfa", "Beta", "Gama", "Delta")}
    funding_factory(project=made["Alfa"], funder=funder, amount=Decimal("300.00"))
    funding_factory(project=made["Beta"], funder=funder, amount=Decimal("500.00"))
    funding_factory(project=made["Gama"], funder=funder, amount=Decimal("100.00"))
    funding_factory(project=made["Gama"], funder=funder, amount=None)
    return funder, made


def test_the_amount_sort_follows_every_change_of_fundings(projects, funding_factory):
    funder, made = projects
    assert by_amount() == by_hand() == ["Beta", "Alfa", "Gama", "Delta"]

    # A second funding adds up; an amount changes; a funding moves; one is deleted.
    funding_factory(project=made["Gama"], funder=funder, amount=Decimal("450.00"))
    assert by_amount() == by_hand() == ["Gama", "Beta", "Alfa", "Delta"]
    Funding.objects.filter(project=made["Alfa"]).update(amount=Decimal("900.00"))
    assert by_amount() == by_hand() == ["Alfa", "Gama", "Beta", "Delta"]
    moved = made["Beta"].fundings.get()
    moved.project = made["Delta"]
    moved.save()
    assert by_amount() == by_hand() == ["Alfa", "Gama", "Delta", "Beta"]
    made["Alfa"].fundings.all().delete()
    assert by_amount() == by_hand() == ["Gama", "Delta", "Alfa", "Beta"]
    Funding.objects.bulk_create([Funding(project=made["Beta"], funder=funder, amount=1)])
    assert by_amount() == by_hand() == ["Gama", "Delta", "Beta", "Alfa"]
    # Litas count at the fixed rate: 1 700 LTL is ~492 EUR, less than Delta's 500 EUR.
    Funding.objects.filter(project=made["Alfa"]).delete()
    funding_factory(project=made["Alfa"], funder=funder, amount=1700, currency=Currency.LTL)
    assert by_amount() == by_hand() == ["Gama", "Delta", "Alfa", "Beta"]
    made["Alfa"].fundings.update(currency=Currency.EUR)
    assert by_amount() == by_hand() == ["Alfa", "Gama", "Delta", "Beta"]


def test_the_amount_sort_orders_a_searchs_matches(projects, project_factory):
    project_factory(title="Epsilon stovykla")
    for project in projects[1].values():
        if project.title != "Beta":
            project.title += " stovykla"
            project.save()
    expected = [title for title in by_hand() if "stovykla" in title]
    assert by_amount("q=stovykla&sort=amount") == expected
    assert expected == ["Alfa stovykla", "Gama stovykla", "Delta stovykla", "Epsilon stovykla"]


@on_postgresql
def test_each_row_keeps_the_sum_of_its_fundings(projects, funding_factory):
    _, made = projects
    assert kept_amounts() == summed_amounts()
    assert kept_amounts()[made["Delta"].pk] is None
    made["Gama"].fundings.update(amount=Decimal("1.50"))
    assert kept_amounts()[made["Gama"].pk] == Decimal("3.00")
    made["Gama"].fundings.update(amount=Decimal("345.28"), currency=Currency.LTL)
    assert kept_amounts()[made["Gama"].pk] == Decimal("200")
    made["Beta"].delete()
    assert kept_amounts() == summed_amounts()


@on_postgresql
def test_rebuilding_the_index_repairs_the_amounts(projects):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE projects_project SET {AMOUNT_COLUMN} = 7")
    index.rebuild()
    assert kept_amounts() == summed_amounts()


@on_postgresql
def test_the_amount_sort_reads_the_kept_sum_not_the_fundings(projects):
    with CaptureQueriesContext(connection) as queries:
        by_amount()
    start = 'SELECT "projects_project"."id", "projects_project"."title"'
    listing = [query["sql"] for query in queries if query["sql"].startswith(start)][0]
    assert AMOUNT_COLUMN in listing and "projects_funding" not in listing
