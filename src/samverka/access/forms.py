"""Forms of invitations and of the account a partner representative creates by accepting one."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.access.models import Invitation
from samverka.core.forms import InstitutionModelForm, TextRulesMixin, limit_choices
from samverka.core.models import Membership, Role


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


class AccountForm(TextRulesMixin, forms.Form):
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


class MembershipForm(TextRulesMixin, forms.ModelForm):
    """A member's role and its reach, as an institution's administrator sets them."""

    class Meta:
        model = Membership
        fields = ["role", "partnerships", "organisation", "valid_from", "valid_until"]
        widgets = {"partnerships": forms.CheckboxSelectMultiple}

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.institution = institution
        limit_choices(self.fields, institution)

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role == Role.PARTNER and not cleaned.get("organisation"):
            self.add_error("organisation", _("A partner representative needs their organisation."))
        if role == Role.PARTNERSHIP_COORDINATOR and not cleaned.get("partnerships"):
            self.add_error("partnerships", _("Choose the partnerships they coordinate."))
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("Access cannot end before it starts."))
        if self.instance.role == Role.ADMIN and role != Role.ADMIN and not self._other_admins().exists():
            self.add_error(
                "role", _("This is the institution's only administrator: make someone else one first.")
            )
        return cleaned

    def _other_admins(self):
        return (
            Membership.objects.filter(institution=self.institution, role=Role.ADMIN)
            .exclude(pk=self.instance.pk)
            .in_force(timezone.localdate())
        )
