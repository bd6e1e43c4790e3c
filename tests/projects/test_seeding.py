import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from organizations.models import Membership, Organization, SocialLink
from projects.models import (
    Activity,
    DataIssue,
    Funding,
    FundingProgramme,
    Goal,
    Project,
    ProjectPartner,
    Result,
    Task,
)
from projects.periods import DatePrecision
from projects.seeding import read_seed_file

pytestmark = pytest.mark.django_db

MIC_SLUG = "moteru-informacijos-centro-instituciniu-gebejimu-stiprinimas-23-24"

SEEDED_MODELS = [
    Organization,
    SocialLink,
    Membership,
    FundingProgramme,
    Project,
    Goal,
    Task,
    Activity,
    Result,
    ProjectPartner,
    Funding,
    DataIssue,
]


def row_counts():
    return {model.__name__: model.objects.count() for model in SEEDED_MODELS}


def test_loading_the_seeds_twice_changes_no_row_count(seeded):
    first = row_counts()
    call_command("load_seed_projects", verbosity=0)
    assert row_counts() == first
    assert first["Project"] == 5


def test_seed_projects_are_published(seeded):
    assert Project.objects.published().count() == 5


def test_mic_seed_has_its_amount_partner_and_year_period(seeded):
    project = Project.objects.get(
        slug="moteru-informacijos-centro-instituciniu-gebejimu-stiprinimas-23-24"
    )
    assert project.implementer.short_name == "MIC"
    assert [link.organization.name for link in project.partner_links.all()] == ["UAB IDEA MECCA"]
    funding = project.fundings.get()
    assert (funding.funder.short_name, funding.amount, funding.currency) == (
        "SADM",
        Decimal("51400.00"),
        "EUR",
    )
    assert (project.start_date, project.start_precision) == (
        datetime.date(2023, 1, 1),
        DatePrecision.YEAR,
    )
    assert project.end_date == datetime.date(2024, 12, 31)


def test_nlif_seed_has_three_goals_and_seven_tasks(seeded):
    project = Project.objects.get(slug="nlif-institucinio-stiprinimo-projektas-2017")
    assert project.goals.count() == 3
    assert project.tasks.count() == 7
    assert project.period_display == "2017 m. rugsėjo 1 d. – 2017 m. gruodžio 31 d."


def test_caritas_seed_keeps_the_source_publication_time_and_administering_body(seeded):
    project = Project.objects.get(implementer__slug="vilniaus-arkivyskupijos-caritas")
    assert project.source_published_at.isoformat().startswith("2017-10-04T09:38")
    assert project.fundings.get().programme.administrator.short_name == "SPPD"
    assert project.partner_links.get().organization.members.count() == 1


def test_spc_seed_has_nine_partners(seeded):
    project = Project.objects.get(implementer__short_name="SPC")
    assert project.partner_links.count() == 9


def test_spc_seed_contradictory_period_is_kept_as_text_with_an_open_data_issue(seeded):
    project = Project.objects.get(implementer__short_name="SPC")
    assert project.start_date is None and project.end_date is None
    assert project.period_text == "2020 m. sausio 1 d. – 2019 m. gruodžio 31 d."
    issue = project.data_issues.get()
    assert issue.field == "period" and not issue.resolved


def test_spc_seed_period_as_stated_is_refused_by_the_database(seeded):
    project = Project.objects.get(implementer__short_name="SPC")
    project.start_date, project.start_precision = datetime.date(2020, 1, 1), DatePrecision.DAY
    project.end_date, project.end_precision = datetime.date(2019, 12, 31), DatePrecision.DAY
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


def test_family_seed_period_has_month_precision(seeded):
    project = Project.objects.get(slug="padeti-ne-stebeti")
    assert project.start_precision == project.end_precision == DatePrecision.MONTH
    assert project.years == [2020, 2021]


def test_seed_file_names_every_organization_it_refers_to():
    data = read_seed_file()
    known = {item["slug"] for item in data["organizations"]}
    referred = {item["implementer"] for item in data["projects"]}
    referred |= {p["organization"] for item in data["projects"] for p in item["partners"]}
    referred |= {f["funder"] for item in data["projects"] for f in item["fundings"]}
    assert referred <= known
