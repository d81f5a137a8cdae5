"""The import's forms: a file and its kind of record, then the field of each column."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import TextRulesMixin
from samverka.imports.targets import TARGETS


class UploadForm(TextRulesMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "An Excel workbook (.xlsx; the first sheet is read) or a CSV file, with the column names in "
            "the first row. Separated by semicolons, commas or tabs, in any encoding Excel saves CSV in "
            "(CSV UTF-8 is the surest)."
        ),
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["kind"])
        field.choices = [(kind, str(TARGETS[kind].label).capitalize()) for kind in kinds]


class MappingForm(TextRulesMixin, forms.Form):
    """A choice of field for each column of the file, pre-filled from the column names."""

    def __init__(self, *args, job, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("– do not import –")), *job.target.field_choices()]
        self.columns = []
        for index, header in enumerate(job.headers):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header or _("Column {number}").format(number=index + 1),
                choices=choices,
                required=False,
                initial=job.mapping[index] if index < len(job.mapping) else "",
            )
            samples = [row[index] for row in job.sample if index < len(row) and row[index]]
            self.columns.append((self[name], samples[:3]))

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(f"column_{index}", "") for index in range(len(self.columns))]
