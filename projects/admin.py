from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from organizations.models import Organization
from portal.admin_forms import URL_FIELD_OVERRIDES
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
from projects.years import project_years


class StatementInline(admin.TabularInline):
    extra = 0
    fields = ["position", "text"]


class GoalInline(StatementInline):
    model = Goal


class TaskInline(StatementInline):
    model = Task


class ActivityInline(StatementInline):
    model = Activity


class ResultInline(StatementInline):
    model = Result


class PartnerInline(admin.TabularInline):
    model = ProjectPartner
    autocomplete_fields = ["organization"]
    fields = ["position", "organization", "role"]
    extra = 0


class FundingInline(admin.TabularInline):
    model = Funding
    autocomplete_fields = ["funder", "programme"]
    fields = ["funder", "programme", "amount", "currency", "year_from", "year_to"]
    extra = 0


class DataIssueInline(admin.TabularInline):
    model = DataIssue
    fields = ["field", "message", "source_text", "resolved"]
    extra = 0


class FunderFilter(admin.SimpleListFilter):
    title = _("finansuotojas")
    parameter_name = "funder"

    def lookups(self, request, model_admin):
        return [(org.pk, str(org)) for org in Organization.objects.funders()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(fundings__funder_id=self.value()).distinct()
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = _("metai")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(year, str(year)) for year in reversed(project_years(Project.objects.all()))]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.active_in_year(int(self.value()))
        return queryset


class OpenDataIssuesFilter(admin.SimpleListFilter):
    title = _("duomenų kokybė")
    parameter_name = "data_issues"

    def lookups(self, request, model_admin):
        return [("open", _("yra neišspręstų pastabų"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(data_issues__resolved=False).distinct()
        return queryset


def set_status(queryset, status, **fields):
    """Saves each project, so that the edit history records who changed its status."""
    changed = 0
    for project in queryset:
        project.status = status
        for name, value in fields.items():
            setattr(project, name, value)
        project.save(update_fields=["status", *fields, "updated_at"])
        changed += 1
    return changed


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = [
        "title",
        "implementer",
        "status",
        "start_date",
        "end_date",
        "open_issue_count",
        "updated_at",
    ]
    list_select_related = ["implementer"]
    list_filter = [
        "status",
        FunderFilter,
        ("fundings__programme", admin.RelatedOnlyFieldListFilter),
        YearFilter,
        ("implementer", admin.RelatedOnlyFieldListFilter),
        OpenDataIssuesFilter,
    ]
    search_fields = ["title", "excerpt", "implementer__name", "implementer__short_name"]
    autocomplete_fields = ["implementer"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["published_at", "created_at", "updated_at"]
    actions = ["publish", "unpublish", "archive"]
    date_hierarchy = "start_date"
    inlines = [
        GoalInline,
        TaskInline,
        PartnerInline,
        FundingInline,
        ActivityInline,
        ResultInline,
        DataIssueInline,
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "implementer", "status"]}),
        (_("Aprašymas"), {"fields": ["excerpt", "content"]}),
        (
            _("Laikotarpis"),
            {
                "fields": [
                    ("start_date", "start_precision"),
                    ("end_date", "end_precision"),
                    "period_text",
                ]
            },
        ),
        (_("Šaltinis"), {"fields": ["source_url", "source_published_at"]}),
        (_("Įrašas"), {"fields": ["published_at", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                open_issues=Count("data_issues", filter=Q(data_issues__resolved=False)),
            )
        )

    @admin.display(description=_("pastabos"), ordering="open_issues")
    def open_issue_count(self, obj):
        return obj.open_issues or ""

    def has_delete_permission(self, request, obj=None):
        # Published projects are archived, never deleted: links to them and their history stay.
        if obj is not None and obj.status != ProjectStatus.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Bulk deletion would remove published projects too; drafts are deleted one by one.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Paskelbti pažymėtus projektus"), permissions=["change"])
    def publish(self, request, queryset):
        updated = set_status(
            queryset.exclude(status=ProjectStatus.PUBLISHED),
            ProjectStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        self.message_user(
            request,
            ngettext("Paskelbtas %d projektas.", "Paskelbta projektų: %d.", updated) % updated,
            messages.SUCCESS,
        )

    @admin.action(description=_("Atšaukti pažymėtų projektų paskelbimą"), permissions=["change"])
    def unpublish(self, request, queryset):
        updated = set_status(queryset.filter(status=ProjectStatus.PUBLISHED), ProjectStatus.DRAFT)
        self.message_user(
            request,
            ngettext(
                "Grąžintas į juodraščius %d projektas.",
                "Grąžinta į juodraščius projektų: %d.",
                updated,
            )
            % updated,
            messages.SUCCESS,
        )

    @admin.action(description=_("Archyvuoti pažymėtus projektus"), permissions=["change"])
    def archive(self, request, queryset):
        updated = set_status(
            queryset.filter(status=ProjectStatus.PUBLISHED), ProjectStatus.ARCHIVED
        )
        self.message_user(
            request,
            ngettext(
                "Archyvuotas %d projektas.",
                "Archyvuota projektų: %d.",
                updated,
            )
            % updated,
            messages.SUCCESS,
        )


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "funder", "administrator", "year_from", "year_to"]
    list_select_related = ["funder", "administrator"]
    list_filter = [("funder", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "funder__name", "funder__short_name"]
    autocomplete_fields = ["funder", "administrator"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(DataIssue)
class DataIssueAdmin(admin.ModelAdmin):
    list_display = ["message", "project", "field", "resolved", "created_at"]
    list_select_related = ["project"]
    list_filter = ["resolved", "field"]
    list_editable = ["resolved"]
    search_fields = ["message", "project__title"]
    autocomplete_fields = ["project"]
