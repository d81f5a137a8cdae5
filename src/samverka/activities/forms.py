from samverka.activities.models import Activity, ActivityType
from samverka.core.forms import InstitutionModelForm


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
        self.fields["focus_area"].queryset = self.fields["focus_area"].queryset.select_related("partnership")
        self.fields["focus_area"].label_from_instance = lambda fa: f"{fa.partnership} – {fa}"
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)


class ActivityTypeForm(InstitutionModelForm):
    required_translated = ("name",)

    class Meta(InstitutionModelForm.Meta):
        model = ActivityType
        fields = ["name_sv", "name_en", "code", "counts_students", "order", "is_active"]
