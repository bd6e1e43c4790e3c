"""Who may reach which part of the admin: visitors and plain accounts nothing, editors the
registry's records but not the accounts."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ACCOUNT_PAGES = [
    "admin:auth_user_changelist",
    "admin:auth_user_add",
    "admin:auth_group_changelist",
    "admin:auth_group_add",
]
RECORD_PAGES = [
    "admin:projects_project_changelist",
    "admin:projects_project_add",
    "admin:organizations_organization_changelist",
    "admin:organizations_organization_add",
    "admin:projects_fundingprogramme_changelist",
    "admin:projects_dataissue_changelist",
]


def redirects_to_login(response):
    return response.status_code == 302 and response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("name", ["admin:index", *RECORD_PAGES, *ACCOUNT_PAGES])
def test_visitor_is_sent_to_the_login_page(client, name):
    assert redirects_to_login(client.get(reverse(name)))


@pytest.mark.parametrize("name", ["admin:index", *RECORD_PAGES, *ACCOUNT_PAGES])
def test_account_without_staff_status_is_sent_to_the_login_page(member_client, name):
    assert redirects_to_login(member_client.get(reverse(name)))


@pytest.mark.parametrize("name", RECORD_PAGES)
def test_editor_can_open_record_pages(editor_client, name):
    assert editor_client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_editor_cannot_open_account_pages(editor_client, name):
    assert editor_client.get(reverse(name)).status_code == 403


def test_editor_cannot_change_their_own_account(editor_client, editor):
    url = reverse("admin:auth_user_change", args=[editor.pk])
    assert editor_client.get(url).status_code == 403


def test_editor_cannot_make_themselves_superuser(editor_client, editor):
    url = reverse("admin:auth_user_change", args=[editor.pk])
    editor_client.post(url, {"username": editor.username, "is_superuser": "on"})
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_editor_cannot_delete_a_project(editor_client, project_factory):
    project = project_factory(status="draft")
    url = reverse("admin:projects_project_delete", args=[project.pk])
    assert editor_client.get(url).status_code == 403


def test_editor_cannot_delete_an_organization(editor_client, organization_factory):
    organization = organization_factory()
    url = reverse("admin:organizations_organization_delete", args=[organization.pk])
    assert editor_client.get(url).status_code == 403


def test_editor_sees_no_account_section_on_the_admin_index(editor_client):
    assert b"/admin/auth/" not in editor_client.get(reverse("admin:index")).content
