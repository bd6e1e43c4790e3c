"""Text typed by staff or taken from source pages is escaped wherever the portal shows it.

Every text field of every record gets a hostile payload; then every public page reachable
from the home page (both languages), the search with the payload as its query, the JSON
endpoints and the feeds are fetched, and none may contain the payload unescaped.
"""

import datetime
import json
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.db import models
from django.utils import translation

from organizations.models import Organization, OrganizationKind, SocialLink
from projects.models import (
    Activity,
    DataIssue,
    Funding,
    FundingProgramme,
    Goal,
    Project,
    ProjectPartner,
    ProjectStatus,
    Result,
    Task,
)
from projects.periods import DatePrecision

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "script tag": "<script>alert(1)</script>",
    "event handler attribute": '" onmouseover="alert(1)',
    "single-quoted attribute": "' onfocus='alert(1)' autofocus='",
}
PAGE_LIMIT = 150
SKIPPED_PREFIXES = ("/admin/", "/static/", "/i18n/", "/media/")


def text_fields(model):
    """Free-text fields: not slugs, URLs, choices or codes with a fixed format."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
        and not field.choices
        and not field.validators[1:]  # a CharField's own MaxLengthValidator only
        and field.editable
    ]


def hostile(model, payload, **fields):
    for field in text_fields(model):
        if field.name not in fields:
            fields[field.name] = f"{field.name} {payload}"[: field.max_length or None]
    return model.objects.create(**fields)


def make_hostile_registry(payload):
    implementer = hostile(Organization, payload, kind=OrganizationKind.NGO)
    partner = hostile(Organization, payload, kind=OrganizationKind.COALITION)
    funder = hostile(Organization, payload, kind=OrganizationKind.PUBLIC_BODY)
    implementer.members.add(partner)
    hostile(SocialLink, payload, organization=implementer, url="https://example.org/")
    programme = hostile(FundingProgramme, payload, funder=funder, year_from=2020, year_to=2021)
    project = hostile(
        Project,
        payload,
        implementer=implementer,
        status=ProjectStatus.PUBLISHED,
        start_date=datetime.date(2020, 1, 1),
        start_precision=DatePrecision.DAY,
        end_date=datetime.date(2021, 12, 31),
        end_precision=DatePrecision.YEAR,
        source_url="https://example.org/projektas",
        published_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    )
    for model in (Goal, Task, Activity, Result):
        hostile(model, payload, project=project)
    ProjectPartner.objects.create(project=project, organization=partner)
    Funding.objects.create(
        project=project,
        funder=funder,
        programme=programme,
        amount=Decimal("1000"),
        year_from=2020,
        year_to=2021,
    )
    hostile(DataIssue, payload, project=project)
    return project


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def internal_links(html):
    parser = Links()
    parser.feed(html)
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(SKIPPED_PREFIXES):
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, start):
    """Fetches pages breadth-first from `start`; returns {url: response}."""
    seen, queue, responses = set(), list(start), {}
    while queue and len(responses) < PAGE_LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        # Streaming answers (the CSV export) are read once, here.
        response.body_text = response.getvalue().decode()
        responses[url] = response
        if "html" in response.get("Content-Type", "") and response.status_code == 200:
            queue.extend(internal_links(response.body_text))
    return responses


def entry_points(project, payload):
    with translation.override("lt"):
        project_url = project.get_absolute_url()
    return [
        "/",
        "/en/",
        project_url,
        "/en" + project_url,
        "/projects/?" + f"q={payload}",
        "/en/projects/?" + f"q={payload}",
        "/projects/?q=alert",
        # Each text field starts with its own name ("title <payload>"), a word every search
        # backend indexes whatever it makes of the markup after it.
        "/projects/?q=title",
        "/projects/search.json?q=title",
        "/projects/search/suggest.json?q=title",
        "/projects/search.csv?q=title",
        "/feeds/projects.atom",
        "/en/feeds/projects.atom",
        "/sitemap.xml",
        "/years/2020/",
        "/funders/",
    ]


@pytest.fixture(params=PAYLOADS.values(), ids=PAYLOADS.keys())
def hostile_site(request, client):
    payload = request.param
    project = make_hostile_registry(payload)
    return payload, crawl(client, entry_points(project, payload))


class InjectedMarkup(HTMLParser):
    """Finds what a payload would become if it escaped: an event-handler attribute anywhere,
    or a script element that runs "alert(1)" (JSON-LD data blocks are data, not code)."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        for name, _value in attrs:
            if name.startswith("on") or name == "autofocus":
                self.problems.append(f"<{tag} {name}=…>")
        if tag == "script":
            self._in_script = dict(attrs).get("type", "")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        in_code = self._in_script is not None and self._in_script != "application/ld+json"
        if in_code and "alert(1)" in data:
            self.problems.append(f"<script>{data[:40]}")


def injected_markup(response):
    content_type = response.get("Content-Type", "")
    body = response.body_text
    if "html" in content_type:
        parser = InjectedMarkup()
        parser.feed(body)
        return parser.problems
    if "xml" in content_type:
        # Well-formed XML (a raw "<" would break it) with no element or attribute smuggled in.
        root = ElementTree.fromstring(body.encode())
        return [
            element.tag
            for element in root.iter()
            if element.tag.rsplit("}", 1)[-1] == "script"
            or any(name.startswith("on") for name in element.attrib)
        ]
    return []


def test_no_page_or_feed_turns_the_payload_into_markup(hostile_site):
    payload, responses = hostile_site
    problems = {url: injected_markup(response) for url, response in responses.items()}
    assert {url: found for url, found in problems.items() if found} == {}


def test_no_html_page_shows_a_script_payload_unescaped(client):
    payload = PAYLOADS["script tag"]
    project = make_hostile_registry(payload)
    responses = crawl(client, entry_points(project, payload))
    leaking = [
        url
        for url, response in responses.items()
        if "html" in response.get("Content-Type", "") and payload in response.body_text
    ]
    assert leaking == []


def test_the_crawl_reaches_the_hostile_project_page(hostile_site):
    payload, responses = hostile_site
    project = Project.objects.get(title__contains=payload)
    with translation.override("lt"):
        assert responses[project.get_absolute_url()].status_code == 200


def test_json_answers_are_served_as_json_not_html(hostile_site):
    payload, responses = hostile_site
    json_urls = [url for url in responses if ".json" in url]
    types = {responses[url]["Content-Type"].split(";")[0] for url in json_urls}
    assert types == {"application/json"}


def test_json_answers_carry_the_payload_as_plain_text(hostile_site):
    payload, responses = hostile_site
    body = json.loads(responses["/projects/search/suggest.json?q=title"].content)
    assert payload in body["results"][0]["title"]


def test_every_text_field_of_a_project_holds_the_payload(hostile_site):
    payload, _ = hostile_site
    project = Project.objects.get(title__contains=payload)
    assert all(payload in getattr(project, f.name) for f in text_fields(Project))
