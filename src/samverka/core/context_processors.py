from django.urls import reverse
from django.utils.translation import gettext as _

from samverka.core.tenancy import current_membership


def workspace(request):
    """The signed-in member and the main menu of the workspace."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    membership = current_membership(request)
    if membership is None:
        return {"membership": None, "nav_items": []}
    items = [
        (reverse("workspace:start"), _("Start")),
        (reverse("partnerships:partnership-list"), _("Partnerships")),
        (reverse("directory:organisation-list"), _("Organisations")),
        (reverse("directory:person-list"), _("People")),
        (reverse("directory:unit-list"), _("Units")),
        (reverse("activities:activity-list"), _("Activities")),
        (reverse("news:newsitem-list"), _("News")),
        (reverse("activities:activitytype-list"), _("Collaboration forms")),
    ]
    # The current section is the longest menu address the page's address starts with.
    matches = [url for url, _label in items if request.path.startswith(url)]
    current = max(matches, key=len, default=None)
    nav = [{"url": url, "label": label, "current": url == current} for url, label in items]
    return {"membership": membership, "nav_items": nav}
