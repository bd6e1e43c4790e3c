"""Each project row's facet keys (its funders' and programmes' ids) follow its fundings, and
its year key its dates."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict

from projects.models import Funding, FundingProgramme, Project
from projects.search import index, search_projects
from tests.factories import make_organization

pytestmark = pytest.mark.django_db


def keys(project):
    """(funder ids, programme ids) as the project row holds them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT facet_funders, facet_programmes FROM projects_project WHERE id = %s",
            [project.pk],
        )
        funders, programmes = cursor.fetchone()

    def ids(key):
        return sorted(int(pk) for pk in key.split(",")) if key is not None else []

    return ids(funders), ids(programmes)


@pytest.fixture
def funders():
    return make_organization(name="SADM", slug="sadm"), make_organization(name="Fondas", slug="f")


def test_a_project_without_fundings_has_no_keys(project_factory):
    assert keys(project_factory()) == ([], [])


def test_keys_hold_each_funder_and_programme_once(project_factory, funding_factory, funders):
    sadm, fund = funders
    programme = FundingProgramme.objects.create(name="Stiprinimas", slug="st", funder=sadm)
    project = project_factory()
    funding_factory(project=project, funder=sadm, programme=programme, year_from=2020)
    funding_factory(project=project, funder=sadm, programme=programme, year_from=2021)
    funding_factory(project=project, funder=fund)
    assert keys(project) == (sorted([sadm.pk, fund.pk]), [programme.pk])


def test_keys_follow_a_changed_and_a_moved_funding(project_factory, funding_factory, funders):
    sadm, fund = funders
    first, second = project_factory(), project_factory()
    funding = funding_factory(project=first, funder=sadm)
    funding.funder = fund
    funding.save()
    assert keys(first) == ([fund.pk], [])
    funding.project = second
    funding.save()
    assert keys(first) == ([], [])
    assert keys(second) == ([fund.pk], [])


def test_keys_follow_deleted_and_bulk_created_fundings(project_factory, funding_factory, funders):
    sadm, fund = funders
    project = project_factory()
    funding_factory(project=project, funder=sadm).delete()
    assert keys(project) == ([], [])
    Funding.objects.bulk_create([Funding(project=project, funder=fund, amount=1)])
    assert keys(project) == ([fund.pk], [])
    Funding.objects.filter(project=project).update(funder=sadm)
    assert keys(project) == ([sadm.pk], [])


def test_rebuilding_the_index_repairs_the_keys(project_factory, funding_factory, funders):
    sadm, _ = funders
    project = project_factory()
    funding_factory(project=project, funder=sadm)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE projects_project SET facet_funders = NULL")
    index.rebuild()
    assert keys(project) == ([sadm.pk], [])


def year_facet(query_string=""):
    results = search_projects(QueryDict(query_string), use_cache=False)
    return {item["value"]: item["count"] for item in results.facets["year"]}


def test_the_year_facet_follows_dates_changed_in_bulk(project_factory):
    project = project_factory(
        start_date=datetime.date(2020, 3, 1), end_date=datetime.date(2021, 6, 30)
    )
    assert year_facet() == {2020: 1, 2021: 1}
    Project.objects.filter(pk=project.pk).update(
        start_date=datetime.date(2023, 1, 1), end_date=None, end_precision=""
    )
    assert year_facet() == {2023: 1}
    Project.objects.filter(pk=project.pk).update(start_date=None, start_precision="", end_date=None)
    assert year_facet() == {}
