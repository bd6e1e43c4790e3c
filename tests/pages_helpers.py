"""Helpers for page tests: query counting and a small HTML reader."""

from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """How many SQL queries rendering `url` takes (the page must answer 200)."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


class PageReader(HTMLParser):
    """Collects what the accessibility and markup checks look at."""

    def __init__(self):
        super().__init__()
        self.headings = []
        self.html_lang = None
        self.landmarks = set()
        self.ids = set()
        self.label_targets = set()
        self.inputs = []
        self.style_attributes = 0
        self.style_elements = 0
        self.scripts = []
        self.links = []
        self._in_heading = None
        self._heading_text = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.style_attributes += 1
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag in {"header", "nav", "main", "footer"}:
            self.landmarks.add(tag)
        if tag == "label" and attributes.get("for"):
            self.label_targets.add(attributes["for"])
        if tag in {"input", "select", "textarea"} and attributes.get("type") not in {
            "hidden",
            "submit",
        }:
            self.inputs.append(attributes)
        if tag == "style":
            self.style_elements += 1
        if tag == "script":
            self.scripts.append(attributes)
        if tag == "link":
            self.links.append(attributes)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._in_heading = int(tag[1])
            self._heading_text = []

    def handle_endtag(self, tag):
        if self._in_heading and tag == f"h{self._in_heading}":
            self.headings.append((self._in_heading, "".join(self._heading_text).strip()))
            self._in_heading = None

    def handle_data(self, data):
        if self._in_heading:
            self._heading_text.append(data)

    @property
    def unlabelled_inputs(self):
        return [
            attributes
            for attributes in self.inputs
            if attributes.get("id") not in self.label_targets and not attributes.get("aria-label")
        ]

    @property
    def skipped_heading_levels(self):
        """Headings that go more than one level deeper than the one before them."""
        skipped = []
        previous = 0
        for level, text in self.headings:
            if level > previous + 1:
                skipped.append((level, text))
            previous = level
        return skipped


def read_page(response):
    reader = PageReader()
    reader.feed(response.content.decode())
    return reader
