"""Setting up an institution without the Django admin (``samverka create-institution``,
docs/install.md): the institution, and its first administrator, who is mailed a link to set a
password (or logs in by single sign-on)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samverka.access.passwords import reset_link
from samverka.core import mail
from samverka.core.audit import action_name, record_event
from samverka.core.models import Institution, Membership, Role
from samverka.search.synonyms import ensure_standard_synonyms


@transaction.atomic
def create_institution(
    *,
    slug: str,
    name_sv: str,
    name_en: str = "",
    scopes: str = "",
    website: str = "",
    public_host: str = "",
    admin_email: str,
    language: str = "sv",
    actor=None,
) -> tuple[Institution, Membership]:
    """Make the institution and its first administrator; refuse (``ValidationError``, nothing
    made) a short name that is taken, a name missing, a scope or address that is not one."""
    admin_email = admin_email.strip().lower()
    errors: dict[str, list[str]] = {}
    try:
        validate_email(admin_email)
    except ValidationError:
        errors["admin_email"] = [_("Enter a valid e-mail address.")]
    institution = Institution(
        slug=slug.strip(), sso_scopes=scopes, website=website, public_host=public_host.strip().lower()
    )
    # the name's translations, fields of django-modeltranslation
    institution.name_sv, institution.name_en = name_sv.strip(), name_en.strip()  # type: ignore[attr-defined]
    try:
        institution.full_clean()
    except ValidationError as refused:
        errors.update(refused.message_dict)
    if errors:
        raise ValidationError(errors)
    institution.save()
    ensure_standard_synonyms(institution)
    users = get_user_model().objects
    user = users.filter(email__iexact=admin_email).order_by("pk").first() or users.create_user(
        admin_email, email=admin_email
    )
    membership = Membership.objects.create(user=user, institution=institution, role=Role.ADMIN)
    record_event(
        institution=institution,
        actor=actor,
        action=action_name(institution, "created"),
        obj=institution,
        changes={"administrator": {"before": None, "after": admin_email}},
    )
    transaction.on_commit(lambda: _welcome(membership, language))
    return institution, membership


def _welcome(membership: Membership, language: str) -> None:
    user = membership.user
    with translation.override(language):
        context = {
            "institution": membership.institution,
            "user": user,
            "url": reset_link(user) if not user.has_usable_password() else "",
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
            "login_url": mail.absolute(reverse("login")),
        }
        subject = _("You are the administrator of {institution} in Samverka").format(
            institution=membership.institution
        )
        text = render_to_string("access/welcome_administrator_email.txt", context)
    mail.send(to=[user.email], subject=subject, text=text, language=language)
