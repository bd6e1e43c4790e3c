import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import make_funding, make_organization, make_project


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Nothing cached (portal figures, cached pages) leaks from one test into the next."""
    cache.clear()


@pytest.fixture
def seeded(db):
    """The five curated seed projects, as `manage.py load_seed_projects` loads them."""
    call_command("load_seed_projects", verbosity=0)


@pytest.fixture
def organization_factory(db):
    return make_organization


@pytest.fixture
def project_factory(db):
    return make_project


@pytest.fixture
def funding_factory(db):
    return make_funding


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("staff", "staff@example.org", "pass-word-123")
    client.force_login(user)
    return client
