"""The institution's synonyms as a kind of record (``core.registry``): a managed list, as the
collaboration forms are."""

from django.utils.translation import gettext_lazy as _

from samverka.core.registry import ApiResource, MenuEntry, RecordKind, register, register_text_search
from samverka.search.domain import matching_ids

register(
    RecordKind(
        "search.synonym",
        form="samverka.search.forms.SynonymForm",
        filterset="samverka.search.filters.SynonymFilter",
        list_view="samverka.search.views.SynonymListView",
        menu=(MenuEntry(165, "search:synonym-list", _("Synonyms")),),
        api=ApiResource("synonyms", "Words that mean the same to a search and to matchmaking."),
    ),
)
# A list's search box and the API's ``q`` find what the search page finds.
register_text_search(matching_ids)
