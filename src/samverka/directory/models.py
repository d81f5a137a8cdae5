"""Organisations, the university's own units, and the people of both sides."""

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.display import StrOrPromise
from samverka.core.language import text_in
from samverka.core.models import InstitutionOwned, InstitutionQuerySet
from samverka.lib.dates import period_errors
from samverka.lib.hierarchy import is_own_ancestor
from samverka.lib.orgnumber import normalise_orgnumber
from samverka.lib.urls import reverse_id


class OrganisationType(models.TextChoices):
    COMPANY = "company", _("company")
    MUNICIPALITY = "municipality", _("municipality")
    REGION = "region", _("region")
    AGENCY = "agency", _("government agency")
    NON_PROFIT = "non_profit", _("non-profit organisation")
    HEI = "hei", _("other higher-education institution")
    OTHER = "other", _("other")


class Organisation(InstitutionOwned):
    """A partner organisation (partnerorganisation) outside the institution.

    The organisation number, when given, is a valid Swedish one (10 digits,
    Luhn) and unique within the institution, so imports can match on it.
    """

    # Typed, not chosen from a list, in forms (core.references): an institution has thousands.
    reference_search_fields = ("name", "org_number")
    internal_fields = ("notes",)

    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        help_text=_("Ten digits, e.g. 556012-5790."),
    )
    website = models.URLField(_("website"), blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("parent organisation"),
        help_text=_("E.g. the group a company belongs to."),
    )
    notes = models.TextField(_("internal notes"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "org_number"],
                condition=~Q(org_number=""),
                name="organisation_unique_org_number",
            ),
        ]
        indexes = [
            models.Index(fields=["institution", "name", "id"], name="organisation_list_order"),
            # Finding one by its number (forms, references, imports): SQLite cannot use the
            # partial unique index for "org_number = …", so a lookup would scan every organisation.
            models.Index(fields=["institution", "org_number"], name="organisation_org_number"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_id("directory:organisation-detail", self.pk)

    def clean(self) -> None:
        errors: dict[str, Sequence[StrOrPromise]] = {}
        if self.org_number:
            try:
                self.org_number = normalise_orgnumber(self.org_number)
            except ValidationError as exc:
                errors["org_number"] = exc.messages
        if is_own_ancestor(self):
            errors["parent"] = [_("An organisation cannot be its own parent, directly or indirectly.")]
        if errors:
            raise ValidationError(errors)


class UnitKind(models.TextChoices):
    FACULTY = "faculty", _("faculty")
    DEPARTMENT = "department", _("department")
    CENTRE = "centre", _("centre")
    OFFICE = "office", _("administrative office")
    # A partner organisation's own parts (a region's administrations, a company's divisions).
    DIVISION = "division", _("division or administration")
    SECTION = "section", _("section")


# The institution's own units, for a link that never takes a partner's (``limit_choices_to``).
OWN_UNITS = {"organisation__isnull": True}


class UnitQuerySet(InstitutionQuerySet):
    def own(self) -> "UnitQuerySet":
        """The institution's own units (faculties, departments …), not a partner's."""
        return self.filter(**OWN_UNITS)


class Unit(InstitutionOwned):
    """A part of the institution itself (faculty, department, centre, office) or, with an
    ``organisation``, a part of a partner organisation (its administrations, divisions and
    departments): the units on both sides of a partnership, each with its hierarchy.

    A record links the institution's own units and those of its own partner organisations,
    never another partner's (``directory.domain.units``).
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("partner organisation"),
        help_text=_(
            "Empty for the university's own units; for a partner's division or department, the partner."
        ),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("part of"),
    )

    objects = UnitQuerySet.as_manager()  # type: ignore[misc]  # the stubs take a manager of a base for a ClassVar
    # The units a user may link a record to (``core.forms.limit_choices``): their partners' too.
    offered_by = "samverka.directory.domain.units.units_in_reach"

    # Units are offered grouped by faculty, a partner's by organisation (``core.forms.offer_as_checkboxes``).
    choice_group_related = ("parent", "organisation")

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    @property
    def choice_group(self) -> str:
        """The group a unit is offered in: a partner's unit its organisation; the institution's own
        its faculty (the unit it is part of), or itself."""
        if self.organisation_id and self.organisation:
            return self.organisation.name
        return str(self.parent) if self.parent_id and self.parent else str(self)  # in its language

    @property
    def choice_group_rank(self) -> int:
        """The institution's own units are offered before the partners'."""
        return 1 if self.organisation_id else 0

    def __str__(self) -> str:
        return text_in(self, "name")

    def get_absolute_url(self) -> str:
        return reverse_id("directory:unit-detail", self.pk)

    def clean(self) -> None:
        if self.parent_id and self.parent and self.parent.organisation_id != self.organisation_id:
            raise ValidationError(
                {"parent": _("A unit is part of a unit of the same organisation (or of the university).")}
            )
        if is_own_ancestor(self):
            raise ValidationError({"parent": _("A unit cannot be part of itself, directly or indirectly.")})


class Side(models.TextChoices):
    UNIVERSITY = "university", _("university")
    PARTNER = "partner", _("partner")


class LegalBasis(models.TextChoices):
    """The GDPR article 6 ground for keeping a person's data (docs/privacy.md)."""

    PUBLIC_TASK = "public_task", _("task in the public interest (art. 6.1 e)")
    LEGITIMATE_INTEREST = "legitimate_interest", _("legitimate interest (art. 6.1 f)")
    CONSENT = "consent", _("consent (art. 6.1 a)")
    CONTRACT = "contract", _("contract (art. 6.1 b)")
    LEGAL_OBLIGATION = "legal_obligation", _("legal obligation (art. 6.1 c)")


class DataSource(models.TextChoices):
    PERSON = "person", _("the person themselves")
    ORGANISATION = "organisation", _("their organisation")
    PUBLIC = "public", _("public sources, e.g. the organisation's website")
    UNIVERSITY = "university", _("the university's own records")
    IMPORT = "import", _("imported from another system")


class Retention(models.TextChoices):
    """How long a person's data is kept; ``privacy.retention`` applies the rule."""

    WHILE_ACTIVE = "while_active", _("while taking part, then a set number of years")
    UNTIL_DATE = "until_date", _("until a given date")
    ARCHIVE = "archive", _("kept for the archive (public records)")


class Person(InstitutionOwned):
    """A person on either side of a partnership (contact directory).

    Only people marked public ever appear on the public pages.
    """

    # Typed, not chosen from a list, in forms (core.references): an institution has thousands.
    reference_search_fields = ("first_name", "last_name", "email")
    internal_fields = ("notes",)

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    title = models.CharField(_("title"), max_length=200, blank=True)
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("organisation"),
        help_text=_("For people on the partner side."),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("unit"),
        help_text=_("At the university, or of their organisation when it has its units here."),
    )
    organisation_unit = models.CharField(_("department at the organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("shown on public pages"),
        default=False,
        help_text=_("Only people marked here can appear on the public partnership pages."),
    )
    notes = models.TextField(_("internal notes"), blank=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=30, choices=LegalBasis.choices, default=LegalBasis.PUBLIC_TASK
    )
    source = models.CharField(
        _("source of the data"), max_length=30, choices=DataSource.choices, default=DataSource.PERSON
    )
    retention = models.CharField(
        _("kept"), max_length=30, choices=Retention.choices, default=Retention.WHILE_ACTIVE
    )
    retain_until = models.DateField(
        _("kept until"), null=True, blank=True, help_text=_("For data kept until a given date.")
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["institution", "last_name", "first_name", "id"], name="person_list_order"),
            models.Index(
                fields=["institution", "side", "last_name", "first_name", "id"], name="person_side_order"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self) -> str:
        return reverse_id("directory:person-detail", self.pk)

    @property
    def affiliations_text(self) -> str:
        """Their organisations over time in a line, for a spreadsheet: "Region X, director
        (2019-01-01 – 2022-12-31); Umeå kommun, board member (2023-01-01 – )"."""
        return "; ".join(
            ", ".join(filter(None, [str(a.organisation), a.role]))
            + f" ({a.starts_on or '…'} – {a.ends_on or ''})"
            for a in self.affiliations.all()
        )

    def clean(self) -> None:
        if self.side == Side.UNIVERSITY and self.organisation_id:
            raise ValidationError(
                {"organisation": _("People at the university have a unit, not an organisation.")}
            )
        if self.retention == Retention.UNTIL_DATE and self.retain_until is None:
            raise ValidationError({"retain_until": _("Give the date the data is kept until.")})


class Affiliation(InstitutionOwned):
    """A person's place in an organisation for a period, with a role: a regional director who also
    sits on a municipality's board, a researcher who moved from one department to another.

    ``Person.organisation`` is the person's main organisation now; its affiliation is kept in
    step by ``directory.domain.affiliations`` (a new main organisation ends the one before).
    Every other place, and every former one, is an affiliation of its own.
    """

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("organisation")
    )
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("E.g. board member, head of department.")
    )
    department = models.CharField(_("department at the organisation"), max_length=200, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty while it lasts."))

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["person", "-starts_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "ends_on"], name="affiliation_organisation"),
            models.Index(fields=["person", "ends_on"], name="affiliation_person"),
        ]

    def __str__(self) -> str:
        return _("{person} at {organisation}").format(person=self.person, organisation=self.organisation)

    def get_absolute_url(self) -> str:
        return reverse_id("directory:affiliation-detail", self.pk)

    @property
    def is_current(self) -> bool:
        return self.ends_on is None or self.ends_on >= timezone.localdate()

    def clean(self) -> None:
        if errors := period_errors(self.starts_on, self.ends_on):
            raise ValidationError(errors)


class DuplicateDismissal(models.Model):
    """A coordinator's word that two records of one kind are not duplicates, so the duplicates
    list (``directory.domain.duplicates``) does not show the pair again.

    The pair is stored lower number first, once per institution and kind.
    """

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("organisation")
        PERSON = "person", _("person")

    institution = models.ForeignKey(
        "core.Institution", on_delete=models.CASCADE, related_name="+", verbose_name=_("institution")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    low_id = models.PositiveBigIntegerField(_("record number"))
    high_id = models.PositiveBigIntegerField(_("other record number"))
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    dismissed_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("not a duplicate")
        verbose_name_plural = _("not duplicates")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "kind", "low_id", "high_id"], name="duplicatedismissal_unique_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(low_id__lt=models.F("high_id")), name="duplicatedismissal_low_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.low_id} ≠ #{self.high_id}"
