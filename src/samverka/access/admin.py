"""Memberships in Django's admin: access keeps the rule that every change of someone's access is
in the audit trail (``domain.record_membership_change``), so their admin is here, not in core."""

from django.contrib import admin

from samverka.access.domain import record_membership_change
from samverka.core.audit import action_name, record_event
from samverka.core.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Roles and their reach; what each role may do is in ``core.permissions`` and docs/access.md."""

    list_display = ("user", "institution", "role", "organisation", "valid_from", "valid_until")
    list_filter = ("institution", "role")
    search_fields = ("user__username", "user__email", "organisation__name")
    filter_horizontal = ("partnerships",)
    raw_id_fields = ("organisation",)

    # Every change of someone's access is in the audit trail.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_membership_change(form.instance, form, actor=request.user, created=not change)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            self.delete_model(request, membership)

    def delete_model(self, request, obj):
        record_event(
            institution=obj.institution,
            actor=request.user,
            action=action_name(obj, "deleted"),
            obj=obj,
            changes={"role": {"before": obj.get_role_display(), "after": None}},
        )
        super().delete_model(request, obj)
