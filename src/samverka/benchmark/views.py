"""The plain-page floor of ``samverka bench`` (served only with ``SAMVERKA_BENCH_FLOORS=1``).

``/bench/plain/<list>/`` reads the rows of a workspace list's first page as a minimal Django view
would: the list's own queryset (its counts and related records), within the signed-in member's
reach, in its default order, into a plain table of its columns' values. No filter form, no menus, no
formatting, no links. On the same server, the same stack (middleware, session, log-in, policy):
what a list page costs beyond it is Samverka's own rendering (``docs/performance.md``).
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.template import engines
from django.urls import resolve, reverse
from django.views import View

from samverka.core.pagination import stable_order
from samverka.core.views import WorkspaceMixin

LISTS = {
    "activities": "activities:activity-list",
    "organisations": "directory:organisation-list",
    "people": "directory:person-list",
    "partnerships": "partnerships:partnership-list",
}
TABLE = engines["django"].from_string(
    "<!doctype html><html lang=sv><title>{{ name }}</title><table>"
    "{% for row in rows %}<tr>{% for value in row %}<td>{{ value }}</td>{% endfor %}</tr>{% endfor %}"
    "</table></html>"
)


class PlainListView(WorkspaceMixin, View):
    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if kwargs["name"] not in LISTS:
            raise Http404
        self.list_view = resolve(reverse(LISTS[kwargs["name"]])).func.view_class  # type: ignore[attr-defined]
        self.model = self.list_view.model
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, name: str) -> HttpResponse:
        fields = {field.name: field for field in self.model._meta.get_fields()}
        columns = [column.attr for column in self.list_view.columns]
        related = [name for name in columns if name in fields and fields[name].many_to_one]
        # What the list reads: its own queryset (the counts it annotates, the related records it
        # prefetches), within the member's reach, in its default order.
        view = self.list_view()
        view.setup(request)
        view.membership, view.policy, view.institution = self.membership, self.policy, self.institution
        records = stable_order(view.base_queryset().select_related(*related))
        rows = [[_plain(obj, name) for name in columns] for obj in records[: settings.SAMVERKA_PAGE_SIZE]]
        return HttpResponse(TABLE.render({"name": name, "rows": rows}))


def _plain(obj: Any, name: str) -> Any:
    """A column's value as is; the records of a many-to-many column, by name."""
    value = getattr(obj, name, "")
    return ", ".join(str(item) for item in value.all()) if isinstance(value, models.Manager) else value
