from django.urls import reverse
from django.utils.translation import gettext as _

from samverka.core.permissions import policy_for
from samverka.core.tenancy import current_membership


def _menu():
    """(address, label, model) of the workspace's main menu; a model the user may not view is left out."""
    from samverka.activities.models import Activity, ActivityType
    from samverka.directory.models import Organisation, Person, Unit
    from samverka.news.models import NewsItem
    from samverka.partnerships.models import Partnership

    return [
        (reverse("workspace:start"), _("Start"), None),
        (reverse("partnerships:partnership-list"), _("Partnerships"), Partnership),
        (reverse("directory:organisation-list"), _("Organisations"), Organisation),
        (reverse("directory:person-list"), _("People"), Person),
        (reverse("directory:unit-list"), _("Units"), Unit),
        (reverse("activities:activity-list"), _("Activities"), Activity),
        (reverse("news:newsitem-list"), _("News"), NewsItem),
        (reverse("activities:activitytype-list"), _("Collaboration forms"), ActivityType),
    ]


def workspace(request):
    """The signed-in member, their policy and the main menu of the workspace."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    membership = current_membership(request)
    if membership is None:
        return {"membership": None, "nav_items": []}
    policy = policy_for(request)
    items = [(url, label) for url, label, model in _menu() if policy.allows("view", model)]
    # The current section is the longest menu address the page's address starts with.
    matches = [url for url, _label in items if request.path.startswith(url)]
    current = max(matches, key=len, default=None)
    nav = [{"url": url, "label": label, "current": url == current} for url, label in items]
    return {"membership": membership, "policy": policy, "nav_items": nav}
