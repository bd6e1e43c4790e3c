from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project, ProjectStatus


class PageImport(models.Model):
    """The page a draft project was read from, and what was read from where in it."""

    project = models.OneToOneField(
        Project,
        on_delete=models.CASCADE,
        related_name="page_import",
        verbose_name=_("projektas"),
    )
    source_name = models.CharField(_("šaltinio pavadinimas"), max_length=255, blank=True)
    source_url = models.URLField(_("šaltinio nuoroda"), max_length=500, blank=True, db_index=True)
    content_hash = models.CharField(_("turinio maiša (SHA-256)"), max_length=64, db_index=True)
    text = models.TextField(_("puslapio tekstas"))
    # {field: the line or sentence the value was read from}
    provenance = models.JSONField(_("iš kur paimtos reikšmės"), default=dict, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importavo"),
    )
    times_imported = models.PositiveIntegerField(_("kartų importuota"), default=1)
    created_at = models.DateTimeField(_("sukurta"), auto_now_add=True)
    updated_at = models.DateTimeField(_("atnaujinta"), auto_now=True)

    class Meta:
        verbose_name = _("importuotas puslapis")
        verbose_name_plural = _("importuoti puslapiai")
        ordering = ["-updated_at", "id"]

    def __str__(self):
        return self.source_name or self.source_url or self.content_hash[:12]


class ImportedDraftQuerySet(models.QuerySet):
    def imported_drafts(self):
        return self.filter(status=ProjectStatus.DRAFT, page_import__isnull=False)


class ImportedDraft(Project):
    """A draft project made by the page importer, reviewed and published in the admin."""

    objects = ImportedDraftQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = _("importuotas juodraštis")
        verbose_name_plural = _("importuoti juodraščiai")
