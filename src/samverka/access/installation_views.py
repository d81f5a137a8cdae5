"""The installation's own page, for its administrators (superusers): the institutions it hosts,
and a new one set up without the Django admin (as ``samverka create-institution``)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView

from samverka.access.institutions import create_institution
from samverka.core.forms import TextRulesMixin
from samverka.core.models import Institution, Role


class InstitutionSetupForm(TextRulesMixin, forms.Form):
    name_sv = forms.CharField(label=gettext_lazy("Name in Swedish"), max_length=200)
    name_en = forms.CharField(label=gettext_lazy("Name in English"), max_length=200, required=False)
    slug = forms.SlugField(
        label=gettext_lazy("Short name in web addresses"), max_length=60, help_text=gettext_lazy("e.g. umu")
    )
    scopes = forms.CharField(
        label=gettext_lazy("Scopes in single sign-on"),
        required=False,
        help_text=gettext_lazy("The institution's domains, separated by spaces, e.g. umu.se."),
    )
    website = forms.URLField(label=gettext_lazy("Website"), required=False, assume_scheme="https")
    public_host = forms.CharField(
        label=gettext_lazy("Own host name of the public pages"),
        required=False,
        help_text=gettext_lazy("e.g. samverka.umu.se; they are always at /<short name>/partnerskap/ too."),
    )
    admin_email = forms.EmailField(
        label=gettext_lazy("The first administrator's e-mail address"),
        help_text=gettext_lazy("They are e-mailed a link to set a password, and invite the others."),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of the e-mail"), choices=settings.LANGUAGES)


class InstitutionSetupView(LoginRequiredMixin, UserPassesTestMixin, FormView):
    form_class = InstitutionSetupForm
    template_name = "access/installation.html"
    raise_exception = False

    def test_func(self):
        return self.request.user.is_superuser

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            self.raise_exception = True  # signed in, but not an administrator of the installation
        return super().handle_no_permission()

    def get_initial(self):
        return {"language": self.request.LANGUAGE_CODE}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            institution, membership = create_institution(
                slug=data["slug"],
                name_sv=data["name_sv"],
                name_en=data["name_en"],
                scopes=data["scopes"],
                website=data["website"],
                public_host=data["public_host"],
                admin_email=data["admin_email"],
                language=data["language"],
                actor=self.request.user,
            )
        except ValidationError as refused:
            fields = {"sso_scopes": "scopes", "name_sv": "name_sv", "name": "name_sv"}
            for field, errors in refused.message_dict.items():
                name = fields.get(field, field)
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("{institution} was set up; {email} was e-mailed how to log in.").format(
                institution=institution, email=membership.user.email
            ),
        )
        return HttpResponseRedirect(reverse("installation:institutions"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["institutions"] = Institution.objects.annotate(
            members=Count("memberships", distinct=True),
            administrators=Count("memberships", filter=Q(memberships__role=Role.ADMIN), distinct=True),
        ).order_by("name")
        return context
