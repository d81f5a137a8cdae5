"""Factories for the project's records, each bound to an institution."""

import datetime
import functools
import zoneinfo

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from samverka.access.models import Invitation
from samverka.activities.models import Activity, ActivityType
from samverka.core.models import Institution, Membership
from samverka.core.registry import kind_of
from samverka.directory.models import Organisation, Person, Unit
from samverka.interactions.models import Interaction
from samverka.news.models import NewsItem
from samverka.partnerships.models import Agreement, CoordinatorAssignment, FocusArea, Partnership


class DomainFactory(factory.django.DjangoModelFactory):
    """A record saved as ``core.domain.records`` saves it: its kind's ``before_save`` and
    ``after_save`` hooks (``core.registry``) around the save, in one transaction."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        record = model_class(*args, **kwargs)
        hooks = kind_of(record).hooks
        with transaction.atomic():
            if hooks.before_save:
                hooks.before_save(record, creating=True, actor=None)
            record.save()
            if hooks.after_save:
                hooks.after_save(record, creating=True, actor=None)
        return record


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name_sv = factory.Sequence(lambda n: f"Lärosäte {n}")
    name_en = factory.Sequence(lambda n: f"University {n}")
    slug = factory.Sequence(lambda n: f"inst-{n}")


@functools.cache
def hashed_password() -> str:
    """The personas' password, hashed once with the project's hasher (Argon2 is slow on purpose)."""
    return make_password("correct horse battery")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.LazyFunction(hashed_password)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
    role = "coordinator"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = "company"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    institution = factory.SubFactory(InstitutionFactory)
    name_sv = factory.Sequence(lambda n: f"Institutionen {n}")
    kind = "department"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    institution = factory.SubFactory(InstitutionFactory)
    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = factory.Sequence(lambda n: f"Efternamn{n}")
    side = "university"


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "directory.Affiliation"

    person = factory.SubFactory(PersonFactory, side="partner")
    institution = factory.SelfAttribute("person.institution")
    organisation = factory.SubFactory(OrganisationFactory, institution=factory.SelfAttribute("..institution"))
    role = "Styrelseledamot"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    institution = factory.SubFactory(InstitutionFactory)
    title_sv = factory.Sequence(lambda n: f"Partnerskap {n}")
    title_en = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.Sequence(lambda n: f"partnerskap-{n}")
    status = "active"
    start_date = datetime.date(2020, 1, 1)

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):
        if create:
            obj.organisations.set(extracted or [OrganisationFactory(institution=obj.institution)])


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    partnership = factory.SubFactory(PartnershipFactory)
    institution = factory.SelfAttribute("partnership.institution")
    sequence = factory.Sequence(lambda n: n + 1)
    type = "partnership_agreement"
    starts_on = datetime.date(2020, 1, 1)


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    partnership = factory.SubFactory(PartnershipFactory)
    institution = factory.SelfAttribute("partnership.institution")
    name_sv = factory.Sequence(lambda n: f"Fokusområde {n}")


class CoordinatorAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinatorAssignment

    person = factory.SubFactory(PersonFactory)
    institution = factory.SelfAttribute("person.institution")
    role_title_sv = "Projektsamordnare"


class ActivityTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityType

    institution = factory.SubFactory(InstitutionFactory)
    code = factory.Sequence(lambda n: f"type-{n}")
    name_sv = factory.Sequence(lambda n: f"Samverkansform {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    institution = factory.SubFactory(InstitutionFactory)
    type = factory.SubFactory(ActivityTypeFactory, institution=factory.SelfAttribute("..institution"))
    title_sv = factory.Sequence(lambda n: f"Aktivitet {n}")
    starts_on = datetime.date(2025, 1, 1)


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    institution = factory.SubFactory(InstitutionFactory)
    title_sv = factory.Sequence(lambda n: f"Nyhet {n}")
    published_on = datetime.date(2025, 1, 1)


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    partnership = factory.SubFactory(PartnershipFactory)
    institution = factory.SelfAttribute("partnership.institution")
    kind = "call"
    occurred_on = datetime.date(2026, 11, 2)
    summary = factory.Sequence(lambda n: f"Samtal {n}")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    partnership = factory.SubFactory(PartnershipFactory)
    institution = factory.SelfAttribute("partnership.institution")
    organisation = factory.LazyAttribute(lambda o: o.partnership.organisations.first())
    email = factory.Sequence(lambda n: f"inbjuden{n}@example.se")
    token_digest = factory.Sequence(lambda n: f"{n:064x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class ImportJobFactory(factory.django.DjangoModelFactory):
    """A job at its first step (columns to be chosen), with no file: what a page shows of it."""

    class Meta:
        model = "imports.ImportJob"

    institution = factory.SubFactory(InstitutionFactory)
    kind = "organisations"
    original_name = "organisationer.csv"
    file_format = "csv"
    headers = factory.LazyFunction(lambda: ["Namn", "Typ"])
    sample = factory.LazyFunction(lambda: [["Umeå kommun", "kommun"]])
    mapping = factory.LazyFunction(lambda: ["name", "type"])


class BodyTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.BodyType"

    institution = factory.SubFactory(InstitutionFactory)
    code = factory.Sequence(lambda n: f"body-type-{n}")
    name_sv = "Styrgrupp"
    name_en = "Steering group"


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.Body"

    partnership = factory.SubFactory(PartnershipFactory)
    institution = factory.SelfAttribute("partnership.institution")
    type = factory.SubFactory(BodyTypeFactory, institution=factory.SelfAttribute("..institution"))
    name_sv = factory.Sequence(lambda n: f"Styrgrupp {n}")
    name_en = factory.Sequence(lambda n: f"Steering group {n}")
    level = 1


class BodyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.BodyMember"

    body = factory.SubFactory(BodyFactory)
    institution = factory.SelfAttribute("body.institution")
    person = factory.SubFactory(PersonFactory, institution=factory.SelfAttribute("..institution"))
    role = "member"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.Meeting"

    body = factory.SubFactory(BodyFactory)
    institution = factory.SelfAttribute("body.institution")
    starts_at = datetime.datetime(2026, 3, 10, 13, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))
    place = "Universitetsledningens sammanträdesrum"


class AgendaItemFactory(DomainFactory):
    class Meta:
        model = "governance.AgendaItem"

    meeting = factory.SubFactory(MeetingFactory)
    institution = factory.SelfAttribute("meeting.institution")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Ärende {n}")


class AttendanceFactory(DomainFactory):
    class Meta:
        model = "governance.Attendance"

    meeting = factory.SubFactory(MeetingFactory)
    institution = factory.SelfAttribute("meeting.institution")
    person = factory.SubFactory(PersonFactory, institution=factory.SelfAttribute("..institution"))
    status = "present"


class DecisionFactory(DomainFactory):
    """A decision numbered as the domain numbers it (``number_decision``)."""

    class Meta:
        model = "governance.Decision"

    meeting = factory.SubFactory(MeetingFactory)
    institution = factory.SelfAttribute("meeting.institution")
    text = factory.Sequence(lambda n: f"Styrgruppen beslutar att godkänna plan {n}.")


class ActionItemFactory(factory.django.DjangoModelFactory):
    """An action of a body; its owner is made a member of the body, as the rule asks."""

    class Meta:
        model = "governance.ActionItem"

    body = factory.SubFactory(BodyFactory)
    institution = factory.SelfAttribute("body.institution")
    owner = factory.LazyAttribute(lambda o: BodyMemberFactory(body=o.body).person)
    title = factory.Sequence(lambda n: f"Åtgärd {n}")
    due_on = datetime.date(2026, 4, 1)


# --- follow-up ---------------------------------------------------------------


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "followup.Goal"

    partnership = factory.SubFactory(PartnershipFactory)
    institution = factory.SelfAttribute("partnership.institution")
    title_sv = factory.Sequence(lambda n: f"Fler gemensamma examensarbeten {n}")
    title_en = factory.Sequence(lambda n: f"More joint degree projects {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "followup.Indicator"

    goal = factory.SubFactory(GoalFactory)
    institution = factory.SelfAttribute("goal.institution")
    name_sv = factory.Sequence(lambda n: f"Antal examensarbeten {n}")
    measure = "activities"
    unit = "st"


class IndicatorYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "followup.IndicatorYear"

    indicator = factory.SubFactory(IndicatorFactory)
    institution = factory.SelfAttribute("indicator.institution")
    year = 2026
    target = 10


class ResourceCommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "followup.ResourceCommitment"

    partnership = factory.SubFactory(PartnershipFactory)
    institution = factory.SelfAttribute("partnership.institution")
    year = 2026
    purpose = factory.Sequence(lambda n: f"Samordnare på halvtid {n}")
    kind = "money"
    committed = 500000


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "followup.Assessment"

    partnership = factory.SubFactory(PartnershipFactory)
    institution = factory.SelfAttribute("partnership.institution")
    year = 2026
    side = "university"


class AssessmentAnswerFactory(DomainFactory):
    class Meta:
        model = "followup.AssessmentAnswer"

    assessment = factory.SubFactory(AssessmentFactory)
    institution = factory.SelfAttribute("assessment.institution")
    rating = 4
    comment = "Samarbetet har gett oss nya kontakter."


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "followup.AnnualReport"

    partnership = factory.SubFactory(PartnershipFactory)
    institution = factory.SelfAttribute("partnership.institution")
    year = 2025
    summary = "Ett år med fler examensarbeten än någonsin."


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ideas.Idea"

    partnership = factory.SubFactory(PartnershipFactory)
    institution = factory.SelfAttribute("partnership.institution")
    kind = "need"
    title = factory.Sequence(lambda n: f"Behov av kompetens inom vattenrening {n}")
    description = "Kommunen behöver hjälp att förbättra vattenkvaliteten i sjöarna."
    submitter_name = "Eva Exempel"
    submitter_email = "eva@example.se"
    consent = True


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ideas.ExpertProfile"

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Forskare {n}")
    title = "Professor"
    keywords = "vattenkvalitet, limnologi, water quality"
    description = "Forskar om sjöars vattenkvalitet och övergödning."
    languages = "svenska, engelska"


class IdeaContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ideas.IdeaContact"

    idea = factory.SubFactory(IdeaFactory)
    institution = factory.SelfAttribute("idea.institution")
    profile = factory.SubFactory(ExpertProfileFactory, institution=factory.SelfAttribute("..institution"))


class SynonymFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "search.Synonym"

    institution = factory.SubFactory(InstitutionFactory)
    words = factory.Sequence(lambda n: f"exjobb{n}, examensarbete{n}, degree project {n}")
