"""Every record kind is complete: each part the checklist (docs/adding-a-record-kind.md) asks of it
is declared in its app's records.py and agrees with its pages, and what is generated for it
(its query-count test, its rows of the access matrix) exists."""

import pytest
from django.apps import apps
from django.urls import get_resolver, reverse

from samverka.core import registry
from samverka.core.models import InstitutionOwned
from samverka.imports.models import ImportKind
from tests.core.test_query_counts import list_kinds, rows_of
from tests.urlconf import _walk, internal_routes

RECORD_PAGES = ("create", "detail", "edit", "delete")
# Kinds with a form but not the standard record pages, and why.
PAGES_ELSEWHERE = {
    "access.invitation": "sent and withdrawn, never edited",
    "core.membership": "made by an invitation or single sign-on; edited and ended",
    "imports.importjob": "uploaded, mapped and run, never edited",
    "followup.assessmentanswer": "answered on its assessment's page (followup:assessment-answers)",
}
KINDS = {kind.label: kind for kind in registry.kinds()}


def routes_of(kind) -> dict[str, object]:
    """verb ("list", "edit" …) → route of the kind's pages in the URLconf's internal part."""
    name = kind.model._meta.model_name
    return {
        route.name.split(":")[1].removeprefix(f"{name}-"): route
        for route in internal_routes()
        if route.model is kind.model and route.name.split(":")[1].startswith(f"{name}-")
    }


def callbacks() -> dict:
    """URL name → its view function (``as_view()``'s, with the arguments it was given)."""
    found = {}
    for namespace, pattern in _walk(get_resolver().url_patterns):
        if pattern.name:
            found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = pattern.callback
    return found


def test_every_record_of_an_institution_is_a_registered_kind():
    models = {model._meta.label_lower for model in apps.get_models() if issubclass(model, InstitutionOwned)}
    assert models - set(KINDS) == set()


def test_every_model_with_a_workspace_list_is_a_registered_kind():
    listed = {r.model._meta.label_lower for r in internal_routes() if r.model and r.name.endswith("-list")}
    assert listed - set(KINDS) == set()
    assert listed == {label for label, kind in KINDS.items() if kind.list_view}


@pytest.mark.parametrize("label", sorted(KINDS))
def test_a_kind_has_its_pages_in_the_access_matrix(label):
    """The matrix (tests/core/test_access.py) is every internal route with its model: a kind's list and
    record pages must be among them, as the kind declares them."""
    kind = KINDS[label]
    pages = routes_of(kind)
    if kind.list_view:
        lists = [r for r in internal_routes() if r.model is kind.model and r.name.endswith("-list")]
        assert [r.view_class for r in lists] == [kind.list_view_class]
    if kind.form and label not in PAGES_ELSEWHERE:
        assert set(RECORD_PAGES) <= set(pages)


@pytest.mark.parametrize("label", sorted(KINDS))
def test_a_kind_names_the_form_and_filters_its_pages_use(label):
    kind = KINDS[label]
    views = callbacks()
    name = kind.model._meta.model_name
    for verb in ("create", "edit"):
        route = routes_of(kind).get(verb)
        if route is not None and label not in PAGES_ELSEWHERE:
            view = views[route.name]
            used = view.view_initkwargs.get("form_class") or view.view_class.form_class
            assert used is kind.form_class, f"{name}-{verb}"
    list_view = kind.list_view_class
    if list_view is not None and getattr(list_view, "filterset_class", None) is not None:
        assert list_view.filterset_class is kind.filterset_class


def test_every_list_has_its_query_count_test():
    """tests/core/test_query_counts.py runs one for every kind with a list; it needs a way to make its
    rows (a factory named after the model, or an entry in its ``ROWS``)."""
    assert [label for label, kind in list_kinds().items() if rows_of(kind) is None] == []


def test_the_menu_reverses_in_its_order():
    entries = registry.menu()
    assert entries[0].url_name == "workspace:start"
    assert len({entry.position for entry in entries}) == len(entries)
    for entry in entries:
        reverse(entry.url_name)
        assert entry.kind is None or entry.kind in KINDS or apps.get_model(entry.kind)
    labels = [entry.kind for entry in entries]
    assert all(label in KINDS for label in labels if label)


def test_search_entries_name_fields_of_their_models():
    for kind in KINDS.values():
        if kind.search is not None:
            for name in (*kind.search.title, *kind.search.body, *kind.search.related):
                kind.model._meta.get_field(name)


def test_api_resources_have_a_form_and_filters_and_a_path_each():
    resources = [kind for kind in KINDS.values() if kind.api is not None]
    assert all(kind.form_class and kind.filterset_class for kind in resources)
    prefixes = [kind.api.prefix for kind in resources]
    assert len(prefixes) == len(set(prefixes))


def test_import_targets_are_the_kinds_of_import():
    names = [kind.imports.name for kind in KINDS.values() if kind.imports is not None]
    assert sorted(names) == sorted(ImportKind.values)
    assert all(KINDS[label].form for label in KINDS if KINDS[label].imports is not None)


def test_a_word_of_the_audit_trail_means_one_thing():
    with pytest.raises(registry.AlreadyRegistered):
        registry.register_audit_words(verbs={"minutes_approved": "something else"})


def test_a_kind_is_registered_once():
    with pytest.raises(registry.AlreadyRegistered):
        registry.register(registry.RecordKind("governance.meeting"))


def test_one_kind_is_the_partnership_and_says_whom_partners_reach():
    partnerships = [kind for kind in KINDS.values() if registry.Trait.PARTNERSHIP in kind.traits]
    assert [kind.label for kind in partnerships] == ["partnerships.partnership"]
    assert partnerships[0].partner_reach is not None


def test_search_groups_keep_their_order():
    """Partnerships first, then the records people look for most; each group has a place of its own."""
    from samverka.search.registry import searchable_kinds

    positions = [kind.search.position for kind in KINDS.values() if kind.search is not None]
    assert len(positions) == len(set(positions))
    assert [kind.key for kind in searchable_kinds()][:6] == [
        "partnership",
        "activity",
        "organisation",
        "person",
        "focusarea",
        "newsitem",
    ]
