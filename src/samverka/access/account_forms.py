from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.access.twofactor import check_code
from samverka.core.forms import TextRulesMixin


class CodeForm(TextRulesMixin, forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("Six digits; a new code is shown every 30 seconds."),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not check_code(self.device, code):
            raise forms.ValidationError(
                _("The code is wrong or too old. Wait for the next code and try again."), code="invalid"
            )
        return code
