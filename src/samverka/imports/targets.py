"""What can be imported: organisations, people, activities and expertise profiles, each through
its own workspace form.

A target names the record's workspace form (every rule of a record lives
there, so an imported row is checked exactly as a typed one), the column
names it recognises in Swedish and English (its form's labels, as the
spreadsheet export writes them, plus the words offices use), how an existing
record is recognised so that a re-import updates instead of duplicating, and
the defaults of a new record.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation

from samverka.activities.forms import ActivityForm
from samverka.core.display import field_label
from samverka.core.forms import model_field_of
from samverka.directory.forms import OrganisationForm, PersonForm
from samverka.directory.models import DataSource, Side
from samverka.ideas.forms import ExpertProfileForm
from samverka.imports.models import ImportKind

ID_FIELD = "id"  # the record's number ("Nr" in every export): the surest match


def header_key(text: str) -> str:
    """A column name as compared: case, accents of other languages, punctuation and spaces ignored
    ("Org.nr:" = "orgnr"); å, ä and ö stay letters of their own."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return re.sub(r"[^0-9a-zåäöüéæø]+", "", text)


@dataclass(frozen=True)
class Target:
    kind: str  # the name in URLs and on the command line
    form: type
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> further column names
    defaults: dict[str, object] = field(default_factory=dict)  # a new record's values when not in the file
    # field -> {word offices use: stored value}, beside the choices' own labels in both languages
    choice_words: dict[str, dict[str, str]] = field(default_factory=dict)
    # A field that is unique when filled and names the record in another system (a profile's id in
    # the research information system): a row with it updates the record that has it.
    key_field: str = ""

    @property
    def label(self) -> str:
        """What a person reads: "organisationer"."""
        return ImportKind(self.kind).label

    @property
    def model(self):
        return self.form._meta.model

    @property
    def fields(self) -> list[str]:
        """The fields a column can fill: the record's number, then its form's fields (no files)."""
        model = self.model
        return [
            ID_FIELD,
            *(
                name
                for name in self.form._meta.fields
                if not isinstance(model._meta.get_field(name), models.FileField)
            ),
        ]

    def field_label(self, name: str) -> str:
        return "Nr" if name == ID_FIELD else str(field_label(self.model, name))

    def column_names(self) -> dict[str, str]:
        """header_key -> field, from the labels in both languages, the field names and ``aliases``.

        The Swedish field of a per-language pair (``title_sv``) also answers to the plain label
        ("Titel", "Title"): a sheet from an office has one title column.
        """
        names: dict[str, str] = {}
        for name in self.fields:
            words = [name, *self.aliases.get(name, ())]
            for language in ("sv", "en"):
                with translation.override(language):
                    words.append(self.field_label(name))
                    model_field = model_field_of(self.model, name)
                    if model_field is not None:
                        original = getattr(model_field, "translated_field", None)
                        if original is None:
                            words.append(str(model_field.verbose_name))
                        elif name == f"{original.name}_{settings.LANGUAGE_CODE}":
                            words.append(str(original.verbose_name))
            for word in words:
                names.setdefault(header_key(word), name)
        return names

    def _model_field(self, name):
        try:
            return self.model._meta.get_field(name)
        except Exception:
            return None

    def guess_mapping(self, headers: list[str]) -> list[str]:
        """For each column, the field its name suggests ("" for none); each field taken once."""
        names, taken, mapping = self.column_names(), set(), []
        for header in headers:
            name = names.get(header_key(header), "")
            if name in taken:
                name = ""
            taken.add(name)
            mapping.append(name)
        return mapping

    def _has_default(self, name: str) -> bool:
        model_field = model_field_of(self.model, name)
        return model_field is not None and model_field.has_default() and not model_field.many_to_many

    def required_fields(self) -> list[str]:
        """Fields a new record cannot do without and has no default for."""
        form = self.form(institution=None)
        return [
            name
            for name, form_field in form.fields.items()
            if form_field.required
            and name not in self.defaults
            and not self._has_default(name)
            and not isinstance(form_field, forms.BooleanField)
        ]

    def field_choices(self) -> list[tuple[str, str]]:
        """(field, label) of every field a column can fill; "*" marks those a new record needs."""
        required = set(self.required_fields())
        return [(name, f"{self.field_label(name)}{' *' if name in required else ''}") for name in self.fields]

    def new_record_data(self, values: dict) -> dict:
        """A new record's values for the fields a row leaves out: ``defaults``, then the model's."""
        data = {}
        for name, default in self.defaults.items():
            value = default(values) if callable(default) else default
            if name not in values and value:
                data[name] = value
        for name in self.form._meta.fields:
            if name not in values and name not in data and self._has_default(name):
                data[name] = model_field_of(self.model, name).get_default()
        return data


def _person_side(values: dict) -> str:
    """A person with an organisation is on the partner side, one with a unit at the university."""
    if values.get("unit") and not values.get("organisation"):
        return Side.UNIVERSITY
    return Side.PARTNER if values.get("organisation") else ""


TARGETS = {
    target.kind: target
    for target in (
        Target(
            "organisations",
            OrganisationForm,
            aliases={
                "name": ("organisation", "organisationsnamn", "företag", "företagsnamn", "company", "namn"),
                "org_number": (
                    "orgnr",
                    "org nr",
                    "organisationsnr",
                    "orgnummer",
                    "corporate identity number",
                    "organisation number",
                    "organization number",
                    "company registration number",
                ),
                "type": ("organisationstyp", "organisation type", "typ av organisation", "kategori"),
                "website": ("webb", "hemsida", "webbadress", "url", "web", "homepage"),
                "parent": ("moderbolag", "koncern", "parent", "parent organisation", "överordnad"),
                "notes": ("anteckningar", "kommentar", "kommentarer", "notes", "comments", "övrigt"),
            },
            choice_words={
                "type": {
                    "företag": "company",
                    "bolag": "company",
                    "aktiebolag": "company",
                    "ab": "company",
                    "kommun": "municipality",
                    "myndighet": "agency",
                    "förening": "non_profit",
                    "ideell": "non_profit",
                    "stiftelse": "non_profit",
                    "universitet": "hei",
                    "högskola": "hei",
                    "lärosäte": "hei",
                    "annan": "other",
                    "övrig": "other",
                },
            },
        ),
        Target(
            "people",
            PersonForm,
            aliases={
                "first_name": ("förnamn", "first name", "given name", "firstname"),
                "last_name": ("efternamn", "last name", "surname", "family name", "lastname"),
                "title_sv": ("titel", "befattning", "roll", "title", "job title", "position"),
                "organisation": ("organisation", "företag", "arbetsgivare", "company", "employer"),
                "unit": ("enhet", "institution", "avdelning vid universitetet", "department", "unit"),
                "organisation_unit": ("avdelning", "förvaltning", "division"),
                "email": ("epost", "e-post", "e-postadress", "mejl", "mail", "email", "e-mail"),
                "phone": ("telefon", "telefonnummer", "tel", "mobil", "mobiltelefon", "phone", "mobile"),
                "notes": ("anteckningar", "kommentar", "notes", "comments"),
            },
            defaults={"source": DataSource.IMPORT, "side": _person_side},
            choice_words={
                "side": {"universitetet": "university", "lärosätet": "university", "partnern": "partner"}
            },
        ),
        Target(
            "activities",
            ActivityForm,
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
        Target(
            # An export of the research information system (Pure, DiVA, a CRIS): one row per person.
            "expertprofiles",
            ExpertProfileForm,
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
    )
}
