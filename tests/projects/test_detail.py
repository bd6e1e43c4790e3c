import datetime

import pytest
from django.utils.html import escape

from organizations.models import OrganizationKind
from projects.models import FundingProgramme, Project, ProjectPartner
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


def test_project_page_leaves_out_resolved_data_notes(client, seeded):
    url = "/projects/socialines-partnerystes-centro-instituciniu-gebejimu-stiprinimas/"
    Project.objects.get(slug=url.split("/")[2]).data_issues.update(resolved=True)
    assert 'class="data-note"' not in client.get(url).content.decode()


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


def test_related_projects_fill_six_places_tier_by_tier_without_repeats(
    client, project_factory, funding_factory, organization_factory
):
    funder = organization_factory(kind=OrganizationKind.PUBLIC_BODY)
    programme = FundingProgramme.objects.create(name="Programa", funder=funder)
    project = project_factory()
    funding_factory(project=project, funder=funder, programme=programme)
    implementer = project.implementer

    def same_implementer(title, start):
        return project_factory(
            title=title, implementer=implementer, start_date=start, end_date=None
        )

    # The implementer's projects: latest start first, an undated one last.
    undated = same_implementer("Be datos", None)
    same_implementer("2019", datetime.date(2019, 1, 1))
    in_two_tiers = same_implementer("2021, ta pati programa", datetime.date(2021, 1, 1))
    funding_factory(project=in_two_tiers, funder=funder, programme=programme)
    # Then the programme's and the funder's, newest first; each project once.
    for title in ("Programa A", "Programa B"):
        funding_factory(project=project_factory(title=title), funder=funder, programme=programme)
    for title in ("Finansuotojas A", "Finansuotojas B"):
        funding_factory(project=project_factory(title=title), funder=funder)
    assert undated.start_date is None

    titles = [p.title for p in client.get(project.get_absolute_url()).context["related_projects"]]

    assert titles == [
        "2021, ta pati programa",
        "2019",
        "Be datos",
        "Programa B",
        "Programa A",
        "Finansuotojas B",
    ]


def test_related_projects_stop_at_six_from_the_closest_tier(
    client, project_factory, funding_factory, organization_factory
):
    funder = organization_factory(kind=OrganizationKind.PUBLIC_BODY)
    project = project_factory()
    funding_factory(project=project, funder=funder)
    for year in range(2010, 2018):
        project_factory(
            title=str(year), implementer=project.implementer, start_date=datetime.date(year, 1, 1)
        )
    funding_factory(project=project_factory(title="Tik finansuotojas"), funder=funder)

    titles = [p.title for p in client.get(project.get_absolute_url()).context["related_projects"]]

    assert titles == ["2017", "2016", "2015", "2014", "2013", "2012"]


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


def test_project_page_lists_goals_tasks_activities_and_results_in_their_order(client, seeded):
    project = Project.objects.get(slug=MIC.split("/")[2])
    html = client.get(MIC).content.decode()
    for name in ("goals", "tasks", "activities", "results"):
        texts = [statement.text for statement in getattr(project, name).all()]
        positions = [html.index(f"<li>{escape(text)}</li>") for text in texts]
        assert positions == sorted(positions), name
    assert project.tasks.exists() and project.activities.exists()


def test_text_lists_read_the_four_lists_and_open_data_notes_in_one_query(
    seeded, django_assert_num_queries
):
    project = Project.objects.get(slug=MIC.split("/")[2])
    project.data_issues.create(field="amount", message="Suma neaiški.")
    project.data_issues.create(field="period", message="Jau išspręsta.", resolved=True)
    for project in Project.objects.all():
        with django_assert_num_queries(1):
            lists = project.text_lists()
        assert lists == {
            **{
                name: [statement.text for statement in getattr(project, name).all()]
                for name in ("goals", "tasks", "activities", "results")
            },
            "data_notes": [issue.message for issue in project.data_issues.filter(resolved=False)],
        }
    assert Project.objects.get(slug=MIC.split("/")[2]).text_lists()["data_notes"] == [
        "Suma neaiški."
    ]
