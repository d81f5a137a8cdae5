"""Invitations of partner representatives, and the pages of memberships and of the audit trail
that access keeps for core's models (``core.registry``; docs/adding-a-record-kind.md)."""

from django.utils.translation import gettext_lazy as _

from samverka.core.models import Role
from samverka.core.registry import MenuEntry, Reach, RecordKind, allow, register

register(
    RecordKind(
        "access.invitation",
        verbs={"sent": _("invitation sent"), "withdrawn": _("invitation withdrawn")},
        change_labels={"email": _("e-mail")},
        form="samverka.access.forms.InvitationForm",
        list_view="samverka.access.views.InvitationListView",
        menu=(MenuEntry(180, "access:invitation-list", _("Partner representatives"), "invite"),),
        # a partnership coordinator invites the partner's representatives of their partnerships
        grants={Role.PARTNERSHIP_COORDINATOR: (allow("invite", Reach.PARTNERSHIPS),)},
    ),
    RecordKind(
        "core.membership",
        verbs={"ended": _("access ended"), "changed": _("access changed")},
        change_labels={"valid_until": _("access until"), "role": _("role")},
        form="samverka.access.forms.MembershipForm",
        filterset="samverka.access.member_views.MembershipFilter",
        list_view="samverka.access.member_views.MembershipListView",
        menu=(
            MenuEntry(5, "access:getting-started", _("Getting started"), "administer"),
            MenuEntry(190, "access:membership-list", _("Users and roles"), "administer"),
            MenuEntry(195, "access:institution-settings", _("Institution settings"), "administer"),
        ),
    ),
    RecordKind(
        "core.auditentry",
        filterset="samverka.access.audit_views.AuditFilter",
        list_view="samverka.access.audit_views.AuditListView",
        menu=(MenuEntry(200, "access:audit-list", _("Audit trail"), "administer"),),
    ),
)
