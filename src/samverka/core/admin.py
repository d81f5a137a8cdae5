from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from samverka.core.audit import action_name, record_event
from samverka.core.models import AuditEntry, Institution, Membership


@admin.register(Institution)
class InstitutionAdmin(TranslationAdmin):
    list_display = ("name", "slug", "agreement_warning_months", "idea_stuck_days")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Roles and their reach; what each role may do is in ``core.permissions`` and docs/access.md."""

    list_display = ("user", "institution", "role", "organisation", "valid_from", "valid_until")
    list_filter = ("institution", "role")
    search_fields = ("user__username", "user__email", "organisation__name")
    filter_horizontal = ("partnerships",)
    raw_id_fields = ("organisation",)

    # Every change of someone's access is in the audit trail.
    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        from samverka.access.domain import record_membership_change  # noqa: PLC0415 - reverse dependency: access's rule

        super().save_related(request, form, formsets, change)
        actor = request.user  # the admin is for staff who are signed in
        record_membership_change(form.instance, form, actor=actor, created=not change)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset:
            self.delete_model(request, membership)

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        record_event(
            institution=obj.institution,
            actor=request.user,
            action=action_name(obj, "deleted"),
            obj=obj,
            changes={"role": {"before": obj.get_role_display(), "after": None}},
        )
        super().delete_model(request, obj)


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
