from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from importer.services import import_page
from projects.models import Project, ProjectStatus

PAGES = Path(__file__).resolve().parent / "pages"
SPC_PAGE = PAGES / "003_cbb73a6df3eae3e7.txt"


def _import_spc():
    return import_page(text=SPC_PAGE.read_text(encoding="utf-8"), source_name=SPC_PAGE.name)


def test_staff_upload_a_page_and_land_on_its_draft(staff_client):
    upload = SimpleUploadedFile(SPC_PAGE.name, SPC_PAGE.read_bytes(), content_type="text/plain")
    response = staff_client.post(reverse("admin:importer_importeddraft_upload"), {"page": upload})
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:importer_importeddraft_change", args=[project.pk])


def test_the_upload_form_refuses_a_file_that_is_not_utf8(staff_client):
    upload = SimpleUploadedFile("page.txt", "Ąžuolas".encode("utf-16"), content_type="text/plain")
    response = staff_client.post(reverse("admin:importer_importeddraft_upload"), {"page": upload})
    assert response.status_code == 200
    assert "UTF-8" in response.content.decode()
    assert not Project.objects.exists()


def test_the_upload_form_reports_a_page_without_an_implementer(staff_client):
    upload = SimpleUploadedFile("page.txt", b"Tik pavadinimas\n", content_type="text/plain")
    response = staff_client.post(reverse("admin:importer_importeddraft_upload"), {"page": upload})
    assert response.status_code == 200
    assert "vykdytojas" in response.content.decode()


def test_the_review_screen_lists_imported_drafts_with_their_warnings(staff_client):
    _import_spc()
    response = staff_client.get(reverse("admin:importer_importeddraft_changelist"))
    content = response.content.decode()
    assert "Socialinės partnerystės centro" in content
    assert "pabaiga ankstesnė už pradžią" in content


def test_the_draft_page_shows_where_each_value_was_read(staff_client):
    project = _import_spc().project
    response = staff_client.get(reverse("admin:importer_importeddraft_change", args=[project.pk]))
    assert "Projekto vykdytojas – VšĮ Socialinės partnerystės centras" in response.content.decode()


def test_publishing_a_reviewed_draft_is_one_action(staff_client):
    project = _import_spc().project
    staff_client.post(
        reverse("admin:importer_importeddraft_changelist"),
        {"action": "publish_reviewed", "_selected_action": [project.pk]},
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.PUBLISHED
    assert project.published_at is not None


def test_a_published_draft_leaves_the_review_screen(staff_client):
    project = _import_spc().project
    project.status = ProjectStatus.PUBLISHED
    project.save()
    response = staff_client.get(reverse("admin:importer_importeddraft_changelist"))
    assert "Socialinės partnerystės centro" not in response.content.decode()


def test_the_upload_form_needs_a_staff_login(client, db):
    response = client.get(reverse("admin:importer_importeddraft_upload"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_upload_form_opens_from_the_review_screen(staff_client, db):
    changelist = staff_client.get(reverse("admin:importer_importeddraft_changelist"))
    form = staff_client.get(reverse("admin:importer_importeddraft_upload"))
    assert reverse("admin:importer_importeddraft_upload") in changelist.content.decode()
    assert form.status_code == 200


def test_editors_can_review_imported_drafts(client, django_user_model):
    editor = django_user_model.objects.create_user("redaktore", password="pass-word-123")
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Redaktoriai"))
    client.force_login(editor)
    _import_spc()
    response = client.get(reverse("admin:importer_importeddraft_changelist"))
    assert response.status_code == 200
    assert "Socialinės partnerystės centro" in response.content.decode()
