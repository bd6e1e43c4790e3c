"""Schemathesis fuzzes every API operation from the OpenAPI description: no server errors,
documented status codes and content types, responses matching their schemas."""

import schemathesis
from hypothesis import HealthCheck, settings

from portal.wsgi import application

# Generating the description reads no rows, so it can be loaded while tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_generated_request_without_a_server_error(case, seeded):
    case.call_and_validate()
