"""The audit trail for administrators: every change, log-in and access change, filterable and exportable."""

import csv

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.access.events import client_address
from samverka.core.audit import VERBS, record_event
from samverka.core.display import Column
from samverka.core.filters import InstitutionFilterSet
from samverka.core.forms import DateInput
from samverka.core.models import AuditEntry
from samverka.core.views import RecordListView
from samverka.lib.textmatch import words_condition

EXPORT_LIMIT = 100_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A spreadsheet cell that can never run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


class AuditFilter(InstitutionFilterSet):
    search_fields = ("object_repr", "action")

    actor = django_filters.CharFilter(label=_("By"), method="filter_actor")
    verb = django_filters.ChoiceFilter(label=_("Event"), method="filter_verb", choices=())
    kind = django_filters.ModelChoiceFilter(
        label=_("Kind of record"), field_name="content_type", queryset=ContentType.objects.none()
    )
    object_id = django_filters.NumberFilter(label=_("Record number"))
    since = django_filters.DateFilter(
        label=_("From"), field_name="created_at", lookup_expr="date__gte", widget=DateInput
    )
    until = django_filters.DateFilter(
        label=_("To"), field_name="created_at", lookup_expr="date__lte", widget=DateInput
    )

    class Meta:
        model = AuditEntry
        fields = ["q", "actor", "verb", "kind", "object_id", "since", "until"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["verb"].choices = [
            ("", "---------"),
            *sorted(VERBS.items(), key=lambda i: str(i[1])),
        ]
        kinds = AuditEntry.objects.filter(institution=self.institution).values("content_type").distinct()
        self.form.fields["kind"].queryset = ContentType.objects.filter(pk__in=kinds).order_by("model")
        self.form.fields["kind"].label_from_instance = lambda ct: str(
            ct.model_class()._meta.verbose_name
        ).capitalize()

    def filter_actor(self, queryset, name, value):
        return queryset.filter(
            words_condition(
                value, ("actor__username", "actor__first_name", "actor__last_name", "actor__email")
            )
        )

    def filter_verb(self, queryset, name, value):
        return queryset.filter(action__endswith=f".{value}")


class AuditListView(RecordListView):
    model = AuditEntry
    required_action = "administer"
    filterset_class = AuditFilter
    title = _("Audit trail")
    columns = (
        Column("created_at", _("Time")),
        Column("actor", _("By")),
        Column("verb_label", _("Event")),
        Column("object_repr", _("Record")),
        Column("changes_summary", _("Changes")),
        Column("ip_address", _("Address")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("actor", "content_type").order_by("-created_at", "-id")

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.export()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query["format"] = "csv"
        context["export_url"] = f"?{query.urlencode()}"
        return context

    def export(self):
        """The filtered trail as CSV (UTF-8 with BOM, so Excel reads å, ä, ö); the export itself is logged."""
        rows = self.get_queryset()[:EXPORT_LIMIT]
        record_event(
            institution=self.institution,
            actor=self.request.user,
            action="core.auditentry.exported",
            obj=None,
            object_repr=str(_("Audit trail")),
            changes={"filters": {"after": self.request.GET.urlencode()}},
            ip_address=client_address(self.request),
        )

        class Echo:
            def write(self, value):
                return value

        writer = csv.writer(Echo())
        header = [str(c.header) for c in self.columns] + [str(_("Kind of record")), str(_("Record number"))]

        def lines():
            yield "\ufeff" + writer.writerow(header)
            for entry in rows.iterator(chunk_size=2000):
                yield writer.writerow(
                    safe_cell(value)
                    for value in (
                        timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                        entry.actor.get_username() if entry.actor else "",
                        entry.verb_label,
                        entry.object_repr,
                        entry.changes_summary,
                        entry.ip_address or "",
                        entry.content_type.model if entry.content_type else "",
                        entry.object_id or "",
                    )
                )

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="samverka-audit-{stamp}.csv"'
        return response
