"""The API's one permission: the policy layer of the workspace (``core.permissions``).

Kept apart from the views so that REST framework's settings can import it early.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from samverka.core.permissions import policy_for

# What each REST action is, in the policy's words.
ACTIONS = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
    "merge": "change",  # of the record kept; and "delete" of the duplicate (``Policy.permits_merging``)
    # the steps of a meeting and of an action item (``api.governance``)
    "release": "change",
    "approve": "change",
    "correct": "change",
    "change_status": "change",
    # the steps of an assessment and an annual report (``api.followup``)
    "submit": "change",
    "approve_report": "approve",
    "new_version": "change",
    # the steps of an idea (``api.ideas``)
    "move": "handle",
    "judge": "handle",
    "suggestions": "view",
    "statistics": "view",
}


class MemberPermission(permissions.BasePermission):
    """Signed in (401 otherwise) as a member of an institution (403 otherwise): the API's root."""

    message = _("You do not have access to this.")

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        return policy_for(request).membership is not None


class PolicyPermission(MemberPermission):
    """A member of an institution, whose policy allows the action on this kind of record."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        policy = policy_for(request)
        if view.action == "merge":
            return policy.allows_merging(view.queryset.model)
        return policy.allows(ACTIONS.get(view.action, "view"), view.queryset.model)

    def has_object_permission(self, request, view, obj):
        return policy_for(request).permits(ACTIONS.get(view.action, "view"), obj)
