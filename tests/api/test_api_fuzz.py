"""Schemathesis fuzzes every API operation from the OpenAPI description: no server errors,
documented status codes and content types, responses matching their schemas."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from portal.wsgi import application

# Generating the description reads no rows, so it can be loaded while tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def wsgi_keeps_the_test_connection(seeded):
    """The WSGI handler closes the database connection around each request; inside a test's
    transaction that would end the test's data too. Django's test client does the same."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_generated_request_without_a_server_error(
    case, wsgi_keeps_the_test_connection
):
    case.call_and_validate()
