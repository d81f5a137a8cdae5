"""The kinds of record of activities: activities and the collaboration forms they are of
(``core.registry``; docs/adding-a-record-kind.md)."""

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

# Staff register activities, and change and delete those they registered.
REGISTERED_BY_STAFF = (allow("add", Reach.INSTITUTION), allow("change delete", Reach.OWN))

register(
    RecordKind(
        "activities.activity",
        form="samverka.activities.forms.ActivityForm",
        filterset="samverka.activities.filters.ActivityFilter",
        list_view="samverka.activities.views.ActivityListView",
        menu=(MenuEntry(50, "activities:activity-list", _("Activities")),),
        traits=frozenset({Trait.IN_PARTNERSHIP}),
        grants={
            Role.STAFF: REGISTERED_BY_STAFF,
            Role.PARTNERSHIP_COORDINATOR: REGISTERED_BY_STAFF,
            Role.PARTNER: (allow("view", Reach.PARTNERSHIPS),),
        },
        search=SearchEntry(
            20, _("Activities"), title=("title_sv", "title_en"), body=("description_sv", "description_en")
        ),
        api=ApiResource("activities", "Joint activities of every collaboration form."),
        imports=ImportTarget(
            "activities",
            aliases={
                "type": ("samverkansform", "aktivitetstyp", "typ", "form", "activity type", "type"),
                "title_sv": ("titel", "rubrik", "namn", "benämning", "title", "name"),
                "description_sv": ("beskrivning", "description"),
                "partnership": ("partnerskap", "strategiskt partnerskap", "partnership"),
                "focus_area": ("fokusområde", "focus area"),
                "organisations": ("organisation", "organisationer", "partner", "partners", "organisations"),
                "starts_on": ("start", "startdatum", "från", "datum", "start date", "from", "date"),
                "ends_on": ("slut", "slutdatum", "till", "end date", "to"),
                "people": ("personer", "kontaktpersoner", "deltagare", "people", "contacts"),
                "units": ("enheter", "enhet", "institution", "units", "unit"),
                "student_count": ("antal studenter", "studenter", "students", "number of students"),
                "funding_sek": ("finansiering", "belopp", "budget", "kronor", "sek", "funding", "amount"),
                "granted": ("beviljad", "beviljades", "granted"),
                "parent": ("del av", "huvudprojekt", "projekt", "part of", "project"),
            },
        ),
    ),
    RecordKind(
        "activities.activitytype",
        form="samverka.activities.forms.ActivityTypeForm",
        filterset="samverka.activities.filters.ActivityTypeFilter",
        list_view="samverka.activities.views.ActivityTypeListView",
        menu=(MenuEntry(160, "activities:activitytype-list", _("Collaboration forms")),),
        api=ApiResource("collaboration-forms", "The institution's collaboration forms (activity types)."),
    ),
)
