from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from organizations.models import Membership, Organization, SocialLink
from portal.admin_forms import URL_FIELD_OVERRIDES


class SocialLinkInline(admin.TabularInline):
    formfield_overrides = URL_FIELD_OVERRIDES
    model = SocialLink
    extra = 0


class MemberInline(admin.TabularInline):
    model = Membership
    fk_name = "coalition"
    autocomplete_fields = ["member"]
    extra = 0
    verbose_name = _("narė")
    verbose_name_plural = _("narės (jei tai koalicija ar forumas)")


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ["name", "short_name", "kind", "legal_form", "legal_code"]
    list_filter = ["kind", "legal_form"]
    search_fields = ["name", "short_name", "legal_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SocialLinkInline, MemberInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "legal_form", "legal_code"]}),
        (_("Kontaktai ir aprašymas"), {"fields": ["website", "description"]}),
    ]
