from samverka.activities.models import Activity, ActivityType
from samverka.core.forms import InstitutionModelForm, chosen_id, narrow
from samverka.core.language import joined
from samverka.directory.forms import refuse_foreign_units


class ActivityForm(InstitutionModelForm):
    required_translated = ("title",)

    class Meta(InstitutionModelForm.Meta):
        model = Activity
        fields = [
            "type",
            "title_sv",
            "title_en",
            "description_sv",
            "description_en",
            "partnership",
            "focus_area",
            "organisations",
            "status",
            "starts_on",
            "ends_on",
            "people",
            "units",
            "student_count",
            "funding_sek",
            "granted",
            "parent",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = self.fields["type"].queryset.filter(is_active=True)
        areas = self.fields["focus_area"]
        areas.queryset = areas.queryset.select_related("partnership")
        areas.label_from_instance = lambda area: joined(" – ", area.partnership, area.choice_label)
        if self.is_bound or chosen_id(self, "partnership") is not None:
            # only the chosen partnership's focus areas (an import reads the names of them all)
            narrow(self, "focus_area", "partnership", "partnership_id")
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        partnership = cleaned.get("partnership")
        partners = [org.pk for org in cleaned.get("organisations") or ()]
        if partnership is not None:
            partners += partnership.organisations.values_list("pk", flat=True)
        refuse_foreign_units(self, partners)
        return cleaned


class ActivityTypeForm(InstitutionModelForm):
    required_translated = ("name",)

    class Meta(InstitutionModelForm.Meta):
        model = ActivityType
        fields = ["name_sv", "name_en", "code", "counts_students", "order", "is_active"]
