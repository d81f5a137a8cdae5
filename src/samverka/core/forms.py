"""Base form of every institution record: tenant-safe choices and the optimistic lock."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def formfield_for(db_field, **kwargs):
    """Web addresses typed without a scheme are taken as https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class InstitutionModelForm(forms.ModelForm):
    """A model form bound to one institution.

    Every choice of a related record is limited to the same institution, so a
    hand-crafted POST cannot link records across tenants. Editing forms carry
    the version the editor loaded (``expected_version``).
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Translated fields whose Swedish value is required (English falls back to Swedish).
    required_translated: tuple[str, ...] = ()

    class Meta:
        formfield_callback = formfield_for

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.institution = institution
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model
                if hasattr(model.objects, "in_institution"):
                    field.queryset = model.objects.in_institution(institution)
            if isinstance(field.widget, forms.DateInput) and not isinstance(field.widget, DateInput):
                field.widget = DateInput(attrs=field.widget.attrs)
        languages = dict(settings.LANGUAGES)
        for name, field in self.fields.items():
            base, _sep, lang = name.rpartition("_")
            if lang in languages and base in self.translated_fields():
                model_field = self._meta.model._meta.get_field(base)
                field.label = f"{str(model_field.verbose_name).capitalize()} ({languages[lang]})"
                field.required = lang == settings.LANGUAGE_CODE and base in self.required_translated
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        else:
            del self.fields["expected_version"]

    @classmethod
    def translated_fields(cls) -> set[str]:
        try:
            return set(translator.get_options_for_model(cls._meta.model).all_fields)
        except NotRegistered:
            return set()

    def clean_expected_version(self):
        value = self.cleaned_data.get("expected_version")
        if value is None:
            raise forms.ValidationError(_("The form is missing its version; reload the page."))
        return value
