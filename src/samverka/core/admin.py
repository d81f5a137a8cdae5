from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from samverka.core.models import AuditEntry, Institution


@admin.register(Institution)
class InstitutionAdmin(TranslationAdmin):
    list_display = ("name", "slug", "sso_scopes", "agreement_warning_months", "idea_stuck_days")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the trail is never edited by hand."""

    list_display = ("created_at", "institution", "actor", "action", "object_repr")
    list_filter = ("institution", "action")
    search_fields = ("object_repr", "action")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
