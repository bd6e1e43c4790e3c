import pytest
from django.contrib.auth.models import Group

EDITORS_GROUP = "Redaktoriai"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "redaktore", "redaktore@example.org", "pass-word-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def member_client(client, django_user_model):
    """A logged-in account that is not staff."""
    user = django_user_model.objects.create_user("lankytojas", "l@example.org", "pass-word-123")
    client.force_login(user)
    return client
