"""The registry's published projects as 360Giving data (JSON package and CSV), and back.

One published project is one grant. The standard requires an amount, a currency and an award
date for every grant; a project whose amount the source never stated, or that has no date at
all, cannot be a valid grant and is left out of the export (the count is reported, never
guessed). The award date is the first day of the project's stated period (the registry does
not know when funders decided); planned dates keep the period's precision ("2023", "2020-01",
"2017-09-01"), as the standard allows.

Identifiers: grants `<prefix>-<project slug>`; organizations `LT-RC-<legal-entity code>` when the
code is known, else `<prefix>-org-<organization slug>`.
"""

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify

from organizations.models import Organization, OrganizationKind
from projects.models import Currency, Funding, FundingProgramme, Project, ProjectStatus
from projects.periods import DatePrecision, period_end, period_start

PREFIX = getattr(settings, "THREESIXTY_GIVING_PREFIX", "360G-nvoregistras")
SCHEMA_VERSION = "1.4"
LEGAL_CODE_SCHEME = "LT-RC"

CSV_COLUMNS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Code",
    "Grant Programme:Title",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Data Source",
    "Last Modified",
]


class ThreeSixtyImportError(ValueError):
    """A 360Giving file that cannot be imported; the message says which grant and why."""


@dataclass
class ExportResult:
    package: dict
    omitted: Counter = field(default_factory=Counter)

    @property
    def grant_count(self):
        return len(self.package["grants"])


def organization_id(organization):
    if organization.legal_code:
        return f"{LEGAL_CODE_SCHEME}-{organization.legal_code}"
    return f"{PREFIX}-org-{organization.slug}"


def grant_id(project):
    return f"{PREFIX}-{project.slug}"


def _event_date(value, precision):
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def _number(amount):
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _organization(organization):
    item = {"id": organization_id(organization), "name": organization.name}
    if organization.short_name:
        item["alternateName"] = organization.short_name
    if organization.website:
        item["url"] = organization.website
    return item


def exportable_projects():
    return (
        Project.objects.published()
        .select_related("implementer")
        .prefetch_related(
            Prefetch(
                "fundings",
                queryset=Funding.objects.select_related("funder", "programme").order_by("id"),
            )
        )
        .order_by("slug")
    )


def project_to_grant(project, *, base_url=""):
    """(grant dict, None) or (None, why it cannot be a valid 360Giving grant)."""
    fundings = list(project.fundings.all())
    amounts = [funding for funding in fundings if funding.amount is not None]
    if not amounts:
        return None, "no_amount"
    currencies = {funding.currency for funding in amounts}
    if len(currencies) > 1:
        return None, "mixed_currencies"
    award_date = project.start_date
    if award_date is None:
        years = [funding.year_from for funding in fundings if funding.year_from]
        award_date = datetime.date(min(years), 1, 1) if years else None
    if award_date is None:
        return None, "no_date"
    funders = list({funding.funder_id: funding.funder for funding in fundings}.values())
    grant = {
        "id": grant_id(project),
        "title": project.title,
        "description": project.excerpt or project.content or project.title,
        "currency": currencies.pop(),
        "amountAwarded": _number(sum((funding.amount for funding in amounts), Decimal(0))),
        "awardDate": award_date.isoformat(),
        "recipientOrganization": [_organization(project.implementer)],
        "fundingOrganization": [_organization(funder) for funder in funders],
        "dateModified": project.updated_at.isoformat(),
    }
    if project.start_date or project.end_date:
        event = {}
        if project.start_date:
            event["startDate"] = _event_date(project.start_date, project.start_precision)
        if project.end_date:
            event["endDate"] = _event_date(project.end_date, project.end_precision)
        grant["plannedDates"] = [event]
    programmes = {f.programme_id: f.programme for f in fundings if f.programme_id}
    if programmes:
        grant["grantProgramme"] = [
            {"code": programme.slug, "title": programme.name} for programme in programmes.values()
        ]
    if project.source_url:
        grant["dataSource"] = project.source_url
    if base_url:
        grant["url"] = base_url.rstrip("/") + project.get_absolute_url()
    return grant, None


def export_package(*, base_url=""):
    grants, omitted = [], Counter()
    for project in exportable_projects():
        grant, reason = project_to_grant(project, base_url=base_url)
        if grant is None:
            omitted[reason] += 1
        else:
            grants.append(grant)
    package = {
        "version": SCHEMA_VERSION,
        "title": getattr(settings, "SITE_NAME", "NVO projektų registras"),
        "description": (
            "Published grant projects of Lithuanian NGOs whose amount is stated in the source."
        ),
        "modified": timezone.now().isoformat(),
        "publisher": {"name": getattr(settings, "SITE_NAME", "NVO projektų registras")},
        "grants": grants,
    }
    return ExportResult(package=package, omitted=omitted)


def _first(items):
    return items[0] if items else {}


def package_to_csv(package):
    """The standard's spreadsheet form: one row per grant, first organization and programme."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for grant in package["grants"]:
        recipient = _first(grant.get("recipientOrganization", []))
        funder = _first(grant.get("fundingOrganization", []))
        programme = _first(grant.get("grantProgramme", []))
        planned = _first(grant.get("plannedDates", []))
        writer.writerow(
            [
                grant["id"],
                grant["title"],
                grant["description"],
                grant["currency"],
                grant["amountAwarded"],
                grant["awardDate"],
                recipient.get("id", ""),
                recipient.get("name", ""),
                funder.get("id", ""),
                funder.get("name", ""),
                programme.get("code", ""),
                programme.get("title", ""),
                planned.get("startDate", ""),
                planned.get("endDate", ""),
                grant.get("dataSource", ""),
                grant.get("dateModified", ""),
            ]
        )
    return buffer.getvalue()


# Import ---------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


def _parse_event_date(value, *, end):
    """A 360Giving date ("2023", "2020-01", "2017-09-01" or a date-time) as (date, precision)."""
    text = str(value)[:10]
    parts = text.split("-")
    try:
        numbers = [int(part) for part in parts]
        return (period_end if end else period_start)(*numbers)
    except (TypeError, ValueError) as error:
        raise ThreeSixtyImportError(f"Netinkama data: {value!r}") from error


def _slug_from_id(identifier):
    if identifier.startswith(f"{PREFIX}-"):
        return identifier[len(PREFIX) + 1 :]
    return slugify(identifier)


class _Organizations:
    def __init__(self):
        self.cache = {}

    def get(self, item, *, kind):
        identifier = str(item.get("id") or "")
        name = str(item.get("name") or "").strip()
        if not identifier or not name:
            raise ThreeSixtyImportError("Organizacijai trūksta „id“ arba „name“.")
        if identifier in self.cache:
            return self.cache[identifier]
        fields = {"name": name[:255]}
        if item.get("alternateName"):
            fields["short_name"] = str(item["alternateName"])[:50]
        if item.get("url"):
            fields["website"] = str(item["url"])[:200]
        if identifier.startswith(f"{LEGAL_CODE_SCHEME}-"):
            code = identifier[len(LEGAL_CODE_SCHEME) + 1 :]
            if not (code.isdigit() and len(code) == 9):
                raise ThreeSixtyImportError(f"Netinkamas juridinio asmens kodas: {identifier}")
            organization = Organization.objects.filter(legal_code=code).first()
            if organization is None:
                organization = Organization.objects.create(legal_code=code, kind=kind, **fields)
        else:
            slug = (
                identifier[len(f"{PREFIX}-org-") :]
                if identifier.startswith(f"{PREFIX}-org-")
                else slugify(identifier)
            )
            organization = Organization.objects.filter(slug=slug).first()
            if organization is None:
                organization = Organization.objects.create(slug=slug, kind=kind, **fields)
        self.cache[identifier] = organization
        return organization


def import_package(data):
    """Create or update one published project per grant; the whole file or nothing."""
    if not isinstance(data, dict) or not isinstance(data.get("grants"), list):
        raise ThreeSixtyImportError("Tai ne 360Giving paketas: nėra sąrašo „grants“.")
    result = ImportResult()
    organizations = _Organizations()
    with transaction.atomic():
        for index, grant in enumerate(data["grants"], start=1):
            try:
                created = _import_grant(grant, organizations)
            except ValidationError as error:
                raise ThreeSixtyImportError(
                    f"Įrašas nr. {index}: {'; '.join(error.messages)}"
                ) from error
            except (KeyError, TypeError, IndexError, InvalidOperation) as error:
                raise ThreeSixtyImportError(
                    f"Įrašas nr. {index}: trūksta ar netinkamas laukas ({error})."
                ) from error
            except ThreeSixtyImportError as error:
                raise ThreeSixtyImportError(f"Įrašas nr. {index}: {error}") from error
            if created:
                result.created += 1
            else:
                result.updated += 1
    return result


def _import_grant(grant, organizations):
    slug = _slug_from_id(str(grant["id"]))
    if not slug:
        raise ThreeSixtyImportError("Netinkamas identifikatorius.")
    implementer = organizations.get(grant["recipientOrganization"][0], kind=OrganizationKind.NGO)
    funders = [
        organizations.get(item, kind=OrganizationKind.PUBLIC_BODY)
        for item in grant["fundingOrganization"]
    ]
    project = Project.objects.filter(slug=slug).first()
    created = project is None
    project = project or Project(slug=slug)
    project.title = str(grant["title"])[:500]
    project.excerpt = str(grant.get("description") or "")
    project.implementer = implementer
    project.status = ProjectStatus.PUBLISHED
    project.published_at = project.published_at or timezone.now()
    project.source_url = str(grant.get("dataSource") or "")[:500]
    planned = _first(grant.get("plannedDates") or [])
    project.start_date, project.start_precision = (
        _parse_event_date(planned["startDate"], end=False)
        if planned.get("startDate")
        else (None, "")
    )
    project.end_date, project.end_precision = (
        _parse_event_date(planned["endDate"], end=True) if planned.get("endDate") else (None, "")
    )
    project.full_clean()
    project.save()

    programme = None
    programme_item = _first(grant.get("grantProgramme") or [])
    if programme_item.get("code") or programme_item.get("title"):
        programme_slug = slugify(programme_item.get("code") or programme_item["title"])
        programme = FundingProgramme.objects.filter(slug=programme_slug).first()
        if programme is None:
            programme = FundingProgramme.objects.create(
                slug=programme_slug,
                name=str(programme_item.get("title") or programme_slug)[:500],
                funder=funders[0],
            )
    amount = Decimal(str(grant["amountAwarded"]))
    if amount < 0:
        raise ThreeSixtyImportError("Suma negali būti neigiama.")
    if grant["currency"] not in Currency.values:
        raise ThreeSixtyImportError(f"Registras nepriima valiutos {grant['currency']}.")
    years = project.years
    project.fundings.all().delete()
    for position, funder in enumerate(funders):
        Funding.objects.create(
            project=project,
            funder=funder,
            programme=programme,
            amount=amount if position == 0 else None,
            currency=str(grant["currency"]),
            year_from=years[0] if years else None,
            year_to=years[-1] if years else None,
        )
    return created
