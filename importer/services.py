"""Importing project pages: each page becomes (or refreshes) one draft project, atomically."""

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from importer.models import PageImport
from importer.parsing import parse_page
from importer.parsing.organizations import name_key
from importer.parsing.text import normalize_for_comparison
from organizations.models import Organization
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

logger = logging.getLogger(__name__)

PAGE_SUFFIXES = {".txt", ".html", ".htm"}
# The fields whose open issues an import replaces; issues staff resolved are kept.
IMPORT_ISSUE_FIELDS = {
    "content", "period", "amount", "funder", "implementer", "partners", "programme", "title",
}  # fmt: skip


class PageImportError(Exception):
    """A page that cannot become a draft; the message says why, in Lithuanian."""


@dataclass
class PageImportResult:
    project: Project | None
    created: bool = False
    skipped: bool = False
    warnings: list = field(default_factory=list)
    message: str = ""


def import_page(*, text, source_name="", source_url="", user=None):
    """Create or refresh the draft project read from one page.

    A page is the same page again when it has the same source URL, or else the same text, or
    else the same source name (file name). A page whose project was already published is left
    alone: staff corrections are never overwritten.
    """
    if not text or not text.strip():
        raise PageImportError(_("Puslapis tuščias."))
    try:
        parsed = parse_page(text, source_url=source_url)
    except ValueError as error:
        raise PageImportError(str(error)) from error
    if parsed.implementer is None:
        raise PageImportError(
            _("Puslapyje nerastas projekto vykdytojas, todėl juodraštis nesukurtas.")
        )
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with transaction.atomic():
        record = _existing_import(parsed.source_url, content_hash, source_name)
        if record and record.project.status != ProjectStatus.DRAFT:
            return PageImportResult(
                project=record.project,
                skipped=True,
                message=_("Projektas jau paskelbtas; importas jo nekeičia."),
            )
        created = record is None
        project = record.project if record else Project(status=ProjectStatus.DRAFT)
        flags = _write_project(project, parsed)
        record = record or PageImport(project=project)
        record.source_name = source_name[:255]
        record.source_url = parsed.source_url[:500]
        record.content_hash = content_hash
        record.text = parsed.text
        record.provenance = parsed.provenance
        record.imported_by = user if user is not None and user.is_authenticated else None
        if not created:
            record.times_imported += 1
        record.save()
        warnings = [*parsed.warnings, *flags]
        _replace_issues(project, warnings)
    return PageImportResult(project=project, created=created, warnings=warnings)


def import_paths(paths, *, user=None):
    """Import every page file under `paths`; one page's failure does not stop the others.

    Returns [(path, PageImportResult or PageImportError)].
    """
    outcomes = []
    for path in _page_files(paths):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            outcomes.append((path, PageImportError(_("Nepavyko perskaityti failo: %s") % error)))
            continue
        try:
            outcomes.append((path, import_page(text=text, source_name=path.name, user=user)))
        except PageImportError as error:
            outcomes.append((path, error))
    return outcomes


def _page_files(paths):
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES)
        elif path.exists():
            yield path
        else:
            raise PageImportError(_("Nėra tokio failo ar aplanko: %s") % raw)


def _existing_import(source_url, content_hash, source_name):
    records = PageImport.objects.select_related("project")
    if source_url:
        return records.filter(source_url=source_url).first()
    record = records.filter(content_hash=content_hash).first()
    if record is None and source_name:
        record = records.filter(source_name=source_name, source_url="").first()
    return record


@dataclass
class _Flag:
    field: str
    message: str
    source_text: str = ""


def _write_project(project, parsed):
    flags = []
    resolver = _OrganizationResolver()
    project.title = parsed.title[:500]
    project.implementer = resolver.resolve(parsed.implementer, "implementer", flags)
    project.excerpt = parsed.excerpt
    project.content = parsed.content
    period = parsed.period
    project.start_date, project.start_precision = period.start_date, period.start_precision
    project.end_date, project.end_precision = period.end_date, period.end_precision
    project.period_text = period.text[:255]
    project.source_url = parsed.source_url[:500]
    project.source_published_at = parsed.source_published_at
    project.save()

    statements = {
        Goal: parsed.goals,
        Task: parsed.tasks,
        Activity: parsed.activities,
        Result: parsed.results,
    }
    for model, items in statements.items():
        model.objects.filter(project=project).delete()
        model.objects.bulk_create(
            model(project=project, position=position, text=text)
            for position, text in enumerate(items, start=1)
        )

    project.partner_links.all().delete()
    for position, partner in enumerate(parsed.partners, start=1):
        organization = resolver.resolve(partner, "partners", flags)
        if organization.pk == project.implementer_id:
            continue
        ProjectPartner.objects.get_or_create(
            project=project,
            organization=organization,
            defaults={"role": partner.role or "partner", "position": position},
        )

    project.fundings.all().delete()
    if parsed.funder:
        funder = resolver.resolve(parsed.funder, "funder", flags)
        administrator = (
            resolver.resolve(parsed.administrator, "funder", flags)
            if parsed.administrator
            else None
        )
        programme = _programme(parsed, funder, administrator, flags)
        years = project.years
        Funding.objects.create(
            project=project,
            funder=funder,
            programme=programme,
            amount=parsed.amount.value if parsed.amount else None,
            currency=parsed.amount.currency if parsed.amount else "EUR",
            year_from=years[0] if years else None,
            year_to=years[-1] if years else None,
        )
    return flags


def _programme(parsed, funder, administrator, flags):
    programmes = list(FundingProgramme.objects.all())
    if parsed.programme:
        wanted = normalize_for_comparison(parsed.programme)
        for programme in programmes:
            if normalize_for_comparison(programme.name) == wanted:
                return programme
        year_from, year_to = parsed.programme_years
        programme = FundingProgramme.objects.create(
            name=parsed.programme[:500],
            funder=funder,
            administrator=administrator,
            year_from=year_from,
            year_to=year_to,
        )
        flags.append(
            _Flag(
                "programme",
                _("Nauja finansavimo programa „%s“: patikrinkite jos duomenis.") % programme.name,
                parsed.provenance.get("programme", ""),
            )
        )
        return programme
    # A programme the registry already knows, named word for word on the page.
    text = normalize_for_comparison(parsed.text)
    for programme in sorted(programmes, key=lambda p: -len(p.name)):
        name = normalize_for_comparison(programme.name)
        if len(name) > 20 and name in text and programme.funder_id == funder.pk:
            parsed.provenance["programme"] = programme.name
            return programme
    return None


class _OrganizationResolver:
    """Finds an organization by legal code, short name of a public body, or name in any case."""

    def __init__(self):
        self.by_key = {}
        for organization in Organization.objects.all():
            self.by_key.setdefault(name_key(organization.name), organization)
        self.created = {}

    def resolve(self, ref, field_name, flags):
        if ref.legal_code:
            found = Organization.objects.filter(legal_code=ref.legal_code).first()
            if found:
                return found
        if ref.kind == "public_body" and ref.short_name:
            found = Organization.objects.filter(
                short_name=ref.short_name, kind="public_body"
            ).first()
            if found:
                return found
        key = ref.key
        if key in self.by_key:
            found = self.by_key[key]
            if ref.legal_code and not found.legal_code:
                found.legal_code = ref.legal_code
                found.save(update_fields=["legal_code", "updated_at"])
            return found
        organization = Organization.objects.create(
            legal_code=ref.legal_code,
            name=ref.name[:255],
            short_name=ref.short_name[:50],
            legal_form=ref.legal_form,
            kind=ref.kind,
        )
        self.by_key[key] = organization
        flags.append(
            _Flag(
                field_name,
                _("Nauja organizacija „%s“: patikrinkite arba sujunkite su esama.")
                % organization.name,
                ref.source,
            )
        )
        return organization


def _replace_issues(project, warnings):
    project.data_issues.filter(resolved=False, field__in=IMPORT_ISSUE_FIELDS).delete()
    DataIssue.objects.bulk_create(
        DataIssue(
            project=project,
            field=warning.field,
            message=str(warning.message),
            source_text=warning.source_text,
        )
        for warning in warnings
    )


def publish_project(*, project, user=None):
    """Publish a reviewed draft: one step, after staff corrected what the importer proposed."""
    project.status = ProjectStatus.PUBLISHED
    if project.published_at is None:
        project.published_at = timezone.now()
    project.full_clean()
    project.save(update_fields=["status", "published_at", "updated_at"])
    logger.info("Project %s published by %s", project.pk, user)
    return project
