import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from importer.models import PageImport
from importer.services import PageImportError, import_page, import_paths, publish_project
from organizations.models import Organization
from projects.models import Funding, Project, ProjectStatus

PAGES = Path(__file__).resolve().parent / "pages"
SPC_PAGE = PAGES / "003_cbb73a6df3eae3e7.txt"
MIC_PAGE = PAGES / "000_8784ae1fed242abd.txt"
CARITAS_PAGE = PAGES / "002_78182b53b6711e41.txt"

SIMPLE_PAGE = """Jaunimo savanorystės stiprinimas

Projekto vykdytojas – Asociacija Jaunimo centras
Projekto tikslas – stiprinti jaunimo savanorystę.
Projektą finansuoja Socialinės apsaugos ir darbo ministerija.
Projektas įgyvendinamas 2024.01.01–2024.12.31.
"""


def _import(path):
    return import_page(text=path.read_text(encoding="utf-8"), source_name=path.name)


def test_import_pages_command_creates_five_drafts_from_the_seed_folder(db):
    out = StringIO()
    call_command("import_pages", str(PAGES), stdout=out)
    assert Project.objects.filter(status=ProjectStatus.DRAFT).count() == 5
    assert "5 page(s) imported, 0 failed." in out.getvalue()


def test_importing_the_same_page_twice_updates_the_same_draft(db):
    first = _import(MIC_PAGE)
    second = _import(MIC_PAGE)
    assert (first.created, second.created) == (True, False)
    assert second.project.pk == first.project.pk
    assert Project.objects.count() == 1
    assert PageImport.objects.get().times_imported == 2


def test_reimport_does_not_duplicate_funding_or_issues(db):
    _import(SPC_PAGE)
    _import(SPC_PAGE)
    project = Project.objects.get()
    assert Funding.objects.filter(project=project).count() == 1
    assert project.data_issues.filter(field="period").count() == 1


def test_an_edited_page_with_the_same_file_name_updates_its_draft(db):
    import_page(text=SIMPLE_PAGE, source_name="jaunimas.txt")
    import_page(text=SIMPLE_PAGE + "\nPapildomas sakinys.", source_name="jaunimas.txt")
    assert Project.objects.count() == 1


def test_a_page_is_identified_by_its_source_url_when_given(db):
    url = "https://example.org/projektas"
    import_page(text=SIMPLE_PAGE, source_name="a.txt", source_url=url)
    import_page(text=SIMPLE_PAGE + "\nNaujas tekstas.", source_name="b.txt", source_url=url)
    assert Project.objects.get().source_url == url


def test_the_spc_period_is_kept_as_text_with_both_dates_empty(db):
    project = _import(SPC_PAGE).project
    assert (project.start_date, project.end_date) == (None, None)
    assert project.period_text == "2020 m. sausio 1 d. – 2019 m. gruodžio 31 d."


def test_the_spc_period_becomes_a_data_issue_for_staff(db):
    project = _import(SPC_PAGE).project
    issue = project.data_issues.get(field="period")
    assert issue.source_text == "Trukmė – 2020 m. sausio 1 d. – 2019 m. gruodžio 31 d."
    assert not issue.resolved


def test_the_publication_date_is_read_in_vilnius_time(db):
    project = _import(CARITAS_PAGE).project
    assert project.source_published_at == datetime.datetime(2017, 10, 4, 9, 38, tzinfo=datetime.UTC)


def test_two_candidate_amounts_become_a_warning_and_no_amount(db):
    text = SIMPLE_PAGE + "Projekto vertė 60 000 Eur, iš jų ministerija skyrė 51 400 Eur.\n"
    project = import_page(text=text, source_name="sumos.txt").project
    assert project.fundings.get().amount is None
    assert project.data_issues.filter(field="amount").exists()


def test_a_page_without_a_funder_gets_a_warning(db):
    text = SIMPLE_PAGE.replace("Projektą finansuoja Socialinės apsaugos ir darbo ministerija.", "")
    project = import_page(text=text, source_name="be-finansuotojo.txt").project
    assert project.data_issues.filter(field="funder").exists()
    assert not project.fundings.exists()


def test_a_garbled_encoding_is_repaired_and_flagged(db):
    garbled = SIMPLE_PAGE.encode("utf-8").decode("cp1252", errors="replace")
    assert "Ä—" in garbled
    project = import_page(text=garbled, source_name="koduote.txt").project
    assert project.title == "Jaunimo savanorystės stiprinimas"
    assert project.data_issues.filter(field="content").exists()


def test_a_ministry_in_the_genitive_matches_the_registered_sadm(db, organization_factory):
    sadm = organization_factory(
        name="Lietuvos Respublikos socialinės apsaugos ir darbo ministerija",
        short_name="SADM",
        kind="public_body",
    )
    project = _import(SPC_PAGE).project  # "Socialinės apsaugos ir darbo ministerijos lėšomis"
    assert project.fundings.get().funder == sadm


def test_an_organization_named_in_another_case_matches_the_registered_one(db, organization_factory):
    mic = organization_factory(name="Moterų informacijos centras", short_name="MIC")
    project = _import(MIC_PAGE).project  # "Moterų informacijos centro misija …"
    assert project.implementer == mic


def test_a_department_under_a_ministry_administers_and_the_ministry_funds(db):
    funding = _import(CARITAS_PAGE).project.fundings.get()
    assert funding.funder.short_name == "SADM"
    assert funding.programme is None or funding.programme.funder == funding.funder


def test_an_unknown_organization_is_created_and_flagged_for_review(db):
    project = _import(MIC_PAGE).project
    assert Organization.objects.filter(name="UAB IDEA MECCA").exists()
    assert project.data_issues.filter(field="partners", message__contains="IDEA MECCA").exists()


def test_a_failing_page_does_not_lose_the_others(db, tmp_path):
    (tmp_path / "a_good.txt").write_text(SIMPLE_PAGE, encoding="utf-8")
    (tmp_path / "b_bad.txt").write_text("Tik pavadinimas\n\nBe jokio vykdytojo.", encoding="utf-8")
    outcomes = dict(import_paths([tmp_path]))
    assert isinstance(outcomes[tmp_path / "b_bad.txt"], PageImportError)
    assert Project.objects.get().title == "Jaunimo savanorystės stiprinimas"


def test_a_page_that_fails_half_way_leaves_no_half_written_project(db, monkeypatch):
    def broken_create(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Funding.objects, "create", broken_create)
    with pytest.raises(RuntimeError):
        import_page(text=SIMPLE_PAGE, source_name="pusiau.txt")
    assert not Project.objects.exists()
    assert not PageImport.objects.exists()


def test_the_command_fails_with_a_clear_message_for_a_missing_path(db):
    with pytest.raises(CommandError, match="Nėra tokio failo"):
        call_command("import_pages", "/nonexistent/folder", stdout=StringIO())


def test_an_empty_page_is_refused_with_a_clear_error(db):
    with pytest.raises(PageImportError):
        import_page(text="   ", source_name="tuscias.txt")


def test_provenance_says_where_each_value_was_read(db):
    _import(SPC_PAGE)
    provenance = PageImport.objects.get().provenance
    assert provenance["implementer"] == "Projekto vykdytojas – VšĮ Socialinės partnerystės centras"


def test_an_html_page_is_read_with_its_canonical_url(db):
    html = (
        '<html><head><title>X</title><link rel="canonical" href="https://example.org/p/1">'
        "</head><body><h1>Jaunimo savanorystės stiprinimas</h1>"
        + "".join(f"<p>{line}</p>" for line in SIMPLE_PAGE.splitlines()[2:])
        + "</body></html>"
    )
    project = import_page(text=html, source_name="p1.html").project
    assert project.source_url == "https://example.org/p/1"
    assert project.start_date == datetime.date(2024, 1, 1)


def test_publishing_an_imported_draft_sets_status_and_date(db):
    project = _import(MIC_PAGE).project
    publish_project(project=project)
    project.refresh_from_db()
    assert project.status == ProjectStatus.PUBLISHED
    assert project.published_at is not None


def test_reimporting_a_published_project_keeps_staff_corrections(db):
    project = _import(MIC_PAGE).project
    project.title = "Pataisytas pavadinimas"
    project.save()
    publish_project(project=project)
    result = _import(MIC_PAGE)
    project.refresh_from_db()
    assert result.skipped
    assert project.title == "Pataisytas pavadinimas"


def test_an_organization_is_matched_by_its_legal_code_whatever_its_name(db, organization_factory):
    registered = organization_factory(name="Jaunimo organizacijų sąjunga", legal_code="300000001")
    text = SIMPLE_PAGE + "Asociacija Jaunimo centras, juridinio asmens kodas 300000001.\n"
    project = import_page(text=text, source_name="kodas.txt").project
    assert project.implementer == registered


def test_a_new_implementer_keeps_the_legal_code_its_page_states(db):
    text = SIMPLE_PAGE + "Įmonės kodas: 300000002\n"
    project = import_page(text=text, source_name="kodas.txt").project
    assert project.implementer.legal_code == "300000002"


def test_nul_characters_in_a_page_are_dropped(db):
    text = SIMPLE_PAGE.replace("savanorystę", "savano\x00rystę")
    project = import_page(text=text, source_name="nul.txt").project
    assert "savanorystę" in project.content


def test_the_command_prints_precision_and_recall_when_asked(db):
    out = StringIO()
    call_command("import_pages", str(PAGES), "--measure", stdout=out)
    assert "overall" in out.getvalue()
    assert "precision" in out.getvalue()
