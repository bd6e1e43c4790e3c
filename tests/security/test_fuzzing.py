"""Hypothesis throws odd path segments and query parameters at every public URL: whatever
arrives, the answer is a page, a redirect or a 4xx, never a server error."""

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organizations.models import Organization
from projects.models import Project
from tests.security.routes import fill, public_routes

pytestmark = pytest.mark.django_db

ROUTES = public_routes()

# Parameter names the portal's pages use or that a visitor (or a scanner) might try.
COMMON_PARAMETERS = [
    "q",
    "page",
    "year",
    "funder",
    "programme",
    "implementer",
    "exact",
    "fields",
    "in",
    "sort",
    "order",
    "format",
    "status",
    "letter",
    "kind",
    "limit",
    "offset",
    "next",
]
AWKWARD_VALUES = [
    "",
    "0",
    "-1",
    "2020",
    "99999999999999999999999",
    "1e9",
    "NaN",
    "%",
    "_",
    "\\",
    "'",
    "' OR 1=1 --",
    '"',
    "<script>alert(1)</script>",
    "&",
    "!!!",
    "a:b",
    "(((",
    "a & | ! b",
    "\x00",
    "ąčęėįšųūž",
    " ",
    "-",
    "*",
]
parameter_values = st.one_of(
    st.sampled_from(AWKWARD_VALUES),
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)


class FormFieldNames(HTMLParser):
    """Collects the name= of every input, select and textarea of a page."""

    def __init__(self):
        super().__init__()
        self.names = set()

    def handle_starttag(self, tag, attrs):
        if tag in {"input", "select", "textarea"}:
            name = dict(attrs).get("name")
            if name and name not in {"csrfmiddlewaretoken"}:
                self.names.add(name)


_names_by_path = {}


def parameter_names(client, path):
    if path not in _names_by_path:
        _names_by_path[path] = _form_parameter_names(client, path)
    return _names_by_path[path]


def _form_parameter_names(client, path):
    response = client.get(path)
    if "html" not in response.get("Content-Type", ""):
        return set(COMMON_PARAMETERS)
    parser = FormFieldNames()
    parser.feed(response.content.decode())
    return set(COMMON_PARAMETERS) | parser.names


def known_values():
    """Path values that exist in the seeded registry, next to random ones."""
    return {
        "slug": sorted(
            set(Project.objects.values_list("slug", flat=True))
            | set(Organization.objects.values_list("slug", flat=True))
        ),
        "year": [2017, 2020, 2023],
        "section": ["projects", "organizations", "funders", "years", "static"],
    }


def path_values(draw, route):
    values = {}
    known = known_values()
    for name, converter in route.converters:
        random_value = st.from_regex(converter.regex, fullmatch=True).filter(
            lambda value: "/" not in value and len(value) < 80
        )
        if known.get(name):
            values[name] = draw(st.one_of(st.sampled_from(known[name]), random_value))
        else:
            values[name] = draw(random_value)
    return values


@pytest.mark.parametrize("route", ROUTES, ids=str)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_public_url_never_answers_with_a_server_error(client, seeded, route, data):
    path = fill(route, path_values(data.draw, route))
    names = sorted(parameter_names(client, path)) if not route.converters else COMMON_PARAMETERS
    query = data.draw(
        st.lists(st.tuples(st.sampled_from(names), parameter_values), max_size=4),
        label="query",
    )
    params = {}
    for name, value in query:
        params.setdefault(name, []).append(value)
    response = client.get(path, params)
    assert response.status_code < 500, (path, params)
