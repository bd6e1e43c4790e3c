import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "pass-word-123"


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "darbuotoja", "d@example.org", PASSWORD, is_staff=True
    )


def log_in(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "darbuotoja", "password": password, "next": "/admin/"},
    )


def fail(client, times):
    for _ in range(times):
        log_in(client, "wrong-password")


def test_staff_member_logs_in_with_the_right_password(client, staff_user):
    log_in(client, PASSWORD)
    assert client.session.get("_auth_user_id") == str(staff_user.pk)


def test_a_few_failed_attempts_do_not_lock_the_account(client, staff_user):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    log_in(client, PASSWORD)
    assert client.session.get("_auth_user_id") == str(staff_user.pk)


def test_repeated_failed_logins_lock_the_account_even_for_the_right_password(client, staff_user):
    fail(client, settings.AXES_FAILURE_LIMIT)
    log_in(client, PASSWORD)
    assert "_auth_user_id" not in client.session


def test_locked_out_login_is_answered_with_too_many_requests(client, staff_user):
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert log_in(client, PASSWORD).status_code == 429
