from decimal import Decimal

import pytest

from organizations.models import Membership, OrganizationKind
from projects.models import ProjectPartner
from tests.pages_helpers import count_queries

pytestmark = pytest.mark.django_db

NLIF = "/organizations/nacionalinis-lygybes-ir-ivairoves-forumas/"


def test_organization_list_shows_every_organization(client, seeded):
    assert client.get("/organizations/").context["page_obj"].paginator.count == 20


def test_organization_list_filters_by_name(client, seeded):
    names = [o.name for o in client.get("/organizations/?q=gimnazija").context["page_obj"]]
    assert names == ["Dieveniškių Adomo Mickevičiaus gimnazija", "Dieveniškių „Ryto“ gimnazija"]


def test_organization_list_filters_by_short_name(client, seeded):
    names = [o.name for o in client.get("/organizations/?q=NLĮF").context["page_obj"]]
    assert names == ["Nacionalinis lygybės ir įvairovės forumas"]


def test_organization_list_keeps_the_name_filter_in_its_field(client, seeded):
    assert 'value="gimnazija"' in client.get("/organizations/?q=gimnazija").content.decode()


def test_organization_list_filters_by_first_letter(client, seeded):
    names = [o.name for o in client.get("/organizations/?letter=T").context["page_obj"]]
    assert names == ["Trakų rajono paramos šeimai ir vaikams centras"]


def test_organization_list_groups_names_under_lithuanian_initials_in_order(client, seeded):
    initials = client.get("/organizations/").context["initials"]
    assert initials.index("S") + 1 == initials.index("Š")


def test_organization_list_ignores_a_letter_filter_that_is_not_a_letter(client, seeded):
    assert client.get("/organizations/?letter=%25").context["page_obj"].paginator.count == 20


def test_organization_list_says_when_nothing_matches(client, seeded):
    html = client.get("/organizations/?q=nėratokios").content.decode()
    assert "Tokių organizacijų nerasta." in html


def test_organization_list_renders_in_english(client, seeded):
    assert client.get("/en/organizations/").status_code == 200


def test_organization_page_lists_the_projects_it_implemented(client, seeded):
    context = client.get("/organizations/seimos-institutas/").context
    assert [p.title for p in context["implemented"]] == ["Padėti-NE-stebėti"]


def test_organization_page_lists_the_projects_it_joined_as_partner(client, seeded):
    context = client.get("/organizations/uab-idea-mecca/").context
    assert [p.slug for p in context["partnered"]] == [
        "moteru-informacijos-centro-instituciniu-gebejimu-stiprinimas-23-24"
    ]


def test_coalition_page_lists_its_members(client, organization_factory):
    coalition = organization_factory(name="Forumas", kind=OrganizationKind.COALITION)
    member = organization_factory(name="Narė asociacija")
    Membership.objects.create(coalition=coalition, member=member)
    assert "Narė asociacija" in client.get(coalition.get_absolute_url()).content.decode()


def test_member_page_lists_its_coalitions(client, organization_factory):
    coalition = organization_factory(name="Didysis forumas", kind=OrganizationKind.COALITION)
    member = organization_factory()
    Membership.objects.create(coalition=coalition, member=member)
    assert "Didysis forumas" in client.get(member.get_absolute_url()).content.decode()


def test_organization_page_totals_the_funding_it_received_per_funder(client, seeded):
    context = client.get("/organizations/moteru-informacijos-centras/").context
    [(funder, euros, url)] = context["per_funder"]
    assert (euros, url) == (Decimal("51400.00"), "/funders/sadm/")


def test_organization_page_totals_the_funding_it_received_per_year(client, seeded):
    context = client.get("/organizations/moteru-informacijos-centras/").context
    assert [(year, euros) for year, euros, _url in context["per_year"]] == [
        (2023, Decimal("25700.00")),
        (2024, Decimal("25700.00")),
    ]


def test_organization_page_links_to_its_funder_page_when_it_funds_projects(client, seeded):
    assert 'href="/funders/sadm/"' in client.get("/organizations/sadm/").content.decode()


def test_organization_page_shows_no_draft_projects(client, project_factory):
    project = project_factory(title="Nebaigtas aprašas", status="draft")
    html = client.get(project.implementer.get_absolute_url()).content.decode()
    assert "Nebaigtas aprašas" not in html


def test_organization_page_renders_in_english(client, seeded):
    assert client.get(f"/en{NLIF}").status_code == 200


def test_unknown_organization_is_not_found(client, db):
    assert client.get("/organizations/nera-tokios/").status_code == 404


def test_organization_page_query_count_is_the_same_with_1_and_with_50_projects(
    client, project_factory, funding_factory, organization_factory
):
    organization = organization_factory()
    partner_of = organization_factory()
    funder = organization_factory(kind=OrganizationKind.PUBLIC_BODY)

    def add_projects():
        funding_factory(project=project_factory(implementer=organization), funder=funder)
        joined = project_factory(implementer=partner_of)
        ProjectPartner.objects.create(project=joined, organization=organization)

    add_projects()
    one = count_queries(client, organization.get_absolute_url())
    for _ in range(49):
        add_projects()
    assert count_queries(client, organization.get_absolute_url()) == one


def test_organization_list_query_count_is_the_same_with_1_and_with_50_organizations(
    client, organization_factory
):
    organization_factory()
    one = count_queries(client, "/organizations/")
    for _ in range(49):
        organization_factory()
    assert count_queries(client, "/organizations/") == one


def test_organization_list_ignores_control_characters_in_the_name_filter(client, seeded):
    response = client.get("/organizations/?q=gimna%00zija")
    assert response.status_code == 200
    assert response.context["query"] == "gimnazija"


def test_organization_list_cuts_a_very_long_name_filter(client, seeded):
    assert len(client.get("/organizations/?q=" + "x" * 5000).context["query"]) == 100
