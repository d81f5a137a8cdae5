"""The audit trail for administrators: every change, log-in and access change, filterable and exportable."""

import django_filters
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from samverka.core.audit import verbs
from samverka.core.display import Column
from samverka.core.filters import InstitutionFilterSet
from samverka.core.forms import DateInput
from samverka.core.models import AuditEntry
from samverka.core.views import RecordListView
from samverka.lib.textmatch import words_condition


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
            *sorted(verbs().items(), key=lambda i: str(i[1])),
        ]
        # The project's kinds of record and users (log-ins), from the models, not from the trail:
        # it holds every log-in and grows without end.
        ours = [m for m in apps.get_models() if m._meta.app_config.name.startswith("samverka.")]
        kinds = ContentType.objects.get_for_models(*ours, get_user_model()).values()
        self.form.fields["kind"].queryset = ContentType.objects.filter(
            pk__in=[ct.pk for ct in kinds]
        ).order_by("model")
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
    rows_kept = False  # entries are not an institution's records: they tell no cache
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

    export_fields = (
        *((c.attr, c.header) for c in columns),
        ("kind_label", _("Kind of record")),
        ("object_id", _("Record number")),
    )

    def base_queryset(self):
        return super().base_queryset().select_related("actor", "content_type").order_by("-created_at", "-id")
