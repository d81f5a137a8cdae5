"""The plain-page floor of ``samverka bench`` (served only with ``SAMVERKA_BENCH_FLOORS=1``).

``/bench/plain/<list>/`` reads the rows of a workspace list's first page as a minimal Django view
would: the list's model, within the signed-in member's reach, in its default order, with the
related rows its columns show, into a plain table of their values. No filter form, no menus, no
formatting, no links. On the same server, the same stack (middleware, session, log-in, policy):
what a list page costs beyond it is Samverka's own rendering (``docs/performance.md``).
"""

from django.conf import settings
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
        records = stable_order(self.scoped(self.model).select_related(*related))
        rows = [
            [getattr(obj, name, "") for name in columns] for obj in records[: settings.SAMVERKA_PAGE_SIZE]
        ]
        return HttpResponse(TABLE.render({"name": name, "rows": rows}))
