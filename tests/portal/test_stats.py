import datetime
from decimal import Decimal

import pytest

from projects import stats
from projects.models import Currency, Project

pytestmark = pytest.mark.django_db


def test_a_grant_over_two_years_is_split_evenly_between_them(funding_factory):
    funding_factory(amount=Decimal("51400"), year_from=2023, year_to=2024)
    assert stats.funding_by_year(stats.published_fundings()) == {
        2023: Decimal("25700.00"),
        2024: Decimal("25700.00"),
    }


def test_a_grant_without_years_is_attributed_to_its_project_period(
    funding_factory, project_factory
):
    project = project_factory(
        start_date=datetime.date(2017, 9, 1), end_date=datetime.date(2018, 2, 28)
    )
    funding_factory(project=project, amount=Decimal("1000"))
    assert stats.funding_by_year(stats.published_fundings()) == {
        2017: Decimal("500.00"),
        2018: Decimal("500.00"),
    }


def test_a_grant_without_years_or_period_counts_in_totals_but_no_year(
    funding_factory, project_factory
):
    project = project_factory(start_date=None, end_date=None)
    funding_factory(project=project, amount=Decimal("700"))
    fundings = stats.published_fundings()
    assert stats.funding_by_year(fundings) == {}
    assert stats.total_euros(fundings) == Decimal("700.00")


def test_litas_are_converted_to_euros_at_the_fixed_rate(funding_factory):
    funding_factory(amount=Decimal("3452.80"), currency=Currency.LTL, year_from=2014, year_to=2014)
    assert stats.total_euros(stats.published_fundings()) == Decimal("1000.00")


def test_a_single_year_share_is_the_rows_share_of_that_year(funding_factory):
    funding_factory(amount=Decimal("900"), year_from=2019, year_to=2021)
    assert stats.funding_by_year(stats.published_fundings(), year=2020) == {2020: Decimal("300.00")}


def test_funding_by_funder_for_a_year_uses_that_years_share(funding_factory):
    funding = funding_factory(amount=Decimal("900"), year_from=2019, year_to=2021)
    [(name, slug, euros)] = stats.funding_by_funder(stats.published_fundings(), year=2021)
    assert (slug, euros) == (funding.funder.slug, Decimal("300.00"))


def test_funding_by_funder_lists_the_largest_first(funding_factory):
    funding_factory(amount=Decimal("10"))
    large = funding_factory(amount=Decimal("5000"))
    assert stats.funding_by_funder(stats.published_fundings())[0][1] == large.funder.slug


def test_funding_of_draft_projects_is_not_counted(funding_factory, project_factory):
    funding_factory(project=project_factory(status="draft"), amount=Decimal("100"))
    assert stats.total_euros(stats.published_fundings()) == 0


def test_a_project_counts_in_every_year_its_period_touches(project_factory):
    project_factory(start_date=datetime.date(2019, 11, 1), end_date=datetime.date(2021, 2, 1))
    project_factory(start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 6, 30))
    assert stats.projects_per_year(Project.objects.published()) == {
        2019: 1,
        2020: 2,
        2021: 1,
    }


def test_year_gaps_are_filled_with_zero():
    assert stats.fill_year_gaps({2017: 5, 2020: 1}) == {2017: 5, 2018: 0, 2019: 0, 2020: 1}
