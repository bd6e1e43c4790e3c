import json
import re

import pytest

from tests.pages_helpers import read_page

pytestmark = pytest.mark.django_db

PROJECT_URL = "/projects/padeti-ne-stebeti/"


def test_sitemap_index_names_a_sitemap_per_section(client, seeded):
    xml = client.get("/sitemap.xml").content.decode()
    for section in ("pages", "projects", "organizations", "funders", "years"):
        assert f"http://testserver/sitemap-{section}.xml" in xml


def test_project_sitemap_lists_published_projects_in_both_languages(client, seeded):
    xml = client.get("/sitemap-projects.xml").content.decode()
    assert f"<loc>http://testserver{PROJECT_URL}</loc>" in xml
    assert f"<loc>http://testserver/en{PROJECT_URL}</loc>" in xml


def test_project_sitemap_gives_hreflang_alternates(client, seeded):
    xml = client.get("/sitemap-projects.xml").content.decode()
    assert f'hreflang="en" href="http://testserver/en{PROJECT_URL}"' in xml


def test_project_sitemap_leaves_drafts_out(client, project_factory):
    draft = project_factory(status="draft")
    assert draft.slug not in client.get("/sitemap-projects.xml").content.decode()


def test_every_sitemap_section_answers(client, seeded):
    for section in ("pages", "projects", "organizations", "funders", "years"):
        assert client.get(f"/sitemap-{section}.xml").status_code == 200


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_atom_feed_lists_published_projects(client, seeded):
    response = client.get("/feeds/projects.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert response.content.decode().count("<entry>") == 5


def test_atom_feed_leaves_drafts_out(client, project_factory):
    project_factory(title="Slaptas juodraštis", status="draft")
    assert "Slaptas juodraštis" not in client.get("/feeds/projects.atom").content.decode()


def test_pages_announce_the_feed(client, db):
    feeds = [
        link["href"]
        for link in read_page(client.get("/")).links
        if link.get("rel") == "alternate" and link.get("type") == "application/atom+xml"
    ]
    assert feeds == ["/feeds/projects.atom"]


def _json_ld(response):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(match.group(1))


def test_project_page_carries_schema_org_project_metadata(client, seeded):
    data = _json_ld(client.get(PROJECT_URL))
    assert (data["@type"], data["name"]) == ("Project", "Padėti-NE-stebėti")


def test_project_metadata_names_the_grant_amount_and_funder(client, seeded):
    [grant] = _json_ld(client.get(PROJECT_URL))["funding"]
    assert grant["amount"] == {"@type": "MonetaryAmount", "value": "12000.00", "currency": "EUR"}
    assert (
        grant["funder"]["name"] == "Lietuvos Respublikos socialinės apsaugos ir darbo ministerija"
    )


def test_project_metadata_cannot_close_its_script_element(client, project_factory):
    project = project_factory(title="</script><script>alert(1)</script>")
    html = client.get(project.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    assert _json_ld(client.get(project.get_absolute_url()))["name"] == project.title


def test_pages_name_their_canonical_url_without_the_query(client, seeded):
    html = client.get("/organizations/?q=centr").content.decode()
    assert '<link rel="canonical" href="http://testserver/organizations/">' in html


def test_canonical_url_keeps_the_page_number(client, seeded):
    html = client.get("/years/2017/?page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/years/2017/?page=2">' in html


def test_pages_give_their_address_in_each_language(client, seeded):
    html = client.get(PROJECT_URL).content.decode()
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en{PROJECT_URL}">' in html
    assert f'<link rel="alternate" hreflang="lt" href="http://testserver{PROJECT_URL}">' in html
    assert f'hreflang="x-default" href="http://testserver{PROJECT_URL}"' in html


def test_canonical_url_ignores_a_page_number_that_is_not_plain_digits(client, seeded):
    response = client.get("/years/2017/?page=%C2%B9")
    assert response.status_code == 200
    canonical = '<link rel="canonical" href="http://testserver/years/2017/">'
    assert canonical in response.content.decode()
