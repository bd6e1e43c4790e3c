"""Published projects are archived, not deleted, from the admin."""

import pytest
from django.urls import reverse

from projects.models import Project, ProjectStatus

pytestmark = pytest.mark.django_db


def test_published_project_has_no_delete_page(staff_client, project_factory):
    project = project_factory(status=ProjectStatus.PUBLISHED)
    url = reverse("admin:projects_project_delete", args=[project.pk])
    assert staff_client.get(url).status_code == 403


def test_archived_project_has_no_delete_page(staff_client, project_factory):
    project = project_factory(status=ProjectStatus.ARCHIVED)
    url = reverse("admin:projects_project_delete", args=[project.pk])
    assert staff_client.get(url).status_code == 403


def test_draft_project_can_still_be_deleted(staff_client, project_factory):
    project = project_factory(status=ProjectStatus.DRAFT)
    url = reverse("admin:projects_project_delete", args=[project.pk])
    staff_client.post(url, {"post": "yes"})
    assert not Project.objects.filter(pk=project.pk).exists()


def test_project_list_offers_no_bulk_delete(staff_client, project_factory):
    project_factory()
    response = staff_client.get(reverse("admin:projects_project_changelist"))
    assert b'value="delete_selected"' not in response.content


def test_bulk_delete_request_leaves_published_projects(staff_client, project_factory):
    project = project_factory(status=ProjectStatus.PUBLISHED)
    staff_client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "delete_selected", "_selected_action": [project.pk], "post": "yes"},
    )
    assert Project.objects.filter(pk=project.pk).exists()


def test_archive_action_archives_published_projects(staff_client, project_factory):
    project = project_factory(status=ProjectStatus.PUBLISHED)
    staff_client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "archive", "_selected_action": [project.pk]},
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.ARCHIVED


def test_archive_action_leaves_drafts_alone(staff_client, project_factory):
    project = project_factory(status=ProjectStatus.DRAFT)
    staff_client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "archive", "_selected_action": [project.pk]},
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.DRAFT


def test_archived_project_is_not_public(client, project_factory):
    project = project_factory(status=ProjectStatus.ARCHIVED)
    assert client.get(project.get_absolute_url()).status_code == 404
