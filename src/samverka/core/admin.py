from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from samverka.core.models import AuditEntry, Institution, Membership


@admin.register(Institution)
class InstitutionAdmin(TranslationAdmin):
    list_display = ("name", "slug", "agreement_warning_months")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Roles and their reach; what each role may do is in ``core.permissions`` and docs/access.md."""

    list_display = ("user", "institution", "role", "organisation", "valid_from", "valid_until")
    list_filter = ("institution", "role")
    search_fields = ("user__username", "user__email", "organisation__name")
    filter_horizontal = ("partnerships",)
    raw_id_fields = ("organisation",)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the trail is never edited by hand."""

    list_display = ("created_at", "institution", "actor", "action", "object_repr")
    list_filter = ("institution", "action")
    search_fields = ("object_repr", "action")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
