from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from importer.forms import PageUploadForm
from importer.models import ImportedDraft, PageImport
from importer.services import PageImportError, import_page, publish_project
from projects.admin import ProjectAdmin

FIELD_LABELS = {
    "title": _("pavadinimas"),
    "implementer": _("vykdytojas"),
    "partners": _("partneriai"),
    "funder": _("finansuotojas"),
    "administrator": _("administruojanti institucija"),
    "programme": _("programa"),
    "amount": _("suma"),
    "period": _("laikotarpis"),
    "goals": _("tikslai"),
    "tasks": _("uždaviniai"),
    "activities": _("veiklos"),
    "excerpt": _("santrauka"),
    "source_published_at": _("šaltinio paskelbimo data"),
}


@admin.register(ImportedDraft)
class ImportedDraftAdmin(ProjectAdmin):
    """The review screen: imported drafts with their open warnings, published in one action."""

    change_list_template = "admin/importer/importeddraft/change_list.html"
    list_display = ["title", "implementer", "warnings", "source", "updated_at"]
    list_filter = ["page_import__created_at"]
    actions = ["publish_reviewed"]
    readonly_fields = [*ProjectAdmin.readonly_fields, "read_from"]

    def get_fieldsets(self, request, obj=None):
        provenance = (_("Iš kur paimta"), {"fields": ["read_from"]})
        return [*super().get_fieldsets(request, obj), provenance]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(status="draft", page_import__isnull=False)
            .select_related("page_import")
            .prefetch_related("data_issues")
        )

    def has_add_permission(self, request):
        return False  # drafts come from the upload form

    def get_urls(self):
        urls = [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="importer_importeddraft_upload",
            ),
        ]
        return urls + super().get_urls()

    def upload_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        form = PageUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = import_page(
                    text=form.cleaned_data["text"],
                    source_name=form.cleaned_data["page"].name,
                    source_url=form.cleaned_data["source_url"] or "",
                    user=request.user,
                )
            except PageImportError as error:
                form.add_error("page", str(error))
            else:
                if result.skipped:
                    self.message_user(request, result.message, messages.WARNING)
                    return redirect(
                        reverse("admin:projects_project_change", args=[result.project.pk])
                    )
                self.message_user(
                    request,
                    ngettext(
                        "Juodraštis „%(title)s“ paruoštas; %(count)d pastaba peržiūrai.",
                        "Juodraštis „%(title)s“ paruoštas; pastabų peržiūrai: %(count)d.",
                        len(result.warnings),
                    )
                    % {"title": result.project.title, "count": len(result.warnings)},
                    messages.SUCCESS,
                )
                return redirect(
                    reverse("admin:importer_importeddraft_change", args=[result.project.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Importuoti projekto puslapį"),
        }
        return TemplateResponse(request, "admin/importer/importeddraft/upload.html", context)

    @admin.display(description=_("pastabos"))
    def warnings(self, obj):
        issues = [issue for issue in obj.data_issues.all() if not issue.resolved]
        if not issues:
            return "—"
        rows = ((i.field, Truncator(i.message).chars(160)) for i in issues)
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", rows))

    @admin.display(description=_("šaltinis"))
    def source(self, obj):
        return obj.page_import.source_url or obj.page_import.source_name

    @admin.display(description=_("iš kur paimtos reikšmės"))
    def read_from(self, obj):
        record = getattr(obj, "page_import", None)
        if record is None or not record.provenance:
            return "—"
        rows = ((FIELD_LABELS.get(key, key), value) for key, value in record.provenance.items())
        return format_html(
            "<table>{}</table>",
            format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", rows),
        )

    @admin.action(description=_("Paskelbti peržiūrėtus juodraščius"), permissions=["change"])
    def publish_reviewed(self, request, queryset):
        published = 0
        for project in queryset:
            try:
                publish_project(project=project, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{project.title}: {'; '.join(error.messages)}", messages.ERROR
                )
            else:
                published += 1
        self.message_user(
            request,
            ngettext("Paskelbtas %d projektas.", "Paskelbta projektų: %d.", published) % published,
            messages.SUCCESS,
        )


@admin.register(PageImport)
class PageImportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "times_imported", "imported_by", "updated_at"]
    list_select_related = ["project", "imported_by"]
    search_fields = ["source_name", "source_url", "project__title"]
    readonly_fields = [
        "project",
        "source_name",
        "source_url",
        "content_hash",
        "text",
        "provenance",
        "imported_by",
        "times_imported",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False
