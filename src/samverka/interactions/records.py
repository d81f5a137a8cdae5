"""The contacts log (``core.registry``; docs/adding-a-record-kind.md)."""

from django.utils.translation import gettext_lazy as _

from samverka.core.models import Role
from samverka.core.registry import (
    ApiResource,
    MenuEntry,
    Reach,
    RecordKind,
    SearchEntry,
    Trait,
    allow,
    register,
)

register(
    RecordKind(
        "interactions.interaction",
        form="samverka.interactions.forms.InteractionForm",
        filterset="samverka.interactions.filters.InteractionFilter",
        list_view="samverka.interactions.views.InteractionListView",
        menu=(MenuEntry(45, "interactions:interaction-list", _("Contacts log")),),
        traits=frozenset({Trait.IN_PARTNERSHIP}),
        # a partner representative reads the contacts shared with them, of their partnerships
        grants={Role.PARTNER: (allow("view", Reach.PARTNERSHIPS, visibility="shared"),)},
        search=SearchEntry(65, _("Contacts log"), title=("summary",), body=("notes",)),
        api=ApiResource("interactions", "The contacts log: calls, meetings, e-mails, visits and notes."),
    ),
)
