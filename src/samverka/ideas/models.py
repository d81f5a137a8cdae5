"""Ideas and matchmaking: the path from a partner's need to a joint activity.

An ``Idea`` (an idea, a need, a challenge or a request for a contact) comes from the
university's staff, a partner representative or the public form, and moves through the
pipeline's stages (``Stage``; ``ideas.domain.pipeline`` holds the rules and records each move as
a ``StageChange``). ``ExpertProfile`` describes what a researcher, teacher or unit knows;
``ideas.domain.matching`` ranks profiles and past activities for an idea, the coordinator
accepts (an ``IdeaContact``) or rejects each suggestion, and ``SuggestionFeedback`` keeps the
verdicts to evaluate the ranking.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import Activity
from samverka.core.language import TextIn
from samverka.core.models import InstitutionOwned
from samverka.directory.models import OWN_UNITS, Person, Unit
from samverka.lib.urls import reverse_id
from samverka.partnerships.models import FocusArea, Partnership

MAX_TITLE = 200
MAX_TEXT = 5000  # characters of an idea's description or a profile's text (the public form's limit too)


class IdeaKind(models.TextChoices):
    IDEA = "idea", _("idea")
    NEED = "need", _("need")
    CHALLENGE = "challenge", _("challenge")
    CONTACT = "contact", _("contact request")


class IdeaSource(models.TextChoices):
    """Where an idea came from: set when it is taken in, never edited."""

    STAFF = "staff", _("university staff")
    PARTNER = "partner", _("partner representative")
    PUBLIC = "public", _("public form")


class Stage(models.TextChoices):
    NEW = "new", _("new")
    ASSESSING = "assessing", _("being assessed")
    MATCHED = "matched", _("matched")
    IN_PROGRESS = "in_progress", _("in progress")
    REALISED = "realised", _("realised")
    DECLINED = "declined", _("declined")


OPEN_STAGES = (Stage.NEW, Stage.ASSESSING, Stage.MATCHED, Stage.IN_PROGRESS)


class Idea(InstitutionOwned):
    """An idea, need, challenge or contact request on its way to a joint activity (or not)."""

    partnership_path = "partnership_id"
    # Who sent it: personal data, erased by ``privacy.domain.erase_submitter``.
    submitter_fields = ("submitter_name", "submitter_organisation", "submitter_email", "submitter_phone")
    # Who sent it and the activities it led to (some perhaps of other partnerships): for the
    # university's people, never a partner's (pages, lists, the API, the search).
    internal_fields = (*submitter_fields, "activities")
    reference_search_fields = ("title",)

    kind = models.CharField(_("kind"), max_length=20, choices=IdeaKind.choices, default=IdeaKind.IDEA)
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    description = models.TextField(
        _("description"),
        validators=[MaxLengthValidator(MAX_TEXT)],
        help_text=_("What is the idea, need or challenge, and who would gain from it?"),
    )
    partnership = models.ForeignKey(
        Partnership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
        verbose_name=_("suggested partnership"),
    )
    focus_area = models.ForeignKey(
        FocusArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
        verbose_name=_("suggested focus area"),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=IdeaSource.choices, default=IdeaSource.STAFF, editable=False
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.NEW, editable=False
    )
    stage_since = models.DateTimeField(_("in this stage since"), default=timezone.now, editable=False)
    decline_reason = models.TextField(
        _("reason for declining"),
        blank=True,
        editable=False,
        help_text=_("The submitter is told this reason."),
    )
    submitter_name = models.CharField(_("submitted by (name)"), max_length=200, blank=True)
    submitter_organisation = models.CharField(_("submitter's organisation"), max_length=200, blank=True)
    submitter_email = models.EmailField(
        _("submitter's e-mail"),
        blank=True,
        help_text=_("The receipt and every change of stage are sent here."),
    )
    submitter_phone = models.CharField(_("submitter's phone"), max_length=40, blank=True)
    consent = models.BooleanField(
        _("consent to storing the contact details"),
        default=False,
        help_text=_(
            "The submitter agrees that the university stores their contact details to handle the idea."
        ),
    )
    language = models.CharField(
        _("language of the submitter"), max_length=5, choices=settings.LANGUAGES, default="sv", editable=False
    )
    # The SHA-256 of the secret in the receipt's link, by which the submitter follows the idea.
    receipt_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    activities = models.ManyToManyField(
        Activity,
        blank=True,
        related_name="ideas",
        verbose_name=_("activities"),
        help_text=_("The joint activities the idea led to."),
    )

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["institution", "stage", "stage_since"])]

    # Written by its submitter in their language: a page in the other marks them (core.language).
    written_fields = ("title", "description")

    def written_in(self, field: str) -> str | None:
        return self.language if field in self.written_fields else None

    def __str__(self) -> str:
        return TextIn(self.title, self.language)

    def get_absolute_url(self) -> str:
        return reverse_id("ideas:idea-detail", self.pk)

    @property
    def reference(self) -> str:
        """The number the submitter quotes (the receipt's)."""
        return f"IDE-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    @property
    def has_submitter(self) -> bool:
        """Whether the idea still holds any contact detail of who sent it."""
        return any(getattr(self, name) for name in self.submitter_fields)

    def clean(self) -> None:
        if self.focus_area is not None and self.focus_area.partnership_id != self.partnership_id:
            raise ValidationError({"focus_area": _("Choose a focus area of the suggested partnership.")})

    def audit_hidden_fields(self) -> tuple[str, ...]:
        """The submitter's address and phone stay out of the trail: deleting the idea (or editing
        them out) leaves no copy behind."""
        return ("submitter_email", "submitter_phone")


class StageChange(InstitutionOwned):
    """One move of an idea through the pipeline: who moved it, when, from where to where."""

    partnership_path = "idea__partnership_id"

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="stage_changes", verbose_name=_("idea")
    )
    from_stage = models.CharField(_("from stage"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to stage"), max_length=20, choices=Stage.choices)
    changed_at = models.DateTimeField(_("time"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("change of stage")
        verbose_name_plural = _("changes of stage")
        ordering = ["idea", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"

    def get_absolute_url(self) -> str:
        return self.idea.get_absolute_url()


class ProfileKind(models.TextChoices):
    PERSON = "person", _("person")
    UNIT = "unit", _("unit")


class ExpertProfile(InstitutionOwned):
    """What a researcher, teacher or unit knows: imported from the research information system,
    edited here, and enriched from the records (their past activities and partnerships)."""

    reference_search_fields = ("name",)

    kind = models.CharField(_("kind"), max_length=20, choices=ProfileKind.choices, default=ProfileKind.PERSON)
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("E.g. Professor of ecology.")
    )
    unit = models.ForeignKey(
        Unit,
        limit_choices_to=OWN_UNITS,  # the institution's own: never a partner's
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_profiles",
        verbose_name=_("unit"),
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_profiles",
        verbose_name=_("person in the contact directory"),
        help_text=_("Links the profile to the person's activities and partnerships."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    keywords = models.TextField(
        _("subject keywords"),
        blank=True,
        validators=[MaxLengthValidator(2000)],
        help_text=_("Separated by commas, in Swedish or English."),
    )
    description = models.TextField(_("description"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("Separated by commas, e.g. svenska, engelska."),
    )
    external_id = models.CharField(
        _("id in the research information system"),
        max_length=100,
        blank=True,
        help_text=_("Matches the profile on the next import."),
    )

    class Meta:
        verbose_name = _("expertise profile")
        verbose_name_plural = _("expertise profiles")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "external_id"],
                condition=~models.Q(external_id=""),
                name="ideas_profile_external_id_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_id("ideas:expertprofile-detail", self.pk)

    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]

    def clean(self) -> None:
        if self.kind == ProfileKind.UNIT and not self.unit_id:
            raise ValidationError({"unit": _("A unit's profile names its unit.")})


class ContactOutcome(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    CONTACTED = "contacted", _("contacted")
    MET = "met", _("met")
    WORKING = "working", _("working together")
    NO_ANSWER = "no_answer", _("no answer")
    NOT_INTERESTED = "not_interested", _("not interested")


class IdeaContact(InstitutionOwned):
    """A contact brokered for an idea: a person, a unit or an expertise profile, and how it went."""

    partnership_path = "idea__partnership_id"

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("idea"))
    profile = models.ForeignKey(
        ExpertProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
        verbose_name=_("expertise profile"),
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="idea_contacts",
        verbose_name=_("person"),
    )
    unit = models.ForeignKey(
        Unit,
        limit_choices_to=OWN_UNITS,  # the institution's own: never a partner's
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="idea_contacts",
        verbose_name=_("unit"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ContactOutcome.choices, default=ContactOutcome.PROPOSED
    )
    contacted_on = models.DateField(_("contacted on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("brokered contact")
        verbose_name_plural = _("brokered contacts")
        ordering = ["idea", "id"]

    def __str__(self) -> str:
        return str(self.profile or self.person or self.unit or _("contact"))

    @property
    def label(self) -> str:
        return str(self)

    def get_absolute_url(self) -> str:
        return reverse_id("ideas:ideacontact-detail", self.pk)

    def clean(self) -> None:
        if not (self.profile_id or self.person_id or self.unit_id):
            raise ValidationError(_("Name an expertise profile, a person or a unit."))


class Verdict(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class SuggestionFeedback(InstitutionOwned):
    """The coordinator's verdict on one suggestion for an idea, kept to evaluate the ranking."""

    partnership_path = "idea__partnership_id"

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("idea"))
    profile = models.ForeignKey(
        ExpertProfile,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("expertise profile"),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="suggestion_feedback",
        verbose_name=_("unit"),
    )
    activity = models.ForeignKey(
        Activity,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="suggestion_feedback",
        verbose_name=_("activity"),
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    rank = models.PositiveSmallIntegerField(_("rank when suggested"))
    score = models.FloatField(_("score when suggested"))
    reasons = models.TextField(_("reasons given"), blank=True)

    class Meta:
        verbose_name = _("verdict on a suggestion")
        verbose_name_plural = _("verdicts on suggestions")
        ordering = ["idea", "rank", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "profile"],
                condition=models.Q(profile__isnull=False),
                name="ideas_feedback_profile",
            ),
            models.UniqueConstraint(
                fields=["idea", "unit"], condition=models.Q(unit__isnull=False), name="ideas_feedback_unit"
            ),
            models.UniqueConstraint(
                fields=["idea", "activity"],
                condition=models.Q(activity__isnull=False),
                name="ideas_feedback_activity",
            ),
            models.CheckConstraint(
                condition=models.Q(profile__isnull=False, unit__isnull=True, activity__isnull=True)
                | models.Q(profile__isnull=True, unit__isnull=False, activity__isnull=True)
                | models.Q(profile__isnull=True, unit__isnull=True, activity__isnull=False),
                name="ideas_feedback_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.get_verdict_display()}"

    @property
    def target(self):
        return self.profile or self.unit or self.activity

    def get_absolute_url(self) -> str:
        return self.idea.get_absolute_url()
