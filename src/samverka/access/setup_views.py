"""A new institution's first half hour: its own settings, and the guided start (docs/onboarding.md).

The guided start is one page for the institution's administrators with the
steps from an empty institution to published partnership pages, each with
whether it is done (read from the records, never ticked by hand) and where
to do it: the name and introduction, units, the partnership list, other
organisations and people, colleagues, and publishing.
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView
from django.views.generic.edit import FormView

from samverka.core.audit import action_name, record_event
from samverka.core.domain.records import changes_of, update_record
from samverka.core.forms import TextRulesMixin, changed_form, formfield_for
from samverka.core.models import Institution, Membership
from samverka.core.views import WorkspaceMixin
from samverka.directory.models import Person, Unit
from samverka.imports.models import ImportJob
from samverka.partnerships.forms import PartnershipForm
from samverka.partnerships.models import Partnership, PartnershipStatus

SETTINGS_FIELDS = [
    "name_sv",
    "name_en",
    "website",
    "public_introduction_sv",
    "public_introduction_en",
    "agreement_warning_months",
    "idea_stuck_days",
]


class InstitutionSettingsForm(TextRulesMixin, forms.ModelForm):
    class Meta:
        model = Institution
        fields = SETTINGS_FIELDS
        formfield_callback = formfield_for  # web addresses without a scheme are https
        widgets = {
            "public_introduction_sv": forms.Textarea(attrs={"rows": 4}),
            "public_introduction_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_sv"].required = True
        self.fields["name_sv"].label = _("Name in Swedish")
        self.fields["name_en"].label = _("Name in English")
        self.fields["public_introduction_sv"].label = _("Introduction on the public page, in Swedish")
        self.fields["public_introduction_en"].label = _("Introduction on the public page, in English")


class InstitutionSettingsView(WorkspaceMixin, FormView):
    """The institution's name (shown at the top of every page, also the public ones), website,
    public introduction and when it warns; its administrators change them, with an audit entry."""

    model = Membership
    required_action = "administer"
    form_class = InstitutionSettingsForm
    template_name = "core/record_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.institution}

    def form_valid(self, form):
        with transaction.atomic():
            changes = changes_of(form, form.changed_data)
            form.save()
            if changes:
                record_event(
                    institution=self.institution,
                    actor=self.request.user,
                    action=action_name(self.institution, "updated"),
                    obj=self.institution,
                    changes=changes,
                )
        messages.success(self.request, _("The institution's settings were saved."))
        return HttpResponseRedirect(reverse("access:getting-started"))

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Settings of {institution}").format(institution=self.institution),
            "cancel_url": reverse("access:getting-started"),
        }


def steps_of(institution: Institution) -> list[dict]:
    """The guided start's steps, each with whether the institution's records show it done."""
    partnerships = Partnership.objects.in_institution(institution)
    imports = ImportJob.objects.in_institution(institution)

    def imported(kind: str) -> str:
        return f"{reverse('imports:importjob-create')}?kind={kind}"

    return [
        {
            "title": gettext_lazy("Name, website and introduction"),
            "text": gettext_lazy(
                "The name at the top of every page, and the introduction on the public partnership page."
            ),
            "done": bool(institution.public_introduction),
            "links": [(gettext_lazy("Settings"), reverse("access:institution-settings"))],
        },
        {
            "title": gettext_lazy("Faculties and departments"),
            "text": gettext_lazy("Import them from a list (a column saying which faculty each belongs to)."),
            "done": Unit.objects.in_institution(institution).own().exists(),
            "links": [
                (gettext_lazy("Import units"), imported("units")),
                (gettext_lazy("Units"), reverse("directory:unit-list")),
            ],
        },
        {
            "title": gettext_lazy("The partnership list"),
            "text": gettext_lazy(
                "Upload the list as it is (Excel or CSV): partners, since, focus areas, purpose, contact "
                "person, web pages. Read the check's report, then import."
            ),
            "done": partnerships.exists(),
            "links": [
                (gettext_lazy("Import partnerships"), imported("partnerships")),
                (gettext_lazy("Imports"), reverse("imports:importjob-list")),
            ],
        },
        {
            "title": gettext_lazy("Other organisations and people"),
            "text": gettext_lazy("Contact lists and organisation registers, if you have them."),
            "done": imports.filter(kind__in=["organisations", "people"], state="done").exists()
            or Person.objects.in_institution(institution).count() > partnerships.count(),
            "links": [
                (gettext_lazy("Import organisations"), imported("organisations")),
                (gettext_lazy("Import people"), imported("people")),
                (gettext_lazy("Organisations"), reverse("directory:organisation-list")),
            ],
        },
        {
            "title": gettext_lazy("Colleagues"),
            "text": gettext_lazy(
                "Colleagues who log in with the university's account become members by themselves; give "
                "them their roles here. Invite the partners' representatives from each partnership."
            ),
            "done": Membership.objects.filter(institution=institution).count() > 1,
            "links": [
                (gettext_lazy("Users and roles"), reverse("access:membership-list")),
                (gettext_lazy("Partner representatives"), reverse("access:invitation-list")),
            ],
        },
        {
            "title": gettext_lazy("Publish"),
            "text": gettext_lazy(
                "Published partnerships are on the public pages at once, and in the national overview."
            ),
            "done": partnerships.filter(published=True).exists(),
            "links": [
                (gettext_lazy("Public pages"), f"/{institution.slug}{reverse('public:partnership-list')}")
            ],
        },
    ]


class GettingStartedView(WorkspaceMixin, TemplateView):
    model = Membership
    required_action = "administer"
    template_name = "access/getting_started.html"

    def get_context_data(self, **kwargs):
        steps = steps_of(self.institution)
        unpublished = unpublished_active(self.institution)
        return {
            **super().get_context_data(**kwargs),
            "steps": steps,
            "done": sum(1 for step in steps if step["done"]),
            "unpublished": unpublished.count(),
        }


def unpublished_active(institution: Institution):
    """The active partnerships not yet published: those "publish all" publishes."""
    return Partnership.objects.in_institution(institution).filter(
        status=PartnershipStatus.ACTIVE, published=False
    )


class PublishActiveView(WorkspaceMixin, View):
    """Publish every active partnership at once (after an import), each saved through its form
    with its audit entry; all or none."""

    model = Membership
    required_action = "administer"

    def post(self, request):
        count = 0
        with transaction.atomic():
            for partnership in unpublished_active(self.institution).select_for_update():
                form = changed_form(
                    PartnershipForm, partnership, {"published": True}, institution=self.institution
                )
                if not form.is_valid():
                    transaction.set_rollback(True)
                    errors = " ".join(str(error) for errors in form.errors.values() for error in errors)
                    message = _("Nothing was published: {partnership} cannot be as it stands. {errors}")
                    messages.error(request, message.format(partnership=partnership, errors=errors))
                    return HttpResponseRedirect(reverse("access:getting-started"))
                update_record(form, actor=request.user, expected_version=partnership.version)
                count += 1
        message = ngettext(
            "{count} partnership was published.", "{count} partnerships were published.", count
        )
        messages.success(request, message.format(count=count))
        return HttpResponseRedirect(reverse("access:getting-started"))
