"""Rules every form of Samverka keeps, whichever way it is filled in: a page, the API, an import."""

import importlib
import pkgutil

import pytest
from django import forms
from django.urls import reverse

import samverka
from samverka.core.forms import TextRulesMixin
from samverka.directory.models import Organisation
from tests import factories as f
from tests.api.test_api import token_client
from tests.conftest import client_for
from tests.urlconf import internal_routes

CONTROL = [chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9B)]


def project_forms() -> list[type]:
    for module in pkgutil.walk_packages(samverka.__path__, "samverka."):
        if ".migrations" not in module.name and not module.name.endswith(("settings", "wsgi", "__main__")):
            importlib.import_module(module.name)
    found, waiting = set(), list(forms.BaseForm.__subclasses__())
    while waiting:
        form = waiting.pop()
        waiting.extend(form.__subclasses__())
        if form.__module__.startswith("samverka."):
            found.add(form)
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__name__}")


def test_every_form_of_the_project_keeps_the_text_rules():
    """A new form that forgot them would store what Excel and Word cannot hold."""
    found = project_forms()
    assert len(found) > 40
    assert [form for form in found if not issubclass(form, TextRulesMixin)] == []


@pytest.mark.parametrize("character", CONTROL, ids=[f"U+{ord(c):04X}" for c in CONTROL])
def test_a_control_character_is_refused_at_its_field_and_changes_nothing(coordinator, character):
    response = client_for(coordinator).post(
        reverse("directory:organisation-create"), {"name": f"Kontroll{character}[31m AB", "type": "company"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        f"Ta bort det osynliga styrtecknet U+{ord(character):04X} (det följer ofta med när man "
        "kopierar från ett annat program); Samverka kan inte spara det."
    ]
    assert not Organisation.objects.exists()


def test_line_breaks_and_tabs_are_text(coordinator):
    client_for(coordinator).post(
        reverse("directory:organisation-create"),
        {"name": "Rad AB", "type": "company", "notes": "Rad ett\r\nRad två\tmed flik"},
    )
    assert Organisation.objects.get().notes == "Rad ett\r\nRad två\tmed flik"  # as a browser posts it


def test_the_api_refuses_a_control_character_in_its_language(coordinator):
    api, _token = token_client(coordinator)
    response = api.post(
        reverse("api:organisation-list"),
        {"name": "Kontroll\x1b[31m AB", "type": "company"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["name"] == [
        "Remove the invisible control character U+001B (it is often copied along from another "
        "program); Samverka cannot store it."
    ]
    assert not Organisation.objects.exists()


def test_units_are_checkboxes_grouped_by_faculty_and_collaboration_forms_checkboxes(institution):
    from samverka.activities.domain import ensure_standard_activity_types
    from samverka.partnerships.forms import PartnershipForm

    ensure_standard_activity_types(institution)
    medicine = f.UnitFactory(institution=institution, name_sv="Medicinska fakulteten", kind="faculty")
    arts = f.UnitFactory(institution=institution, name_sv="Humanistiska fakulteten", kind="faculty")
    f.UnitFactory(institution=institution, name_sv="Institutionen för omvårdnad", parent=medicine)
    f.UnitFactory(institution=institution, name_sv="Institutionen för språkstudier", parent=arts)
    f.UnitFactory(institution=institution, name_sv="Avdelningen för folkhälsa", parent=medicine)
    form = PartnershipForm(institution=institution)
    groups = [
        (group, [label for _value, label in options]) for group, options in form.fields["units"].choices
    ]
    assert groups == [
        ("Humanistiska fakulteten", ["Humanistiska fakulteten", "Institutionen för språkstudier"]),
        (
            "Medicinska fakulteten",
            ["Medicinska fakulteten", "Avdelningen för folkhälsa", "Institutionen för omvårdnad"],
        ),
    ]
    units = str(form["units"])
    assert '<fieldset class="choice-group"><legend>Medicinska fakulteten</legend>' in units
    assert units.count('type="checkbox" name="units"') == 5 and "<select" not in units
    forms_html = str(form["collaboration_forms"])
    assert (
        forms_html.count('type="checkbox" name="collaboration_forms"') == 12 and "<select" not in forms_html
    )


ADD_PAGES = [
    route for route in internal_routes() if route.name.endswith("-create") and "<" not in route.pattern
]


@pytest.mark.parametrize("route", ADD_PAGES, ids=[route.name for route in ADD_PAGES])
def test_every_add_form_marks_what_must_be_filled_in_and_says_when_it_failed(members, world, route):
    """WCAG 3.3.2: a visible mark on each required field's label, explained above the form; after a
    failed save the page's title begins "Fel:" (the error summary takes the focus: forms.js)."""
    client = client_for(members["admin"])
    response = client.get(reverse(route.name))
    assert response.status_code == 200
    form = response.context["form"]
    page = response.content.decode()
    required = [field for field in form.visible_fields() if field.field.required]
    assert page.count('<span class="required-mark" aria-hidden="true">*</span>') == len(required)
    assert ("Fält märkta" in page) == bool(required)
    assert "<title>Fel:" not in page
    if required:
        failed = client.post(reverse(route.name), {})
        assert failed.status_code in (200, 400)  # the form again, with what to correct
        assert failed.content.decode().count("<title>Fel: ") == 1
        assert 'id="error-summary"' in failed.content.decode()


@pytest.mark.parametrize(
    "widget",
    [
        forms.Select(choices=[("", "---------"), (1, "Ett & två"), (2, "Tre")]),
        forms.SelectMultiple(choices=[("Norr", [(1, "Luleå"), (2, "Umeå")]), (3, "Lund")]),
        forms.NullBooleanSelect(),
    ],
)
def test_selects_write_their_options_as_django_does(widget):
    """``core/forms/select.html`` writes its options with ``{% select_options %}`` (no template per option):
    the HTML is Django's own, selected options and groups included."""
    from django.forms.renderers import DjangoTemplates

    from samverka.core.forms import FormRenderer

    value = [1, 3] if isinstance(widget, forms.SelectMultiple) else 1
    attrs = {"id": "id_x", "aria-describedby": "x-help"}
    ours = widget.render("x", value, attrs, renderer=FormRenderer())
    assert ours == widget.render("x", value, attrs, renderer=DjangoTemplates())
    assert "selected" in ours
