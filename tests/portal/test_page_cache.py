"""Public pages are served whole from the cache to visitors, and renewed by any edit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project

pytestmark = pytest.mark.django_db

MIC_SLUG = "moteru-informacijos-centro-instituciniu-gebejimu-stiprinimas-23-24"


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/projects/",
        "/projects/?q=moteru&year=2023",
        "/projects/search.json?q=moteru",
        "/projects/search/suggest.json?q=mot",
        f"/projects/{MIC_SLUG}/",
        "/en/projects/",
        "/organizations/",
        "/funders/",
        "/years/",
        "/years/2023/",
    ],
)
def test_a_page_seen_again_costs_no_query(client, seeded, url):
    first, first_queries = queries_for(client, url)
    again, again_queries = queries_for(client, url)

    assert first_queries > 0
    assert again_queries == 0
    assert again.content == first.content


def test_an_edit_shows_on_the_next_visit(client, seeded):
    url = f"/projects/{MIC_SLUG}/"
    assert b"Naujas pavadinimas" not in client.get(url).content

    project = Project.objects.get(slug=MIC_SLUG)
    project.title = "Naujas pavadinimas"
    project.save()

    assert b"Naujas pavadinimas" in client.get(url).content


def test_staff_always_get_a_fresh_page(staff_client, seeded):
    url = f"/projects/{MIC_SLUG}/"
    _, first_queries = queries_for(staff_client, url)
    _, again_queries = queries_for(staff_client, url)
    assert again_queries > 0


def test_pages_are_the_same_for_every_visitor(client, seeded):
    response = client.get(f"/projects/{MIC_SLUG}/")

    # No CSRF token or session: nothing in the page belongs to one visitor.
    assert b"csrfmiddlewaretoken" not in response.content
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
    assert "max-age=60" in response["Cache-Control"]


def test_the_language_switch_is_a_link_to_the_same_page(client, seeded):
    response = client.get("/projects/?q=moteru&year=2023")
    assert b'href="/en/projects/?q=moteru&amp;year=2023" hreflang="en"' in response.content

    english = client.get("/en/projects/?q=moteru")
    assert b'href="/projects/?q=moteru" hreflang="lt"' in english.content
