"""Forms of invitations and of the account a partner representative creates by accepting one."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from samverka.access.models import Invitation
from samverka.core.forms import InstitutionModelForm


class InvitationForm(InstitutionModelForm):
    class Meta(InstitutionModelForm.Meta):
        model = Invitation
        fields = ["partnership", "organisation", "name", "email", "language", "access_until"]

    def clean(self):
        cleaned = super().clean()
        partnership, organisation = cleaned.get("partnership"), cleaned.get("organisation")
        if partnership and organisation and not partnership.organisations.filter(pk=organisation.pk).exists():
            self.add_error(
                "organisation",
                _(
                    "{organisation} is not a party to {partnership}: choose one of its partner organisations."
                ).format(organisation=organisation, partnership=partnership),
            )
        return cleaned


class AccountForm(forms.Form):
    """The account made by accepting an invitation; the e-mail address is the invitation's."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            user = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self):
        return get_user_model().objects.create_user(
            username=self.email,
            email=self.email,
            password=self.cleaned_data["password1"],
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
        )
