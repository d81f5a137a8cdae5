"""A data subject's rights: their data exported (JSON and PDF), and erased by anonymisation.

Anonymising keeps the person's place in statistics (side, organisation or
unit, the activities they took part in) and removes everything that
identifies them: names, contact details, notes, their name in the audit
trail and in invitations sent to them, and in their expertise profiles. The
submitter of an idea is erased the same way (``erase_submitter``): the idea
stays, with its stages and outcome, and who sent it is gone.
"""

import contextlib
import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samverka.access.models import Invitation
from samverka.core.audit import action_name, history_of, record_event
from samverka.core.domain.records import Actor, required_reason
from samverka.core.domain.steps import record_step
from samverka.core.models import AuditEntry, Institution, Membership
from samverka.directory.models import Person
from samverka.ideas.models import ExpertProfile, Idea
from samverka.lib.pdf import Document
from samverka.privacy.retention import expired_people, expired_submitters

ANONYMOUS = "Anonymiserad"


class AlreadyAnonymised(ValueError):
    pass


class NothingToErase(ValueError):
    """The idea holds no contact details of its submitter."""


def anonymous_name(person: Person) -> str:
    return f"{ANONYMOUS} #{person.pk}"


@transaction.atomic
def anonymise_person(person: Person, *, actor: Actor, reason: str) -> None:
    """Erase what identifies ``person``; refused for someone already anonymised."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.anonymised_at is not None:
        raise AlreadyAnonymised
    reason = required_reason(reason)
    # their expertise profiles stay, for the ideas' contacts and the ranking's verdicts, as
    # nobody's; the research information system may spell the name its own way
    profiles = list(person.expert_profiles.all())
    names = {person.full_name, person.email, *(p.name for p in profiles), *(p.email for p in profiles)}
    names = [name for name in names if name.strip()]
    email = person.email
    sent = list(_ideas_sent_by(person))  # by the address, before it is erased
    person.first_name, person.last_name = ANONYMOUS, f"#{person.pk}"
    person.title_sv = person.title_en = ""  # type: ignore[attr-defined]  # django-modeltranslation's
    person.email = person.phone = person.organisation_unit = person.notes = ""
    person.is_public = False
    person.anonymised_at = timezone.now()
    person.save()
    person.affiliations.update(role="", department="")  # as the person's own title and department
    _scrub_trail(person, names)
    if email:
        Invitation.objects.filter(institution=person.institution_id, email__iexact=email).update(
            email=f"anonymiserad-{person.pk}@invalid", name=""
        )
    for idea in sent:
        with contextlib.suppress(NothingToErase):  # erased meanwhile by someone else
            erase_submitter(idea, actor=actor, reason=reason)
    for profile in profiles:
        _anonymise_profile(profile, anonymous_name(person))
    record_event(
        institution=person.institution,
        actor=actor,
        action=action_name(person, "anonymised"),
        obj=person,
        changes={"reason": {"before": None, "after": reason}},
    )


def _anonymise_profile(profile: ExpertProfile, name: str) -> None:
    """Nothing of the profile tells whose it was; the next import of the research information
    system makes a new profile of what that system still holds."""
    for field in ("title", "email", "keywords", "description", "languages", "external_id"):
        setattr(profile, field, "")
    profile.name = name
    profile.version += 1
    profile.save()  # the search and the matching index take it in
    history_of(profile).update(object_repr=name, changes={})


def anonymise_expired(institution: Institution, *, actor: Actor) -> list[Any]:
    """Anonymise everyone of ``institution`` whose retention has run out (the workspace's button
    and ``samverka retention --anonymise``); returns who they were and why."""
    expired = expired_people(institution)
    for entry in expired:
        reason = _("Retention ran out: {why}").format(why=entry.reason)
        anonymise_person(entry.person, actor=actor, reason=reason)
    return expired


@transaction.atomic
def erase_submitter(idea: Idea, *, actor: Actor, reason: str) -> Idea:
    """Erase who sent ``idea`` (consent withdrawn, or kept their time): name, organisation, e-mail
    and phone, also from the idea's entries in the audit trail (the only ones that hold them); the
    idea, its stages and outcome stay."""
    with record_step(idea, None, actor=actor, verb="submitter_erased") as step:
        idea = step.current
        if not idea.has_submitter:
            raise NothingToErase
        reason = required_reason(reason)
        # saved, the idea is indexed again: staff search ideas by their submitter
        step.save(**dict.fromkeys(Idea.submitter_fields, ""), consent=False)
        for entry in history_of(idea):
            kept = {
                name: change for name, change in entry.changes.items() if name not in Idea.submitter_fields
            }
            if kept != entry.changes:
                entry.changes = kept
                entry.save(update_fields=["changes"])
        step.changes = {"reason": {"before": None, "after": reason}}
    return idea


def erase_expired_submitters(institution: Institution, *, actor: Actor) -> list[Any]:
    """Erase the submitters of ``institution``'s closed ideas kept their time (the retention page's
    button and ``samverka retention --anonymise``); returns which ideas and why."""
    expired = expired_submitters(institution)
    for entry in expired:
        reason = _("Retention ran out: {why}").format(why=entry.reason)
        with contextlib.suppress(NothingToErase):  # erased meanwhile by someone else
            erase_submitter(entry.idea, actor=actor, reason=reason)
    return expired


def _scrub_trail(person: Person, names: list[str]) -> None:
    """Remove the person's name and address from every entry of the trail of their institution."""
    replacement = anonymous_name(person)
    history_of(person).update(object_repr=replacement, changes={})
    entries = AuditEntry.objects.filter(institution=person.institution_id).annotate(
        text=Cast("changes", TextField())
    )
    for name in names:
        for entry in entries.filter(text__icontains=name) | entries.filter(object_repr__icontains=name):
            entry.object_repr = entry.object_repr.replace(name, replacement)
            entry.changes = _replace_in(entry.changes, name, replacement)
            entry.save(update_fields=["object_repr", "changes"])


def _replace_in(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replace_in(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: _replace_in(item, old, new) for key, item in value.items()}
    return value


def _day(value: datetime.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _ideas_sent_by(person: Person) -> QuerySet[Idea]:
    """The ideas whose submitter has the person's address: theirs, whatever record holds it."""
    if not person.email:
        return Idea.objects.none()
    return Idea.objects.filter(institution=person.institution_id, submitter_email__iexact=person.email)


def person_data(person: Person) -> dict[str, Any]:
    """Everything Samverka holds about ``person`` (GDPR art. 15), as plain data."""
    accounts = get_user_model().objects.filter(email__iexact=person.email) if person.email else []
    return {
        "exported_at": _day(timezone.now()),
        "controller": str(person.institution),
        "person": {
            "number": person.pk,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "title": person.title_sv or person.title_en,  # type: ignore[attr-defined]  # modeltranslation's
            "side": person.get_side_display(),
            "organisation": str(person.organisation) if person.organisation_id else None,
            "department": person.organisation_unit,
            "unit": str(person.unit) if person.unit_id else None,
            "email": person.email,
            "phone": person.phone,
            "shown_on_public_pages": person.is_public,
            "internal_notes": person.notes,
            "legal_basis": person.get_legal_basis_display(),
            "source": person.get_source_display(),
            "kept": person.get_retention_display(),
            "kept_until": _day(person.retain_until),
            "created": _day(person.created_at),
            "updated": _day(person.updated_at),
        },
        "activities": [
            {
                "title": a.title,
                "type": str(a.type),
                "partnership": str(a.partnership or ""),
                "starts_on": _day(a.starts_on),
                "ends_on": _day(a.ends_on),
            }
            for a in person.activities.select_related("type", "partnership").order_by("starts_on", "pk")
        ],
        "coordinator_assignments": [
            {
                "role": c.role_title,
                "partnership": str(c.partnership or _("all partnerships")),
                "from": _day(c.starts_on),
                "until": _day(c.ends_on),
            }
            for c in person.coordinator_assignments.select_related("partnership")
        ],
        "affiliations": [
            {
                "organisation": str(a.organisation),
                "role": a.role,
                "department": a.department,
                "from": _day(a.starts_on),
                "until": _day(a.ends_on),
            }
            for a in person.affiliations.select_related("organisation").order_by("starts_on", "pk")
        ],
        "contacts": [
            {
                "date": _day(c.occurred_on),
                "kind": c.get_kind_display(),
                "summary": c.summary,
                "partnership": str(c.partnership or ""),
                "organisation": str(c.organisation or ""),
            }
            for c in person.interactions.select_related("partnership", "organisation").order_by(
                "occurred_on", "pk"
            )
        ],
        "agreements_signed": [str(a) for a in person.signed_agreements.select_related("partnership")],
        "ideas_sent": [
            {
                "number": idea.reference,
                "title": idea.title,
                "stage": idea.get_stage_display(),
                "name": idea.submitter_name,
                "organisation": idea.submitter_organisation,
                "email": idea.submitter_email,
                "phone": idea.submitter_phone,
                "consent": idea.consent,
                "sent": _day(idea.created_at),
            }
            for idea in _ideas_sent_by(person)
        ],
        "expertise_profiles": [
            {
                "name": profile.name,
                "title": profile.title,
                "unit": str(profile.unit) if profile.unit_id else None,
                "email": profile.email,
                "keywords": profile.keywords,
                "description": profile.description,
                "languages": profile.languages,
                "id_in_the_research_information_system": profile.external_id,
            }
            for profile in person.expert_profiles.select_related("unit")
        ],
        "user_accounts": [
            {
                "username": user.username,
                "last_login": _day(user.last_login),
                "memberships": [
                    {
                        "role": m.get_role_display(),
                        "institution": str(m.institution),
                        "until": _day(m.valid_until),
                    }
                    for m in Membership.objects.filter(user=user).select_related("institution")
                ],
            }
            for user in accounts
        ],
        "history": [
            {
                "time": _day(e.created_at),
                "event": str(e.verb_label),
                "by": e.actor.get_username() if e.actor else None,
                "changes": {row.label: {"before": row.before, "after": row.after} for row in e.change_rows},
            }
            for e in history_of(person)
        ],
    }


def person_pdf(data: dict[str, Any]) -> bytes:
    """The export as a document a person can read."""
    person = data["person"]
    doc = Document(
        _("Personal data held in Samverka"),
        _("{controller}, {date}").format(controller=data["controller"], date=data["exported_at"][:10]),
        get_language(),
    )
    doc.title(f"{person['first_name']} {person['last_name']}")
    labels = {
        "title": _("Title"),
        "side": _("Side"),
        "organisation": _("Organisation"),
        "department": _("Department"),
        "unit": _("Unit"),
        "email": _("E-mail"),
        "phone": _("Phone"),
        "internal_notes": _("Internal notes"),
        "legal_basis": _("Legal basis"),
        "source": _("Source of the data"),
        "kept": _("Kept"),
        "kept_until": _("Kept until"),
        "created": _("Registered"),
        "updated": _("Last changed"),
    }
    doc.table(
        [(label, person.get(key) or "–") for key, label in labels.items()], widths=(1, 2), borders=False
    )
    sections = [
        (
            _("Activities"),
            [
                f"{a['title']} ({a['type']}; {a['partnership']}) {a['starts_on'] or ''}"
                for a in data["activities"]
            ],
        ),
        (
            _("Organisations over time"),
            [
                ", ".join(filter(None, [a["organisation"], a["role"]]))
                + f" ({a['from'] or '…'} – {a['until'] or ''})"
                for a in data["affiliations"]
            ],
        ),
        (
            _("Coordinator assignments"),
            [f"{c['role']}: {c['partnership']}" for c in data["coordinator_assignments"]],
        ),
        (
            _("Contacts log"),
            [
                f"{c['date']} {c['kind']}: {c['summary']} ({c['partnership'] or c['organisation']})"
                for c in data["contacts"]
            ],
        ),
        (_("Agreements signed"), data["agreements_signed"]),
        (
            _("Ideas sent"),
            [f"{i['number']} {i['title']} ({i['stage']}) {i['sent'][:10]}" for i in data["ideas_sent"]],
        ),
        (
            _("Expertise profiles"),
            [f"{p['name']}: {p['keywords']}" for p in data["expertise_profiles"]],
        ),
        (
            _("User accounts"),
            [
                f"{u['username']}: " + ", ".join(f"{m['role']}, {m['institution']}" for m in u["memberships"])
                for u in data["user_accounts"]
            ],
        ),
        (_("History"), [f"{h['time'][:16]} {h['event']} ({h['by'] or '–'})" for h in data["history"]]),
    ]
    for title, lines in sections:
        doc.heading(title)
        doc.paragraph("\n".join(lines) if lines else _("None."))
    return doc.bytes()
