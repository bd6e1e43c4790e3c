"""Every change to a project, organization or funding row is kept with who and when."""

import pytest
from django.urls import reverse

from organizations.models import Organization
from projects.models import Funding, Goal, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser("vyr", "v@example.org", "pass-word-123")


@pytest.fixture
def logged_in(client, staff_user):
    client.force_login(staff_user)
    return client


def change_form(project, **overrides):
    data = {
        "title": project.title,
        "slug": project.slug,
        "implementer": project.implementer_id,
        "status": project.status,
        "excerpt": project.excerpt,
        "content": project.content,
        "start_date": project.start_date.isoformat(),
        "start_precision": project.start_precision,
        "end_date": project.end_date.isoformat(),
        "end_precision": project.end_precision,
        "period_text": "",
        "source_url": "",
        "source_published_at_0": "",
        "source_published_at_1": "",
    }
    for prefix in ["goals", "tasks", "partner_links", "fundings", "activities", "results"]:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    data |= {
        "data_issues-TOTAL_FORMS": "0",
        "data_issues-INITIAL_FORMS": "0",
        "data_issues-MIN_NUM_FORMS": "0",
        "data_issues-MAX_NUM_FORMS": "1000",
    }
    return data | overrides


def test_a_project_edit_in_the_admin_is_kept_with_its_author(
    logged_in, staff_user, project_factory
):
    project = project_factory(title="Senas pavadinimas")
    url = reverse("admin:projects_project_change", args=[project.pk])
    logged_in.post(url, change_form(project, title="Naujas pavadinimas"))
    latest = project.history.latest()
    assert (latest.title, latest.history_user) == ("Naujas pavadinimas", staff_user)


def test_the_previous_version_of_a_project_is_kept(project_factory):
    project = project_factory(title="Pirmas")
    project.title = "Antras"
    project.save()
    assert [row.title for row in project.history.order_by("history_date")] == ["Pirmas", "Antras"]


def test_an_organization_change_is_kept(organization_factory):
    organization = organization_factory(name="Senoji")
    organization.name = "Naujoji"
    organization.save()
    assert organization.history.earliest().name == "Senoji"


def test_a_funding_change_is_kept(funding_factory):
    funding = funding_factory()
    funding.amount = 5
    funding.save()
    assert funding.history.count() == 2


def test_a_deleted_goal_is_kept_in_history(project_factory):
    goal = Goal.objects.create(project=project_factory(), text="Tikslas")
    goal_id = goal.pk
    goal.delete()
    assert Goal.history.filter(id=goal_id, history_type="-").exists()


def test_project_history_page_opens_in_the_admin(logged_in, project_factory):
    project = project_factory()
    url = reverse("admin:projects_project_history", args=[project.pk])
    assert logged_in.get(url).status_code == 200


def test_organization_history_page_opens_in_the_admin(logged_in, organization_factory):
    organization = organization_factory()
    url = reverse("admin:organizations_organization_history", args=[organization.pk])
    assert logged_in.get(url).status_code == 200


def test_staff_revert_a_project_to_an_earlier_version(logged_in, project_factory):
    project = project_factory(title="Teisingas")
    first = project.history.earliest()
    project.title = "Klaidingas"
    project.save()
    url = reverse("admin:projects_project_simple_history", args=[project.pk, first.history_id])
    logged_in.post(url, change_form(project, title="Teisingas"))
    project.refresh_from_db()
    assert project.title == "Teisingas"


def test_funding_rows_have_history_tables():
    assert hasattr(Funding, "history") and hasattr(Organization, "history")


def test_publishing_from_the_list_is_recorded_with_its_author(
    logged_in, staff_user, project_factory
):
    project = project_factory(status="draft")
    logged_in.post(
        reverse("admin:projects_project_changelist"),
        {"action": "publish", "_selected_action": [project.pk]},
    )
    latest = Project.history.filter(id=project.pk).latest()
    assert (latest.status, latest.history_user) == ("published", staff_user)
