import datetime

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import F, Prefetch, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.models import Organization
from portal.slugs import unique_slug
from projects.periods import DatePrecision, format_period


class Currency(models.TextChoices):
    EUR = "EUR", _("euras (EUR)")
    # Grants before 2015 were paid in litas.
    LTL = "LTL", _("litas (LTL)")


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("juodraštis")
    PUBLISHED = "published", _("paskelbtas")
    ARCHIVED = "archived", _("archyvuotas")


class PartnerRole(models.TextChoices):
    PARTNER = "partner", _("partneris")
    CO_IMPLEMENTER = "co_implementer", _("bendras vykdytojas")


class FundingProgramme(models.Model):
    """A competition or programme grants are awarded from (e.g. NGO institutional strengthening)."""

    name = models.CharField(_("pavadinimas"), max_length=500)
    slug = models.SlugField(_("nuorodos pavadinimas"), max_length=255, unique=True)
    funder = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="funded_programmes",
        verbose_name=_("finansuotojas"),
    )
    administrator = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="administered_programmes",
        verbose_name=_("administruojanti institucija"),
        null=True,
        blank=True,
    )
    year_from = models.PositiveSmallIntegerField(_("nuo metų"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("iki metų"), null=True, blank=True)
    url = models.URLField(_("nuoroda"), blank=True)
    description = models.TextField(_("aprašymas"), blank=True)

    history = HistoricalRecords(verbose_name=_("finansavimo programos istorija"))

    class Meta:
        verbose_name = _("finansavimo programa")
        verbose_name_plural = _("finansavimo programos")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_from__isnull=True)
                | Q(year_to__isnull=True)
                | Q(year_to__gte=F("year_from")),
                name="%(app_label)s_%(class)s_years_ordered",
                violation_error_message=_(
                    "Programos pabaigos metai negali būti ankstesni už pradžios."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


# What for_listing() reads of each project, its implementer or funders, and its fundings.
LISTED_PROJECT_FIELDS = (
    "title",
    "slug",
    "status",
    "implementer",
    "excerpt",
    "content",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "period_text",
)
LISTED_ORGANIZATION_FIELDS = ("name", "short_name", "slug")
LISTED_FUNDING_FIELDS = (
    "project",
    "funder",
    "programme",
    "amount",
    "currency",
    "year_from",
    "year_to",
)


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ProjectStatus.PUBLISHED)

    def active_in_year(self, year):
        """Projects whose period touches `year` (a project counts in every year it runs)."""
        return self.filter(
            start_date__lte=datetime.date(year, 12, 31),
            end_date__gte=datetime.date(year, 1, 1),
        )

    def with_funding_total(self):
        return self.annotate(funding_total=Sum("fundings__amount"))

    def for_listing(self):
        """What a list of projects shows (cards, search results and their snippets, JSON, CSV:
        the implementer, the amounts and the funders), in a fixed number of queries, with
        only the columns those read: the rest (the timestamps, each parsed in Python, the
        organizations' descriptions) cost ~2 ms of a search page's 20 projects."""
        return (
            self.select_related("implementer")
            .only(
                *LISTED_PROJECT_FIELDS,
                *(f"implementer__{name}" for name in LISTED_ORGANIZATION_FIELDS),
            )
            .prefetch_related(
                Prefetch(
                    "fundings",
                    queryset=Funding.objects.select_related("funder").only(
                        *LISTED_FUNDING_FIELDS,
                        *(f"funder__{name}" for name in LISTED_ORGANIZATION_FIELDS),
                    ),
                )
            )
        )

    def listed_by_ids(self, ids):
        """The projects of this queryset with these ids, in the ids' order, as for_listing()
        reads them. (No ORDER BY: the ids give the order.)"""
        by_id = self.filter(pk__in=ids).order_by().for_listing().in_bulk()
        return [by_id[pk] for pk in ids if pk in by_id]

    def with_fundings(self):
        """Every funding row with its funder and programme (for the API), in a fixed number of
        queries."""
        return self.select_related("implementer").prefetch_related(
            Prefetch("fundings", queryset=Funding.objects.select_related("funder", "programme"))
        )

    def with_partners(self):
        return self.prefetch_related(
            Prefetch(
                "partner_links",
                queryset=ProjectPartner.objects.select_related("organization"),
            )
        )

    def with_statements(self):
        """Goals, tasks, activities and results, one query each."""
        return self.prefetch_related("goals", "tasks", "activities", "results")


class Project(models.Model):
    title = models.CharField(_("pavadinimas"), max_length=500)
    slug = models.SlugField(_("nuorodos pavadinimas"), max_length=255, unique=True)
    implementer = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="implemented_projects",
        verbose_name=_("vykdytojas"),
    )
    excerpt = models.TextField(_("santrauka"), blank=True)
    content = models.TextField(_("aprašymas"), blank=True)
    # Not indexed: three values, nearly every project published. Through an index on it, the
    # PostgreSQL planner read every published project to test a text search on its tsvector
    # rather than ask the text index (a word in nine projects in ten at 10 000 projects: 70 →
    # 17 ms); the orders' indexes are partial on published projects (migrations 0005, 0012).
    status = models.CharField(
        _("būsena"),
        max_length=16,
        choices=ProjectStatus.choices,
        default=ProjectStatus.DRAFT,
    )
    # A period is stored as its first and last day; the precision says how much of the date
    # the source actually stated, so "2023–2024" is never shown as an invented day.
    start_date = models.DateField(_("pradžia"), null=True, blank=True)
    start_precision = models.CharField(
        _("pradžios tikslumas"), max_length=8, choices=DatePrecision.choices, blank=True
    )
    end_date = models.DateField(_("pabaiga"), null=True, blank=True)
    end_precision = models.CharField(
        _("pabaigos tikslumas"), max_length=8, choices=DatePrecision.choices, blank=True
    )
    period_text = models.CharField(
        _("laikotarpis, kaip nurodyta šaltinyje"), max_length=255, blank=True
    )
    source_url = models.URLField(_("šaltinio nuoroda"), max_length=500, blank=True)
    source_published_at = models.DateTimeField(_("šaltinio paskelbimo data"), null=True, blank=True)
    published_at = models.DateTimeField(_("paskelbta registre"), null=True, blank=True)
    created_at = models.DateTimeField(_("sukurta"), auto_now_add=True)
    updated_at = models.DateTimeField(_("atnaujinta"), auto_now=True)

    partners = models.ManyToManyField(
        Organization,
        through="ProjectPartner",
        related_name="partner_projects",
        verbose_name=_("partneriai"),
        blank=True,
    )

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("projekto istorija"))

    class Meta:
        verbose_name = _("projektas")
        verbose_name_plural = _("projektai")
        ordering = ["-start_date", "title", "id"]
        indexes = [
            models.Index(fields=["start_date", "end_date"], name="projects_period_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="%(app_label)s_%(class)s_end_not_before_start",
                violation_error_message=_("Projekto pabaiga negali būti ankstesnė už pradžią."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True, start_precision="")
                | Q(start_date__isnull=False, start_precision__in=DatePrecision.values),
                name="%(app_label)s_%(class)s_start_precision_set",
                violation_error_message=_("Nurodykite, kiek tiksliai žinoma pradžios data."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True, end_precision="")
                | Q(end_date__isnull=False, end_precision__in=DatePrecision.values),
                name="%(app_label)s_%(class)s_end_precision_set",
                violation_error_message=_("Nurodykite, kiek tiksliai žinoma pabaigos data."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    def clean(self):
        # Staff usually type a full date; asking them for its precision too would be noise.
        if self.start_date and not self.start_precision:
            self.start_precision = DatePrecision.DAY
        if self.end_date and not self.end_precision:
            self.end_precision = DatePrecision.DAY
        if not self.start_date:
            self.start_precision = ""
        if not self.end_date:
            self.end_precision = ""

    @property
    def is_public(self):
        return self.status == ProjectStatus.PUBLISHED

    @property
    def period_display(self):
        return format_period(
            self.start_date, self.start_precision, self.end_date, self.end_precision
        )

    @property
    def years(self):
        """Calendar years the project's period touches."""
        if not self.start_date:
            return []
        end = self.end_date or self.start_date
        return list(range(self.start_date.year, end.year + 1))

    def text_lists(self):
        """{"goals": [...], "tasks": [...], "activities": [...], "results": [...],
        "data_notes": [...]}: the texts of the four statement lists, in order, and the messages
        of the open data issues, read in one query (a UNION of the five tables) rather than one
        per table. Written as SQL: the ORM's union of five querysets costs several milliseconds
        of Python per page view for a query the database answers in a fraction of one."""
        lists = {name: [] for name in STATEMENT_LISTS}
        lists["data_notes"] = []
        parts = [
            f"SELECT %s AS list_name, position, id, text FROM {model._meta.db_table}"
            " WHERE project_id = %s"
            for model in STATEMENT_LISTS.values()
        ]
        params = [value for name in STATEMENT_LISTS for value in (name, self.pk)]
        parts.append(
            f"SELECT %s, 0, id, message FROM {DataIssue._meta.db_table}"
            " WHERE project_id = %s AND resolved = %s"
        )
        params += ["data_notes", self.pk, False]
        with connections[self._state.db or DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(f"{' UNION ALL '.join(parts)} ORDER BY list_name, position, id", params)
            for name, _position, _id, text in cursor.fetchall():
                lists[name].append(text)
        return lists

    def funding_total(self):
        """Sum of the stated amounts per currency, e.g. {"EUR": Decimal("51400.00")}."""
        totals = {}
        for funding in self.fundings.all():
            if funding.amount is not None:
                totals[funding.currency] = totals.get(funding.currency, 0) + funding.amount
        return totals


class ProjectPartner(models.Model):
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="partner_links",
        verbose_name=_("projektas"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="partner_links",
        verbose_name=_("organizacija"),
    )
    role = models.CharField(
        _("vaidmuo"), max_length=32, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    position = models.PositiveSmallIntegerField(_("eilės numeris"), default=0)

    history = HistoricalRecords(verbose_name=_("projekto partnerio istorija"))

    class Meta:
        verbose_name = _("projekto partneris")
        verbose_name_plural = _("projekto partneriai")
        ordering = ["project_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organization"],
                name="%(app_label)s_%(class)s_unique_partner",
                violation_error_message=_("Ši organizacija jau nurodyta kaip projekto partnerė."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.get_role_display()}"


class Funding(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="fundings", verbose_name=_("projektas")
    )
    funder = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="fundings",
        verbose_name=_("finansuotojas"),
    )
    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.PROTECT,
        related_name="fundings",
        verbose_name=_("programa"),
        null=True,
        blank=True,
    )
    amount = models.DecimalField(
        _("suma"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Palikite tuščią, jei šaltinyje suma nenurodyta."),
    )
    currency = models.CharField(
        _("valiuta"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    year_from = models.PositiveSmallIntegerField(_("nuo metų"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("iki metų"), null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("finansavimo istorija"))

    class Meta:
        verbose_name = _("finansavimas")
        verbose_name_plural = _("finansavimas")
        # "project_id", not "project": ordering by the relation would join the project table
        # on every prefetch just to sort by the project's own ordering. The other child models
        # (partners, statements, data notes, social links, memberships) order the same way.
        ordering = ["project_id", "year_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="%(app_label)s_%(class)s_amount_not_negative",
                violation_error_message=_("Suma negali būti neigiama."),
            ),
            models.CheckConstraint(
                condition=Q(year_from__isnull=True)
                | Q(year_to__isnull=True)
                | Q(year_to__gte=F("year_from")),
                name="%(app_label)s_%(class)s_years_ordered",
                violation_error_message=_(
                    "Finansavimo pabaigos metai negali būti ankstesni už pradžios."
                ),
            ),
        ]

    def __str__(self):
        amount = f"{self.amount} {self.currency}" if self.amount is not None else "—"
        return f"{self.funder}: {amount}"


class ProjectStatement(models.Model):
    """One line of an ordered list on a project page: a goal, a task, an activity, a result."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, verbose_name=_("projektas"))
    position = models.PositiveSmallIntegerField(_("eilės numeris"), default=0)
    text = models.TextField(_("tekstas"))

    # inherit=True: each concrete list (goals, tasks, activities, results) keeps its own history.
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["project_id", "position", "id"]

    def __str__(self):
        return self.text[:80]


class Goal(ProjectStatement):
    class Meta(ProjectStatement.Meta):
        verbose_name = _("tikslas")
        verbose_name_plural = _("tikslai")
        default_related_name = "goals"


class Task(ProjectStatement):
    class Meta(ProjectStatement.Meta):
        verbose_name = _("uždavinys")
        verbose_name_plural = _("uždaviniai")
        default_related_name = "tasks"


class Activity(ProjectStatement):
    class Meta(ProjectStatement.Meta):
        verbose_name = _("veikla")
        verbose_name_plural = _("veiklos")
        default_related_name = "activities"


class Result(ProjectStatement):
    class Meta(ProjectStatement.Meta):
        verbose_name = _("rezultatas")
        verbose_name_plural = _("rezultatai")
        default_related_name = "results"


# The ordered lists of a project page, by the related name each model gives its project.
STATEMENT_LISTS = {"goals": Goal, "tasks": Task, "activities": Activity, "results": Result}


class DataIssue(models.Model):
    """A doubt about a record for staff to resolve: a source contradiction, an import warning."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="data_issues",
        verbose_name=_("projektas"),
    )
    field = models.CharField(_("laukas"), max_length=64, blank=True)
    message = models.TextField(_("pastaba"))
    source_text = models.TextField(_("šaltinio tekstas"), blank=True)
    resolved = models.BooleanField(_("išspręsta"), default=False)
    created_at = models.DateTimeField(_("sukurta"), auto_now_add=True)

    class Meta:
        verbose_name = _("duomenų kokybės pastaba")
        verbose_name_plural = _("duomenų kokybės pastabos")
        ordering = ["project_id", "resolved", "id"]

    def __str__(self):
        return self.message[:80]
