"""Loads the curated seed projects shipped in projects/seed_data/ (safe to run repeatedly)."""

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from organizations.models import Membership, Organization, SocialLink
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
from projects.periods import period_end, period_start

SEED_FILE = Path(__file__).resolve().parent / "seed_data" / "seed_projects.json"

STATEMENT_MODELS = {"goals": Goal, "tasks": Task, "activities": Activity, "results": Result}


def read_seed_file(path=SEED_FILE):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@transaction.atomic
def load_seed_projects(*, data=None):
    """Create or update every seed record by slug; returns the number of projects loaded.

    Child rows (goals, partners, funding…) are replaced as a whole, so a second run leaves
    exactly the same rows as the first.
    """
    data = data if data is not None else read_seed_file()
    organizations = {item["slug"]: _upsert_organization(item) for item in data["organizations"]}
    for link in data["memberships"]:
        Membership.objects.get_or_create(
            coalition=organizations[link["coalition"]], member=organizations[link["member"]]
        )
    programmes = {
        item["slug"]: _upsert_programme(item, organizations) for item in data["programmes"]
    }
    for item in data["projects"]:
        _upsert_project(item, organizations, programmes)
    return len(data["projects"])


def _upsert_organization(item):
    fields = {
        key: item.get(key, "")
        for key in ("name", "short_name", "kind", "legal_form", "legal_code", "website")
    }
    fields["description"] = item.get("description", "")
    organization, _ = Organization.objects.update_or_create(slug=item["slug"], defaults=fields)
    organization.full_clean()
    for link in item.get("social_links", []):
        SocialLink.objects.update_or_create(
            organization=organization, url=link["url"], defaults={"label": link["label"]}
        )
    return organization


def _upsert_programme(item, organizations):
    administrator = item.get("administrator")
    programme, _ = FundingProgramme.objects.update_or_create(
        slug=item["slug"],
        defaults={
            "name": item["name"],
            "funder": organizations[item["funder"]],
            "administrator": organizations[administrator] if administrator else None,
            "year_from": item.get("year_from"),
            "year_to": item.get("year_to"),
            "description": item.get("description", ""),
        },
    )
    return programme


def _period_fields(item):
    fields = {"start_date": None, "start_precision": "", "end_date": None, "end_precision": ""}
    if item.get("start"):
        fields["start_date"], fields["start_precision"] = period_start(**item["start"])
    if item.get("end"):
        fields["end_date"], fields["end_precision"] = period_end(**item["end"])
    return fields


def _upsert_project(item, organizations, programmes):
    status = item.get("status", ProjectStatus.DRAFT)
    source_published_at = item.get("source_published_at")
    defaults = {
        "title": item["title"],
        "implementer": organizations[item["implementer"]],
        "excerpt": item.get("excerpt", ""),
        "content": item.get("content", ""),
        "status": status,
        "period_text": item.get("period_text", ""),
        "source_url": item.get("source_url", ""),
        "source_published_at": parse_datetime(source_published_at) if source_published_at else None,
        **_period_fields(item),
    }
    project = Project.objects.filter(slug=item["slug"]).first()
    if project is None:
        project = Project(slug=item["slug"])
    for key, value in defaults.items():
        setattr(project, key, value)
    if status == ProjectStatus.PUBLISHED and project.published_at is None:
        project.published_at = timezone.now()
    project.full_clean()
    project.save()

    for key, model in STATEMENT_MODELS.items():
        model.objects.filter(project=project).delete()
        model.objects.bulk_create(
            model(project=project, position=position, text=text)
            for position, text in enumerate(item.get(key, []), start=1)
        )
    project.partner_links.all().delete()
    ProjectPartner.objects.bulk_create(
        ProjectPartner(
            project=project,
            organization=organizations[partner["organization"]],
            role=partner["role"],
            position=position,
        )
        for position, partner in enumerate(item.get("partners", []), start=1)
    )
    project.fundings.all().delete()
    Funding.objects.bulk_create(
        Funding(
            project=project,
            funder=organizations[funding["funder"]],
            programme=programmes[funding["programme"]] if funding.get("programme") else None,
            amount=Decimal(funding["amount"]) if funding.get("amount") else None,
            currency=funding.get("currency", "EUR"),
            year_from=funding.get("year_from"),
            year_to=funding.get("year_to"),
        )
        for funding in item.get("fundings", [])
    )
    for issue in item.get("data_issues", []):
        DataIssue.objects.get_or_create(
            project=project,
            field=issue["field"],
            message=issue["message"],
            defaults={"source_text": issue.get("source_text", "")},
        )
    return project
