import datetime

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from organizations.models import Organization
from projects.management.commands.export_registry import registry_models
from projects.models import FundingProgramme, Project

pytestmark = pytest.mark.django_db


def comparable(value):
    # Django's JSON serializer keeps timestamps to the millisecond.
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def snapshot():
    """Every registry row, as comparable dicts, model by model."""
    result = {}
    for model in registry_models():
        names = [field.name for field in model._meta.concrete_fields]
        rows = [
            {name: comparable(value) for name, value in model_to_dict(row, fields=names).items()}
            for row in model.objects.order_by("pk")
        ]
        result[model._meta.label] = rows
    return result


def wipe():
    Project.objects.all().delete()
    FundingProgramme.objects.all().delete()
    Organization.objects.all().delete()


@pytest.fixture
def backup(seeded, tmp_path):
    path = tmp_path / "registry.json"
    call_command("export_registry", str(path), stdout=None)
    return path


def test_export_wipe_and_restore_brings_every_record_back(backup):
    before = snapshot()
    wipe()
    call_command("restore_registry", str(backup))
    assert snapshot() == before


def test_backup_holds_rows_of_every_kind_the_seed_has(backup):
    counts = {label: len(rows) for label, rows in snapshot().items()}
    wipe()
    call_command("restore_registry", str(backup))
    assert {label: len(rows) for label, rows in snapshot().items()} == counts


def test_restore_refuses_to_load_over_existing_records(backup):
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore_registry", str(backup))


def test_restore_with_replace_discards_records_added_after_the_backup(backup, project_factory):
    project_factory(title="Po atsarginės kopijos")
    call_command("restore_registry", str(backup), replace=True)
    assert not Project.objects.filter(title="Po atsarginės kopijos").exists()


def test_restore_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("restore_registry", str(tmp_path / "nera.json"))


def test_export_leaves_out_the_edit_history(backup):
    assert "historical" not in backup.read_text().lower()
