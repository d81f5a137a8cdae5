"""The processing of personal data in Samverka, described once (GDPR art. 30 and art. 13).

The record of processing (for the institution) and the privacy notice (for
the public) are both rendered from ``activities()``: the kinds of data come
from the models' own fields, the retention from the settings, so the pages
follow the system when it changes.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from samverka.access.models import Invitation
from samverka.core.display import StrOrPromise
from samverka.core.models import AuditEntry
from samverka.directory.models import LegalBasis, Person
from samverka.ideas.models import ExpertProfile, Idea

PERSONAL_FIELDS = {
    Person: (
        "first_name",
        "last_name",
        "title",
        "organisation",
        "organisation_unit",
        "unit",
        "email",
        "phone",
        "notes",
    ),
    get_user_model(): ("username", "first_name", "last_name", "email", "last_login"),
    Invitation: ("name", "email"),
    AuditEntry: ("actor", "ip_address", "created_at"),
    Idea: (*Idea.submitter_fields, "consent"),
    ExpertProfile: ("name", "title", "unit", "email", "keywords", "description", "languages", "external_id"),
}


@dataclass(frozen=True)
class Processing:
    name: StrOrPromise
    purpose: StrOrPromise
    subjects: StrOrPromise
    data: list[str]
    legal_basis: StrOrPromise
    recipients: StrOrPromise
    retention: StrOrPromise


def field_names(model) -> list[str]:
    return [str(model._meta.get_field(name).verbose_name) for name in PERSONAL_FIELDS[model]]


def activities() -> list[Processing]:
    years = settings.SAMVERKA_RETENTION_YEARS
    return [
        Processing(
            name=_("Contacts of strategic partnerships"),
            purpose=_(
                "To run the university's strategic partnerships: know who takes part on both sides, "
                "coordinate activities and meetings, and follow up the collaboration."
            ),
            subjects=_(
                "People at partner organisations and at the university who take part in a partnership."
            ),
            data=field_names(Person),
            legal_basis=_(
                "Task in the public interest (art. 6.1 e GDPR): collaboration with society is one of a "
                "Swedish university's tasks under the Higher Education Act (högskolelagen 1 kap. 2 §). "
                "Each person record states its own basis."
            ),
            recipients=_(
                "Staff of the university with access to Samverka; partner representatives see the "
                "coordinators and people shown in their own partnerships; the public pages show only "
                "people marked public."
            ),
            retention=_(
                "While the person takes part, then {years} years after their last activity or assignment, "
                "unless the record says otherwise; signatories of agreements are kept with the agreement "
                "(public records). Then the data is anonymised, keeping the statistics."
            ).format(years=years),
        ),
        Processing(
            name=_("User accounts and security"),
            purpose=_(
                "To let people log in, decide what each may see, and keep a trail of changes and log-ins."
            ),
            subjects=_("Users of Samverka: university staff and partner representatives."),
            data=[*field_names(get_user_model()), *field_names(AuditEntry)],
            legal_basis=_(
                "Task in the public interest (art. 6.1 e) and the duty to keep data secure (art. 32)."
            ),
            recipients=_("The institution's administrators (the audit trail); system administrators."),
            retention=_(
                "Accounts while the user has access; log-ins end after {hours} hours; the audit trail "
                "is kept as a record of the authority's handling."
            ).format(hours=settings.SESSION_COOKIE_AGE // 3600),
        ),
        Processing(
            name=_("Invitations"),
            purpose=_("To give a partner representative an account in Samverka."),
            subjects=_("People invited by a coordinator."),
            data=field_names(Invitation),
            legal_basis=_("Task in the public interest (art. 6.1 e)."),
            recipients=_("The coordinators of the partnership."),
            retention=_("Kept with the partnership's records; anonymised with the person."),
        ),
        Processing(
            name=_("Ideas and contact requests"),
            purpose=_(
                "To take in ideas, needs, challenges and requests for contacts, tell the submitter how "
                "they go, and broker contacts."
            ),
            subjects=_("Anyone who sends an idea: the public, partner representatives, university staff."),
            data=field_names(Idea),
            legal_basis=_(
                "Consent (art. 6.1 a) for the contact details of someone outside the university, given "
                "in the form; task in the public interest (art. 6.1 e) for the university's own staff."
            ),
            recipients=_(
                "The coordinators who handle the idea and the university's staff; partner "
                "representatives see the idea, never who sent it."
            ),
            retention=_(
                "Who sent the idea: while it is open, then {years} years after it was realised or declined "
                "(then erased, the idea kept). The submitter may withdraw their consent at any time; an "
                "administrator then erases who sent it. The receipt's link is stored only as a fingerprint."
            ).format(years=years),
        ),
        Processing(
            name=_("Expertise profiles"),
            purpose=_("To find the researchers, teachers and units who know what a partner asks about."),
            subjects=_("Researchers and teachers of the university."),
            data=field_names(ExpertProfile),
            legal_basis=_("Task in the public interest (art. 6.1 e), as the research information system."),
            recipients=_("The university's staff in Samverka; never partner representatives or the public."),
            retention=_("As in the research information system: a new export updates the profiles."),
        ),
    ]


def legal_basis_counts(institution) -> list[tuple[StrOrPromise, int]]:
    counts = dict(
        Person.objects.in_institution(institution)
        .filter(anonymised_at__isnull=True)
        .values_list("legal_basis")
        .annotate(n=Count("pk"))
        .values_list("legal_basis", "n")
    )
    return [(label, counts.get(value, 0)) for value, label in LegalBasis.choices]
