"""Cross-cutting records: the institution (tenant), memberships with roles, the audit trail."""

import datetime
import re
from typing import TYPE_CHECKING, Self, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.display import StrOrPromise, format_moment
from samverka.core.language import joined, text_in
from samverka.lib.scopes import split_scopes, validate_scopes
from samverka.lib.urls import reverse_id

if TYPE_CHECKING:
    from samverka.core.audit import ChangeRow


# The first parts of addresses Samverka itself uses: no institution's short name may be one, as
# ``/<short name>/`` is the address of its public pages (``core.middleware.PublicSiteMiddleware``).
RESERVED_SLUGS = frozenset(
    {
        "account", "admin", "api", "app", "calendar", "en", "healthz", "i18n", "installation",
        "invitation", "login", "logout", "media", "oidc", "saml2", "static", "sv", "partnerskap",
        "partnerships", "ideer", "ideas", "integritet", "privacy", "alla-partnerskap",
        "all-partnerships",
    }
)  # fmt: skip
HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def validate_site_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(value)s” is a part of Samverka's own addresses; choose another short name."),
            params={"value": value},
            code="reserved",
        )


def validate_host(value: str) -> None:
    if value and not HOST.match(value):
        raise ValidationError(
            _("“%(value)s” is not a host name: write it as samverka.umu.se."), params={"value": value}
        )


class Institution(models.Model):
    """A higher-education institution (lärosäte): the tenant every record belongs to.

    One installation may host several institutions; queries never cross them
    (see ``InstitutionQuerySet.in_institution``).
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in web addresses"), max_length=60, unique=True, validators=[validate_site_slug]
    )
    website = models.URLField(_("website"), blank=True)
    public_host = models.CharField(
        _("own host name of the public pages"),
        max_length=253,
        blank=True,
        validators=[validate_host],
        help_text=_(
            "E.g. samverka.umu.se, if the public pages have an address of their own (pointed at this "
            "installation); they are always at /<short name>/ too."
        ),
    )
    public_introduction = models.TextField(_("introduction on the public partnership page"), blank=True)
    agreement_warning_months = models.PositiveSmallIntegerField(
        _("warn about agreements this many months ahead"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("The start page lists agreements that end or are due for review this soon."),
    )
    idea_stuck_days = models.PositiveSmallIntegerField(
        _("flag ideas as stuck after this many days in one stage"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "An idea that is neither realised nor declined is flagged when it stays this long in a stage."
        ),
    )
    sso_scopes = models.CharField(
        _("scopes in single sign-on"),
        max_length=500,
        blank=True,
        validators=[validate_scopes],
        help_text=_(
            "The institution's domains in its identity provider's scopes, separated by spaces, "
            "e.g. umu.se. Only a person whose identity (employee@umu.se) carries one of them counts "
            "as the institution's."
        ),
    )
    is_generated = models.BooleanField(
        _("generated test data"),
        default=False,
        editable=False,
        help_text=_("Made by 'samverka generate' for tests and benchmarks, not real data."),
    )

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["public_host"],
                condition=~models.Q(public_host=""),
                name="institution_unique_public_host",
            )
        ]

    def __str__(self) -> str:
        return text_in(self, "name")

    @property
    def scopes(self) -> set[str]:
        """The scopes of ``sso_scopes``, lower case."""
        return set(split_scopes(self.sso_scopes))


class Role(models.TextChoices):
    """What a member may do in their institution: the rules are in ``core.permissions``."""

    ADMIN = "admin", _("administrator")
    COORDINATOR = "coordinator", _("institution coordinator")
    PARTNERSHIP_COORDINATOR = "partnership_coordinator", _("partnership coordinator")
    MANAGEMENT = "management", _("management")
    STAFF = "staff", _("staff contributor")
    VIEWER = "viewer", _("reader")
    PARTNER = "partner", _("partner representative")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def in_force(self, day: datetime.date) -> Self:
        """Memberships whose access period includes ``day`` (an open end never runs out)."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day),
        )


class Membership(models.Model):
    """A user's place in an institution, with the role that decides what they may do.

    A partnership coordinator's ``partnerships`` and a partner representative's
    ``organisation`` say which partnerships the role reaches; the access period
    (``valid_from``/``valid_until``) ends access without anyone having to remember.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("institution"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        blank=True,
        related_name="+",
        verbose_name=_("partnerships"),
        help_text=_("The partnerships a partnership coordinator coordinates."),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partner organisation"),
        help_text=_("A partner representative sees the partnerships this organisation is party to."),
    )
    valid_from = models.DateField(_("access from"), null=True, blank=True)
    valid_until = models.DateField(
        _("access until"),
        null=True,
        blank=True,
        help_text=_("Access ends automatically after this day."),
    )
    language = models.CharField(
        _("language of e-mail"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of what Samverka e-mails this person (core/mail.py)."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "institution"], name="membership_unique_user"),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.institution} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return reverse_id("access:membership-edit", self.pk)


_Owned = TypeVar("_Owned", bound="InstitutionOwned")


class InstitutionQuerySet(models.QuerySet[_Owned]):
    def in_institution(self, institution: Institution | int) -> Self:
        """The only way a request fetches institution records: never across tenants."""
        return self.filter(institution=institution)


class InstitutionOwned(models.Model):
    """Base of every record that belongs to an institution.

    ``version`` grows by one on every save through the domain layer and is the
    optimistic lock that stops two editors silently overwriting each other.

    ``partnership_path`` names the field that ties a record to the partnership
    it belongs to (``"pk"`` for the partnership itself, ``"partnership_id"``,
    a path through relations such as ``"meeting__body__partnership_id"``, or a
    many-to-many field); records of the whole institution leave it None.
    The policy layer (``core.permissions``) uses it for roles that reach only
    some partnerships.
    """

    partnership_path: str | None = None
    # Fields only the institution's own people see (the API leaves them out for partners).
    internal_fields: tuple[str, ...] = ()

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="+", verbose_name=_("institution")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One attributed, dated change of a record: who did what, when, and which fields changed.

    Written by the domain layer in the same transaction as the change itself.
    """

    institution = models.ForeignKey(
        Institution,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="audit_entries",
        verbose_name=_("institution"),
        help_text=_("Empty for events of no institution, e.g. a failed log-in with an unknown user name."),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("event"), max_length=100)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("kind")
    )
    object_id = models.PositiveBigIntegerField(_("record number"), null=True, blank=True)
    object_repr = models.CharField(_("record"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"]),
            models.Index(fields=["institution", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{format_moment(self.created_at) if self.created_at else ''} {self.action} {self.object_repr}"

    @property
    def verb(self) -> str:
        return self.action.rsplit(".", 1)[-1]

    @property
    def change_rows(self) -> "list[ChangeRow]":
        """The changes as people read them (``core.audit.describe_changes``)."""
        from samverka.core.audit import describe_changes  # noqa: PLC0415 - circular import: core.audit imports this

        return describe_changes(self)

    @property
    def changes_summary(self) -> str:
        """The changes as one line: "Status: Active → Under review; …", each value in its language."""
        parts: list[str] = []
        for row in self.change_rows:
            parts += ["; " if parts else "", f"{row.label}: ", row.before, " → ", row.after]
        return joined("", *parts)

    @property
    def kind_label(self) -> str:
        """The kind of record the entry is about, in words ("Aktivitet"); empty for log-ins."""
        model = self.record_model
        return str(model._meta.verbose_name).capitalize() if model is not None else ""

    @property
    def record_model(self) -> type[models.Model] | None:
        """The model of the record the entry is about, from Django's cache of kinds: no query
        per entry of a history or the trail. None for log-ins."""
        if not self.content_type_id:
            return None
        return ContentType.objects.get_for_id(self.content_type_id).model_class()

    @property
    def verb_label(self) -> StrOrPromise:
        from samverka.core.audit import verbs  # noqa: PLC0415 - circular import: core.audit imports this

        return verbs().get(self.verb, self.verb)
