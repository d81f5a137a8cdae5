from django.urls import reverse
from django.utils.translation import gettext as _

from samverka.core.permissions import policy_for
from samverka.core.tenancy import current_membership


def _menu():
    """(address, label, action, model) of the workspace's main menu: only what the user may do is shown."""
    from samverka.access.models import Invitation
    from samverka.activities.models import Activity, ActivityType
    from samverka.core.models import AuditEntry, Membership
    from samverka.directory.models import Organisation, Person, Unit
    from samverka.followup.models import AnnualReport, Goal, ResourceCommitment
    from samverka.governance.models import ActionItem, Body, Meeting
    from samverka.ideas.models import ExpertProfile, Idea
    from samverka.imports.models import ImportJob
    from samverka.news.models import NewsItem
    from samverka.partnerships.models import Partnership

    return [
        (reverse("workspace:start"), _("Start"), "view", None),
        (reverse("partnerships:partnership-list"), _("Partnerships"), "view", Partnership),
        (reverse("directory:organisation-list"), _("Organisations"), "view", Organisation),
        (reverse("directory:person-list"), _("People"), "view", Person),
        (reverse("directory:unit-list"), _("Units"), "view", Unit),
        (reverse("activities:activity-list"), _("Activities"), "view", Activity),
        (reverse("governance:body-list"), _("Governance bodies"), "view", Body),
        (reverse("governance:meeting-list"), _("Meetings"), "view", Meeting),
        (reverse("governance:actionitem-list"), _("Actions"), "view", ActionItem),
        (reverse("followup:portfolio"), _("Portfolio"), "view_internal", Partnership),
        (reverse("followup:goal-list"), _("Goals"), "view", Goal),
        (reverse("followup:resourcecommitment-list"), _("Resources"), "view", ResourceCommitment),
        (reverse("followup:annualreport-list"), _("Annual reports"), "view", AnnualReport),
        (reverse("ideas:idea-list"), _("Ideas"), "view", Idea),
        (reverse("ideas:expertprofile-list"), _("Expertise"), "view", ExpertProfile),
        (reverse("news:newsitem-list"), _("News"), "view", NewsItem),
        (reverse("activities:activitytype-list"), _("Collaboration forms"), "view", ActivityType),
        (reverse("imports:importjob-list"), _("Imports"), "add", ImportJob),
        (reverse("access:invitation-list"), _("Partner representatives"), "invite", Invitation),
        (reverse("access:membership-list"), _("Users and roles"), "administer", Membership),
        (reverse("access:audit-list"), _("Audit trail"), "administer", AuditEntry),
        (reverse("privacy:retention"), _("Personal data"), "administer", Person),
    ]


def workspace(request):
    """The signed-in member, their policy and the main menu of the workspace."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    membership = current_membership(request)
    if membership is None:
        return {"membership": None, "nav_items": []}
    policy = policy_for(request)
    items = [(url, label) for url, label, action, model in _menu() if policy.allows(action, model)]
    # The page itself is "page"; a page within a section (a record of the list) marks its section
    # "true": the longest menu address the page's address starts with. The start page's address
    # begins every workspace address, so it is current only on itself.
    start = reverse("workspace:start")
    matches = [url for url, _label in items if request.path.startswith(url) and url != start]
    section = max(matches, key=len, default=None)
    nav = [
        {
            "url": url,
            "label": label,
            "current": "page" if url == request.path else ("true" if url == section else ""),
        }
        for url, label in items
    ]
    return {"membership": membership, "policy": policy, "nav_items": nav}
