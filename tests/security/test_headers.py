import secrets

import pytest
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


def csp_directives(response):
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_pages_send_a_content_security_policy(client):
    assert "Content-Security-Policy" in client.get("/").headers


def test_content_security_policy_allows_no_inline_scripts(client):
    scripts = csp_directives(client.get("/"))["script-src"]
    assert "'unsafe-inline'" not in scripts


def test_content_security_policy_allows_scripts_only_from_the_site(client):
    assert csp_directives(client.get("/"))["script-src"] == ["'self'"]


def test_content_security_policy_allows_no_inline_styles(client):
    assert "'unsafe-inline'" not in csp_directives(client.get("/"))["style-src"]


def test_content_security_policy_forbids_framing(client):
    assert csp_directives(client.get("/"))["frame-ancestors"] == ["'none'"]


def test_admin_login_page_has_the_same_script_policy(client):
    scripts = csp_directives(client.get("/admin/login/"))["script-src"]
    assert scripts == ["'self'"]


def test_pages_send_a_permissions_policy_turning_off_the_camera(client):
    assert "camera=()" in client.get("/").headers["Permissions-Policy"]


def test_pages_send_a_referrer_policy(client):
    assert client.get("/").headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_forbid_content_sniffing(client):
    assert client.get("/").headers["X-Content-Type-Options"] == "nosniff"


def test_https_responses_send_hsts_for_a_year(client):
    header = client.get("/", secure=True).headers["Strict-Transport-Security"]
    assert "max-age=31536000" in header


def test_session_and_csrf_cookies_are_https_only(settings):
    assert (settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE) == (True, True)


@override_settings(SECURE_SSL_REDIRECT=True, SECRET_KEY=secrets.token_urlsafe(50))
def test_deploy_checklist_has_no_warnings_with_production_settings():
    # Raises SystemCheckError on any warning.
    call_command("check", deploy=True, fail_level="WARNING", verbosity=0)
