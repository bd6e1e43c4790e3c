"""Small factory functions for tests: each makes one valid row and takes overrides."""

import datetime
import itertools
from decimal import Decimal

from organizations.models import Organization, OrganizationKind
from projects.models import Funding, Project, ProjectStatus
from projects.periods import DatePrecision

_sequence = itertools.count(1)


def make_organization(**fields):
    number = next(_sequence)
    fields.setdefault("name", f"Organizacija {number}")
    fields.setdefault("kind", OrganizationKind.NGO)
    return Organization.objects.create(**fields)


def make_project(**fields):
    number = next(_sequence)
    fields.setdefault("title", f"Projektas {number}")
    fields.setdefault("status", ProjectStatus.PUBLISHED)
    if "implementer" not in fields:
        fields["implementer"] = make_organization()
    fields.setdefault("start_date", datetime.date(2020, 1, 1))
    fields.setdefault("start_precision", DatePrecision.DAY if fields["start_date"] else "")
    fields.setdefault("end_date", datetime.date(2020, 12, 31))
    fields.setdefault("end_precision", DatePrecision.DAY if fields["end_date"] else "")
    return Project.objects.create(**fields)


def make_funding(**fields):
    if "project" not in fields:
        fields["project"] = make_project()
    if "funder" not in fields:
        fields["funder"] = make_organization(kind=OrganizationKind.PUBLIC_BODY)
    fields.setdefault("amount", Decimal("1000.00"))
    return Funding.objects.create(**fields)
