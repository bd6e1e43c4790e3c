import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_a_missing_page_gets_the_friendly_404_in_the_portals_look(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Tokio puslapio nėra" in html
    assert 'class="site-header"' in html


def test_the_404_page_offers_a_search(client):
    assert 'name="q"' in client.get("/no-such-page/").content.decode()


def test_the_500_page_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Atsiprašome, įvyko klaida" in response.content.decode()


def test_the_500_page_speaks_english_too():
    response = server_error(RequestFactory().get("/"))
    assert "Sorry, something went wrong" in response.content.decode()
