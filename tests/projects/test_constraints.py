import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.models import Funding, ProjectPartner
from projects.periods import DatePrecision

pytestmark = pytest.mark.django_db


def test_database_refuses_a_project_that_ends_before_it_starts(project_factory):
    with pytest.raises(IntegrityError), transaction.atomic():
        project_factory(start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2019, 12, 31))


def test_validation_explains_an_end_before_the_start_in_lithuanian(project_factory):
    project = project_factory()
    project.end_date = datetime.date(2019, 12, 31)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "Projekto pabaiga negali būti ankstesnė už pradžią." in str(error.value)


def test_database_refuses_a_negative_amount(funding_factory):
    with pytest.raises(IntegrityError), transaction.atomic():
        funding_factory(amount=Decimal("-1.00"))


def test_an_unknown_amount_is_allowed(funding_factory):
    assert funding_factory(amount=None).amount is None


def test_database_refuses_funding_years_out_of_order(funding_factory):
    with pytest.raises(IntegrityError), transaction.atomic():
        funding_factory(year_from=2021, year_to=2020)


def test_database_refuses_a_duplicate_partner_row(project_factory, organization_factory):
    project, partner = project_factory(), organization_factory()
    ProjectPartner.objects.create(project=project, organization=partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectPartner.objects.create(project=project, organization=partner)


def test_database_refuses_a_duplicate_project_slug(project_factory):
    project_factory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        project_factory(slug="same")


def test_database_refuses_a_date_without_its_precision(project_factory):
    with pytest.raises(IntegrityError), transaction.atomic():
        project_factory(start_precision="")


def test_clean_assumes_day_precision_for_a_typed_date(project_factory):
    project = project_factory(start_date=None, end_date=None)
    project.start_date = datetime.date(2021, 3, 4)
    project.full_clean()
    assert project.start_precision == DatePrecision.DAY


def test_funding_amount_keeps_cents(funding_factory):
    funding = funding_factory(amount=Decimal("59974.23"))
    assert Funding.objects.get(pk=funding.pk).amount == Decimal("59974.23")
