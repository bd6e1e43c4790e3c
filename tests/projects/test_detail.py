import datetime

import pytest

from organizations.models import OrganizationKind
from projects.models import FundingProgramme, ProjectPartner
from tests.pages_helpers import count_queries

pytestmark = pytest.mark.django_db

MIC = "/projects/moteru-informacijos-centro-instituciniu-gebejimu-stiprinimas-23-24/"
NLIF = "/projects/nlif-institucinio-stiprinimo-projektas-2017/"


def test_project_page_shows_a_day_precise_period_with_days(client, seeded):
    html = client.get(NLIF).content.decode()
    assert "2017 m. rugsėjo 1 d. – 2017 m. gruodžio 31 d." in html


def test_project_page_shows_a_year_precise_period_as_years(client, seeded):
    assert "2023–2024 m." in client.get(MIC).content.decode()


def test_project_page_shows_partners_with_their_roles(client, seeded):
    html = client.get(MIC).content.decode()
    assert 'UAB IDEA MECCA</a> <span class="role">(partneris)</span>' in html


def test_project_page_links_the_funder_to_its_funder_page(client, seeded):
    assert 'href="/funders/sadm/"' in client.get(MIC).content.decode()


def test_project_page_links_the_programme_to_the_filtered_search(client, seeded):
    html = client.get(NLIF).content.decode()
    assert 'href="/projects/?programme=nvo-asociaciju-institucinis-stiprinimas-2017"' in html


def test_project_page_links_each_year_of_its_period(client, seeded):
    html = client.get(MIC).content.decode()
    assert 'href="/years/2023/"' in html
    assert 'href="/years/2024/"' in html


def test_project_page_shows_the_source_period_and_a_data_note_for_the_spc_record(client, seeded):
    html = client.get(
        "/projects/socialines-partnerystes-centro-instituciniu-gebejimu-stiprinimas/"
    ).content.decode()
    assert "2020 m. sausio 1 d. – 2019 m. gruodžio 31 d." in html
    assert 'class="data-note"' in html


def test_related_projects_share_the_programme(client, seeded):
    related = client.get(NLIF).context["related_projects"]
    assert related[0].slug == "nvo-vienijanciu-asociaciju-institucinis-stiprinimas-caritas-2017"


def test_related_projects_put_the_same_implementer_first(
    client, project_factory, funding_factory, organization_factory
):
    funder = organization_factory(kind=OrganizationKind.PUBLIC_BODY)
    project = project_factory()
    funding_factory(project=project, funder=funder)
    funding_factory(project=project_factory(title="Tik tas pats finansuotojas"), funder=funder)
    project_factory(title="Tas pats vykdytojas", implementer=project.implementer)
    titles = [p.title for p in client.get(project.get_absolute_url()).context["related_projects"]]
    assert titles == ["Tas pats vykdytojas", "Tik tas pats finansuotojas"]


def test_related_projects_leave_out_the_project_itself_and_drafts(client, project_factory):
    project = project_factory()
    project_factory(implementer=project.implementer, status="draft")
    assert list(client.get(project.get_absolute_url()).context["related_projects"]) == []


def test_related_projects_leave_out_unrelated_projects(client, project_factory):
    project = project_factory()
    project_factory(title="Svetimas")
    assert list(client.get(project.get_absolute_url()).context["related_projects"]) == []


def test_project_page_renders_in_english(client, seeded):
    response = client.get(f"/en{NLIF}")
    assert response.status_code == 200
    assert "2017" in response.content.decode()


def test_project_page_query_count_is_the_same_with_1_and_with_50_related_rows(
    client, project_factory, funding_factory, organization_factory
):
    funder = organization_factory(kind=OrganizationKind.PUBLIC_BODY)
    programme = FundingProgramme.objects.create(name="Programa", funder=funder)
    project = project_factory(start_date=datetime.date(2019, 1, 1))
    funding_factory(project=project, funder=funder, programme=programme)

    def add_rows():
        ProjectPartner.objects.create(project=project, organization=organization_factory())
        funding_factory(project=project, funder=organization_factory())
        funding_factory(project=project_factory(), funder=funder, programme=programme)

    add_rows()
    one = count_queries(client, project.get_absolute_url())
    for _ in range(49):
        add_rows()
    assert count_queries(client, project.get_absolute_url()) == one


def test_project_page_describes_itself_for_link_previews(client, seeded):
    html = client.get(MIC).content.decode()
    assert '<meta property="og:title" content="Moterų informacijos centro' in html
    assert f'<meta property="og:url" content="http://testserver{MIC}">' in html


def test_project_content_is_marked_lithuanian_on_english_pages(client, seeded):
    html = client.get(f"/en{MIC}").content.decode()
    assert '<h1 lang="lt">Moterų informacijos centro' in html
