"""The kinds of record of ideas: ideas and the contacts brokered for them, and the expertise
profiles they are matched with (``core.registry``; docs/adding-a-record-kind.md)."""

from django.utils.translation import gettext_lazy as _

from samverka.core.models import Role
from samverka.core.registry import (
    ApiResource,
    ImportTarget,
    MenuEntry,
    Reach,
    RecordKind,
    SearchEntry,
    Trait,
    allow,
    register,
)
from samverka.ideas.domain.pipeline import with_stuck
from samverka.ideas.models import Idea

IN_PARTNERSHIP = frozenset({Trait.IN_PARTNERSHIP})
# Staff send in ideas, and change and delete their own until a coordinator takes them up. An
# idea's changes of stage and the verdicts on its suggestions are recorded by handling it
# ("handle": move it through the pipeline, accept or reject suggestions, turn it into an activity).
SENT_IN_BY_STAFF = (allow("add", Reach.INSTITUTION), allow("change delete", Reach.OWN, stage="new"))


def _ideas(policy):
    return with_stuck(Idea.objects.prefetch_related("stage_changes"), policy.institution)


register(
    RecordKind(
        "ideas.idea",
        verbs={
            "moved": _("moved to another stage"),
            "suggestion_accepted": _("suggestion accepted"),
            "suggestion_rejected": _("suggestion rejected"),
            "activity_linked": _("activity created from the idea"),
        },
        change_labels={"suggestion": _("suggestion"), "activities": _("activities")},
        form="samverka.ideas.forms.IdeaForm",
        filterset="samverka.ideas.filters.IdeaFilter",
        list_view="samverka.ideas.views.IdeaListView",
        menu=(MenuEntry(130, "ideas:idea-list", _("Ideas")),),
        traits=IN_PARTNERSHIP,
        grants={
            Role.STAFF: SENT_IN_BY_STAFF,
            Role.PARTNERSHIP_COORDINATOR: (*SENT_IN_BY_STAFF, allow("handle", Reach.PARTNERSHIPS)),
            # the ideas of their partnerships and how they move on; they send in new ones
            Role.PARTNER: (allow("view", Reach.PARTNERSHIPS), allow("add", Reach.PARTNERSHIPS)),
        },
        search=SearchEntry(
            180,
            _("Ideas"),
            title=("title",),
            body=("description", "decline_reason"),  # the submitter: internal fields, indexed apart
        ),
        api=ApiResource(
            "ideas",
            "Ideas, needs, challenges and contact requests on their way to a joint activity: ``move`` moves "
            "one to another stage (``stage_changes``: who moved it when is in the audit trail), "
            "``suggestions`` ranks the people, units and past activities it resembles, and ``judge`` accepts "
            "or rejects one of them.",
            extra=("source", "stage", "stage_since", "stuck", "decline_reason", "stage_changes"),
            declared={
                "stage_changes": "samverka.api.ideas.STAGE_CHANGES",
                "stuck": "samverka.api.ideas.STUCK",
            },
            base_queryset=_ideas,
            actions=("samverka.api.ideas.IdeaActions",),
        ),
    ),
    RecordKind("ideas.stagechange", grants={Role.PARTNER: (allow("view", Reach.PARTNERSHIPS),)}),
    RecordKind(
        "ideas.ideacontact",
        form="samverka.ideas.forms.IdeaContactForm",
        filterset="samverka.ideas.filters.IdeaContactFilter",
        list_view="samverka.ideas.views.IdeaContactListView",
        traits=IN_PARTNERSHIP,
        search=SearchEntry(190, _("Brokered contacts"), title=("note",)),
        api=ApiResource(
            "idea-contacts",
            "Contacts brokered for an idea (an expertise profile, a person or a unit) and how they went.",
        ),
    ),
    RecordKind("ideas.suggestionfeedback"),
    RecordKind(
        "ideas.expertprofile",
        form="samverka.ideas.forms.ExpertProfileForm",
        filterset="samverka.ideas.filters.ExpertProfileFilter",
        list_view="samverka.ideas.views.ExpertProfileListView",
        menu=(MenuEntry(140, "ideas:expertprofile-list", _("Expertise")),),
        search=SearchEntry(
            200,
            _("Expertise profiles"),
            title=("name",),
            body=("title", "keywords", "description", "languages", "external_id"),
        ),
        api=ApiResource(
            "expert-profiles",
            "Expertise profiles of researchers, teachers and units, as the research information system "
            "exports them (``external_id``) and as edited here.",
        ),
        imports=ImportTarget(
            # An export of the research information system (Pure, DiVA, a CRIS): one row per person.
            "expertprofiles",
            aliases={
                "name": ("namn", "forskare", "researcher", "person", "full name", "fullständigt namn"),
                "title": ("titel", "befattning", "anställning", "position", "job title"),
                "unit": ("enhet", "institution", "organisation", "department", "organisational unit"),
                "email": ("epost", "e-post", "e-postadress", "mejl", "mail", "email", "e-mail"),
                "keywords": ("nyckelord", "ämnesord", "forskningsområden", "keywords", "research areas"),
                "description": ("beskrivning", "presentation", "profil", "about", "profile", "biography"),
                "languages": ("språk", "languages", "language"),
                "external_id": ("person-id", "personid", "uuid", "pure id", "cris id", "external id"),
            },
            choice_words={"kind": {"forskare": "person", "lärare": "person", "enhet": "unit"}},
            key_field="external_id",
        ),
    ),
)
