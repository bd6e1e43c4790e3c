import csv
import io
import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from opendata.threesixty import (
    CSV_COLUMNS,
    PREFIX,
    ThreeSixtyImportError,
    export_package,
    import_package,
    package_to_csv,
)
from organizations.models import Organization
from projects.models import FundingProgramme, Project, ProjectStatus

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "opendata" / "schema"


def validator():
    grant_schema = json.loads((SCHEMA_DIR / "360-giving-schema.json").read_text())
    package_schema = json.loads((SCHEMA_DIR / "360-giving-package-schema.json").read_text())
    # The files name their dialect as http://…/draft/2020-12/schema, which `referencing` does not
    # know by that spelling; the dialect is 2020-12 all the same.
    resource = DRAFT202012.create_resource(grant_schema)
    # The package schema refers to the grant schema by its published address: serve it locally.
    registry = Registry().with_resources(
        [
            (grant_schema["$id"], resource),
            (package_schema["properties"]["grants"]["items"]["$ref"], resource),
        ]
    )
    return Draft202012Validator(
        package_schema,
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def schema_errors(package):
    return [error.message for error in validator().iter_errors(package)]


def without_modification_times(package):
    package = json.loads(json.dumps(package))
    package.pop("modified", None)
    for grant in package["grants"]:
        grant.pop("dateModified", None)
    return package


def test_the_export_of_the_seed_projects_is_valid_against_the_360giving_schema(seeded):
    assert schema_errors(export_package().package) == []


def test_the_schema_check_catches_a_grant_without_an_amount(seeded):
    package = export_package().package
    del package["grants"][0]["amountAwarded"]
    assert schema_errors(package) != []


def test_only_projects_with_a_stated_amount_are_exported(seeded):
    result = export_package()
    assert result.grant_count == 2
    assert result.omitted["no_amount"] == 3


def test_grant_identifiers_carry_the_360g_prefix(seeded):
    grants = export_package().package["grants"]
    assert all(grant["id"].startswith(f"{PREFIX}-") for grant in grants)
    assert PREFIX.startswith("360G-")


def test_an_organization_with_a_legal_code_gets_an_lt_rc_identifier(seeded):
    Organization.objects.filter(slug="seimos-institutas").update(legal_code="123456789")
    grant = next(g for g in export_package().package["grants"] if g["title"] == "Padėti-NE-stebėti")
    assert grant["recipientOrganization"][0]["id"] == "LT-RC-123456789"


def test_an_organization_without_a_code_gets_a_registry_identifier(seeded):
    grant = next(g for g in export_package().package["grants"] if g["title"] == "Padėti-NE-stebėti")
    assert grant["recipientOrganization"][0]["id"] == f"{PREFIX}-org-seimos-institutas"


def test_planned_dates_keep_the_precision_the_source_stated(seeded):
    grants = {g["title"]: g for g in export_package().package["grants"]}
    assert grants["Padėti-NE-stebėti"]["plannedDates"] == [
        {"startDate": "2020-01", "endDate": "2021-12"}
    ]


def test_drafts_are_not_exported(seeded):
    Project.objects.update(status=ProjectStatus.DRAFT)
    assert export_package().grant_count == 0


def test_the_csv_has_the_standards_column_titles(seeded):
    rows = list(csv.reader(io.StringIO(package_to_csv(export_package().package))))
    assert rows[0][:6] == [
        "Identifier",
        "Title",
        "Description",
        "Currency",
        "Amount Awarded",
        "Award Date",
    ]
    assert rows[0] == CSV_COLUMNS


def test_the_csv_has_one_row_per_exported_grant(seeded):
    rows = list(csv.DictReader(io.StringIO(package_to_csv(export_package().package))))
    assert sorted(row["Amount Awarded"] for row in rows) == ["12000", "51400"]


def test_export_then_import_into_an_empty_database_round_trips(seeded):
    exported = export_package().package
    Project.objects.all().delete()
    FundingProgramme.objects.all().delete()
    Organization.objects.all().delete()
    import_package(json.loads(json.dumps(exported)))
    reexported = export_package().package
    assert without_modification_times(reexported) == without_modification_times(exported)


def test_imported_grants_become_published_projects_with_their_amount(db):
    package = {
        "grants": [
            {
                "id": f"{PREFIX}-jaunimo-projektas",
                "title": "Jaunimo projektas",
                "description": "Aprašymas",
                "currency": "EUR",
                "amountAwarded": 59974.23,
                "awardDate": "2024-01-01",
                "recipientOrganization": [{"id": "LT-RC-300000001", "name": "Jaunimo centras"}],
                "fundingOrganization": [{"id": "LT-RC-188681488", "name": "Ministerija"}],
                "plannedDates": [{"startDate": "2024-01-01", "endDate": "2024"}],
            }
        ]
    }
    import_package(package)
    project = Project.objects.get(slug="jaunimo-projektas")
    assert project.status == ProjectStatus.PUBLISHED
    assert project.fundings.get().amount == Decimal("59974.23")
    assert project.implementer.legal_code == "300000001"
    assert project.end_precision == "year"


def test_importing_the_same_file_twice_updates_the_projects(seeded):
    exported = export_package().package
    result = import_package(exported)
    assert (result.created, result.updated) == (0, 2)
    assert Project.objects.count() == 5


def test_a_grant_missing_its_recipient_is_refused_and_nothing_is_written(db):
    package = {"grants": [{"id": "360G-x-1", "title": "X", "amountAwarded": 1, "currency": "EUR"}]}
    with pytest.raises(ThreeSixtyImportError, match="Įrašas nr. 1"):
        import_package(package)
    assert not Project.objects.exists()


def test_a_file_that_is_not_a_package_is_refused(db):
    with pytest.raises(ThreeSixtyImportError):
        import_package([1, 2, 3])


def test_the_export_command_reports_what_it_left_out(seeded, tmp_path, capsys):
    target = tmp_path / "grants.json"
    call_command("export_360giving", "--output", str(target), "--csv", str(tmp_path / "g.csv"))
    assert schema_errors(json.loads(target.read_text())) == []
    assert "2 grant(s) exported; 3 published project(s) omitted" in capsys.readouterr().err


def test_the_import_command_refuses_an_unreadable_file(db, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_360giving", str(path), stdout=StringIO())


def test_the_json_download_is_public_and_valid(client, seeded):
    response = client.get(reverse("opendata:threesixty-json"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert schema_errors(json.loads(response.content)) == []


def test_grants_link_to_their_public_page_in_the_download(client, seeded):
    response = client.get(reverse("opendata:threesixty-json"))
    urls = [grant["url"] for grant in json.loads(response.content)["grants"]]
    assert all(url.startswith("http://testserver/projects/") for url in urls)


def test_the_csv_download_is_public(client, seeded):
    response = client.get(reverse("opendata:threesixty-csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith("Identifier,Title,Description")
