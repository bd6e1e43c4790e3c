import pytest
from django.urls import reverse

from organizations.models import Organization
from projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "admin:projects_project_changelist",
        "admin:projects_project_add",
        "admin:organizations_organization_changelist",
        "admin:organizations_organization_add",
        "admin:projects_fundingprogramme_changelist",
        "admin:projects_dataissue_changelist",
    ],
)
def test_admin_page_loads(staff_client, seeded, name):
    assert staff_client.get(reverse(name)).status_code == 200


def test_admin_change_page_loads_for_every_seed_project(staff_client, seeded):
    for project in Project.objects.all():
        url = reverse("admin:projects_project_change", args=[project.pk])
        assert staff_client.get(url).status_code == 200


def test_admin_project_list_filters_by_funder_and_year(staff_client, seeded):
    sadm = Organization.objects.get(slug="sadm")
    url = reverse("admin:projects_project_changelist")
    response = staff_client.get(url, {"funder": sadm.pk, "year": "2017"})
    assert response.context["cl"].result_count == 2


def inline_management(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def project_form(implementer, funder, **overrides):
    data = {
        "title": "Naujas projektas",
        "slug": "naujas-projektas",
        "implementer": implementer.pk,
        "status": "draft",
        "excerpt": "Santrauka",
        "content": "Aprašymas",
        "start_date": "2024-01-01",
        "start_precision": "day",
        "end_date": "2024-12-31",
        "end_precision": "day",
        "period_text": "",
        "source_url": "",
        **inline_management("goals", 1),
        "goals-0-position": "1",
        "goals-0-text": "Tikslas",
        **inline_management("tasks", 1),
        "tasks-0-position": "1",
        "tasks-0-text": "Uždavinys",
        **inline_management("partner_links", 1),
        "partner_links-0-position": "1",
        "partner_links-0-organization": funder.pk,
        "partner_links-0-role": "partner",
        **inline_management("fundings", 1),
        "fundings-0-funder": funder.pk,
        "fundings-0-amount": "1000",
        "fundings-0-currency": "EUR",
        "fundings-0-year_from": "2024",
        "fundings-0-year_to": "2024",
        **inline_management("activities"),
        **inline_management("results"),
        **inline_management("data_issues"),
    }
    data.update(overrides)
    return data


def test_admin_saves_a_project_with_goals_tasks_partners_and_funding(
    staff_client, organization_factory
):
    implementer, funder = organization_factory(), organization_factory()
    response = staff_client.post(
        reverse("admin:projects_project_add"), project_form(implementer, funder)
    )
    assert response.status_code == 302, response.context["errors"]
    project = Project.objects.get(slug="naujas-projektas")
    assert (project.goals.count(), project.tasks.count()) == (1, 1)
    assert (project.partner_links.count(), project.fundings.count()) == (1, 1)


def test_admin_refuses_an_end_before_the_start_with_a_lithuanian_message(
    staff_client, organization_factory
):
    implementer, funder = organization_factory(), organization_factory()
    response = staff_client.post(
        reverse("admin:projects_project_add"),
        project_form(implementer, funder, end_date="2023-12-31"),
    )
    assert response.status_code == 200
    assert "Projekto pabaiga negali būti ankstesnė už pradžią." in response.content.decode()
    assert not Project.objects.exists()


def test_admin_refuses_a_negative_amount(staff_client, organization_factory):
    implementer, funder = organization_factory(), organization_factory()
    response = staff_client.post(
        reverse("admin:projects_project_add"),
        project_form(implementer, funder, **{"fundings-0-amount": "-5"}),
    )
    assert response.status_code == 200
    assert "Suma negali būti neigiama." in response.content.decode()
    assert not Project.objects.exists()


def test_admin_refuses_a_bad_legal_code(staff_client):
    response = staff_client.post(
        reverse("admin:organizations_organization_add"),
        {
            "name": "Bloga",
            "slug": "bloga",
            "kind": "ngo",
            "legal_code": "12AB",
            **inline_management("social_links"),
            **inline_management("member_links"),
        },
    )
    assert response.status_code == 200
    assert "9 skaitmenų" in response.content.decode()


def test_admin_bulk_publish_action(staff_client, project_factory):
    drafts = [project_factory(status="draft") for _ in range(2)]
    staff_client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "publish", "_selected_action": [p.pk for p in drafts]},
    )
    assert Project.objects.published().count() == 2
