"""A university's list of strategic partnerships as an import (``imports``): one row per partnership.

A row names the partnership and what goes with it: the partner organisations
(several in one cell, "Region Kalmar län | Region Kronoberg"; found by
organisation number, then by name, else created), since when (a year, a month
or a day), when the current agreement ends, the focus areas, the purpose and
description in both languages, the contact person (a full name, split or
matched to a person already here) as coordinator, web pages, and whether it
is published. A row about another university of a shared list is left out.
"""

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.directory.domain.duplicates import OrganisationMatcher, PersonMatcher, person_key
from samverka.directory.forms import OrganisationForm, PersonForm
from samverka.directory.models import OrganisationType, Person, Side
from samverka.imports.rows import CellError, RowReader
from samverka.imports.steps import PartialDateField, RowSteps, SkipRow
from samverka.imports.targets import TARGETS, header_key
from samverka.imports.values import period_end, split_list
from samverka.lib.names import split_full_name
from samverka.partnerships.forms import (
    AgreementForm,
    CoordinatorAssignmentForm,
    FocusAreaForm,
    PartnershipForm,
)
from samverka.partnerships.models import AgreementType, FocusArea

# Words in an organisation's name that tell its type, when the list gives none.
TYPE_HINTS = (
    (r"\bregion\b|landsting", OrganisationType.REGION),
    (r"kommun\b|kommunen\b|municipality", OrganisationType.MUNICIPALITY),
    (r"universitet|högskola|university|college|institute of technology", OrganisationType.HEI),
    (r"myndighet|verket\b|länsstyrelse|agency|authority", OrganisationType.AGENCY),
    (r"\bab\b|\bab \(publ\)|aktiebolag|\bas\b|\boy\b|\bgmbh\b|\binc\b|\bltd\b", OrganisationType.COMPANY),
    (r"förening|förbund|stiftelse|foundation|association", OrganisationType.NON_PROFIT),
)


def guess_type(name: str) -> str:
    """An organisation's type from its name ("Region Kronoberg": region); "other" if it tells none."""
    text = name.casefold()
    return next((kind for pattern, kind in TYPE_HINTS if re.search(pattern, text)), OrganisationType.OTHER)


class PartnershipImportForm(PartnershipForm):
    """The partnership's form, and the columns of a list that name the records beside it."""

    university = forms.CharField(label=gettext_lazy("university"), required=False)
    partners = forms.CharField(label=gettext_lazy("partner organisations"), required=False)
    partner_numbers = forms.CharField(label=gettext_lazy("partners' organisation numbers"), required=False)
    partner_type = forms.CharField(label=gettext_lazy("partner type"), required=False)
    since = PartialDateField(label=gettext_lazy("partnership since"), required=False)
    agreement_ends = PartialDateField(label=gettext_lazy("current agreement ends"), required=False)
    focus_areas = forms.CharField(label=gettext_lazy("focus areas"), required=False)
    contact = forms.CharField(label=gettext_lazy("contact person"), required=False)
    contact_title = forms.CharField(label=gettext_lazy("contact person's title"), required=False)
    contact_email = forms.CharField(label=gettext_lazy("contact person's e-mail"), required=False)
    contact_phone = forms.CharField(label=gettext_lazy("contact person's phone"), required=False)


def _joined(names: list[str], language: str) -> str:
    with translation.override(language):
        if len(names) < 2:
            return "".join(names)
        return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


class PartnershipSteps(RowSteps):
    """Before the partnership's form: the row's university, partners, since and title. After it:
    its agreement's end, focus areas and contact person."""

    def __init__(self, run):
        super().__init__(run)
        institution = run.institution
        self.organisations = OrganisationMatcher.for_institution(institution)
        self.people = PersonMatcher.for_institution(institution)
        # The university's own people by name: a contact person has no organisation to match on.
        self.own_people: dict[str, list[int]] = {}
        own = Person.objects.filter(institution=institution, side=Side.UNIVERSITY, anonymised_at__isnull=True)
        for pk, first, last in own.values_list("pk", "first_name", "last_name"):
            self.own_people.setdefault(person_key(first, last), []).append(pk)
        names = [institution.name, institution.name_sv, institution.name_en, institution.slug]
        self.own_names = {header_key(name) for name in names if name}
        organisations = TARGETS["organisations"]
        self.organisation_reader = RowReader(
            organisations, organisations.form(institution=institution).fields, []
        )
        self.extras: dict[str, Any] = {}

    # --- before the form ------------------------------------------------------------

    def before(self, number: int, values: dict[str, Any]) -> list[CellError]:
        self.extras = {name: values.pop(name) for name in self.run.target.extra if name in values}
        university = self.extras.get("university", "")
        if university and header_key(university) not in self.own_names:
            raise SkipRow(
                _("About {university}, not {institution}: left out.").format(
                    university=university, institution=self.run.institution
                )
            )
        errors: list[CellError] = []
        if "partners" in self.extras:
            names, errors = self._partners(number)
            if errors:
                return errors
            values["organisations"] = "\n".join(f"#{pk}" for pk, _name in names)  # typed references
            if not values.get("title_sv"):
                values["title_sv"] = _joined([name for _pk, name in names], "sv")
                values.setdefault("title_en", _joined([name for _pk, name in names], "en"))
        if since := PartialDateField(required=False).clean(self.extras.get("since")):
            values["start_date"], values["start_precision"] = since[0].isoformat(), since[1]
        if "links" in values:
            values["links"] = "\n".join(re.split(r"[\s|;,]+", values["links"].strip()))
        return errors

    def _partners(self, number: int) -> tuple[list[tuple[int, str]], list[CellError]]:
        """(number, name) of each partner the row names, found or created."""
        names = split_list(self.extras["partners"])
        numbers = split_list(self.extras.get("partner_numbers", ""))
        types = split_list(self.extras.get("partner_type", ""))
        found: list[tuple[int, str]] = []
        for index, name in enumerate(names):
            org_number = numbers[index] if len(numbers) == len(names) else ""
            written = types[index] if len(types) == len(names) else (types[0] if len(types) == 1 else "")
            pk = self.organisations.exact(org_number=org_number, name=name)
            if pk is None:
                pk, errors = self._new_organisation(number, name, org_number, written)
                if errors:
                    return [], errors
            found.append((pk, name))
        return found, []

    def _new_organisation(self, number: int, name: str, org_number: str, written: str):
        if written:
            try:
                kind = self.organisation_reader.value("type", written, {})
            except ValueError as exc:
                return None, [CellError(None, "", written, str(exc))]
            guessed = ""
        else:
            kind = guess_type(name)
            guessed = " " + _("(type guessed from the name: {type})").format(
                type=OrganisationType(kind).label
            )
        data = {"name": name, "org_number": org_number, "type": kind}
        organisation, errors = self.run.save_beside(OrganisationForm, data)
        if organisation is None:
            return None, errors
        self.organisations.add(organisation.pk, name=name, org_number=organisation.org_number)
        self.run.note(number, "organisations", _("New organisation: {name}").format(name=name) + guessed)
        return organisation.pk, []

    # --- after the form ---------------------------------------------------------------

    def after(self, number: int, record: Any, values: dict[str, Any]) -> list[CellError]:
        agreement, errors = self._agreement(number, record)
        errors = errors or self._focus_areas(number, record, agreement)
        return errors or self._contact(number, record)

    def _agreement(self, number: int, partnership):
        """The current agreement, its end as the row gives it (a new one if there is none)."""
        agreement = partnership.agreements.order_by("-sequence").first()
        ends = PartialDateField(required=False).clean(self.extras.get("agreement_ends"))
        if ends is None:
            return agreement, []
        ends_on = period_end(*ends)
        if agreement is not None:
            if agreement.ends_on == ends_on:
                return agreement, []
            return self.run.save_beside(AgreementForm, {"ends_on": ends_on.isoformat()}, instance=agreement)
        if partnership.start_date is None:
            message = _("An agreement needs its start: fill in since when the partnership runs.")
            return None, [CellError(None, "", "", message)]
        data = {
            "partnership": partnership.pk,
            "sequence": 1,
            "type": AgreementType.PARTNERSHIP_AGREEMENT,
            "starts_on": partnership.start_date.isoformat(),
            "ends_on": ends_on.isoformat(),
        }
        agreement, errors = self.run.save_beside(AgreementForm, data)
        if agreement is not None:
            self.run.note(
                number, "agreements", _("New agreement until {date}").format(date=ends_on.isoformat())
            )
        return agreement, errors

    def _focus_areas(self, number: int, partnership, agreement) -> list[CellError]:
        """The row's focus areas that the partnership has not already (by name, any case)."""
        names = split_list(self.extras.get("focus_areas", ""))
        existing = FocusArea.objects.filter(partnership=partnership)
        swedish = f"name_{settings.LANGUAGE_CODE}"  # the name each list gives (``name_sv``)
        known = {str(name).casefold() for name in existing.values_list(swedish, flat=True)}
        order = existing.count()
        for name in names:
            if name.casefold() in known:
                continue
            data = {
                "partnership": partnership.pk,
                "agreement": agreement.pk if agreement is not None else "",
                "name_sv": name,
                "order": order,
                "is_current": True,
            }
            area, errors = self.run.save_beside(FocusAreaForm, data)
            if area is None:
                return errors
            known.add(name.casefold())
            order += 1
            self.run.note(number, "focus areas", _("New focus area: {name}").format(name=name))
        return []

    def _contact(self, number: int, partnership) -> list[CellError]:
        """The contact person as the partnership's coordinator: found by e-mail or full name,
        else a new person of the university side."""
        text = (self.extras.get("contact") or "").strip()
        email = (self.extras.get("contact_email") or "").strip()
        if not text and not email:
            return []
        if "@" in text and not email:
            text, email = "", text
        first, last = split_full_name(text) if text else ("", "")
        pk = self.people.exact(email=email, first_name=first, last_name=last)
        named = self.own_people.get(person_key(first, last), []) if text else []
        if pk is None and not email and len(named) == 1:
            pk = named[0]
        if pk is None:
            pk, errors = self._new_person(number, first, last, email, partnership.published)
            if errors:
                return errors
        if partnership.coordinator_assignments.filter(person_id=pk).exists():
            return []
        title = (self.extras.get("contact_title") or "").strip()
        data = {
            "person": f"#{pk}",
            "partnership": partnership.pk,
            "role_title_sv": title or "Kontaktperson",
            "role_title_en": "" if title else "Contact person",
            "order": 0,
        }
        assignment, errors = self.run.save_beside(CoordinatorAssignmentForm, data)
        if assignment is not None:
            self.run.note(number, "coordinators", _("Coordinator: {name}").format(name=assignment.person))
        return errors

    def _new_person(self, number: int, first: str, last: str, email: str, public: bool):
        people = TARGETS["people"]
        data = {
            "first_name": first,
            "last_name": last,
            "title_sv": (self.extras.get("contact_title") or "").strip(),
            "side": Side.UNIVERSITY,
            "email": email,
            "phone": (self.extras.get("contact_phone") or "").strip(),
            "is_public": public,
        }
        data = {**people.new_record_data(data), **data}
        person, errors = self.run.save_beside(PersonForm, data)
        if person is None:
            return None, errors
        self.people.add(person.pk, first_name=first, last_name=last, email=email)
        self.own_people.setdefault(person_key(first, last), []).append(person.pk)
        message = _("New person: {name} (first name “{first}”, last name “{last}”)").format(
            name=f"{first} {last}".strip(), first=first, last=last
        )
        self.run.note(number, "people", message)
        return person.pk, []
