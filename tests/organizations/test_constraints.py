import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organizations.models import Membership

pytestmark = pytest.mark.django_db


def test_database_refuses_a_legal_code_that_is_not_nine_digits(organization_factory):
    with pytest.raises(IntegrityError), transaction.atomic():
        organization_factory(legal_code="12345")


def test_validation_explains_a_bad_legal_code_in_lithuanian(organization_factory):
    organization = organization_factory()
    organization.legal_code = "12345678A"
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "9 skaitmenų" in str(error.value)


def test_legal_code_is_unique_when_set(organization_factory):
    organization_factory(legal_code="123456789")
    with pytest.raises(IntegrityError), transaction.atomic():
        organization_factory(legal_code="123456789")


def test_many_organizations_may_have_no_legal_code(organization_factory):
    organization_factory(legal_code="")
    organization_factory(legal_code="")


def test_an_organization_cannot_be_its_own_member(organization_factory):
    coalition = organization_factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(coalition=coalition, member=coalition)


def test_slug_is_made_from_the_name_without_diacritics(organization_factory):
    assert organization_factory(name="Šeimos institutas").slug == "seimos-institutas"


def test_slugs_stay_unique_for_equal_names(organization_factory):
    first = organization_factory(name="Utenos švietimo centras")
    second = organization_factory(name="Utenos švietimo centras")
    assert first.slug != second.slug
