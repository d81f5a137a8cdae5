"""Saving a contact logged from an e-mail: the contact and the files that came with it, together."""

from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from samverka.core.domain.records import create_record
from samverka.core.models import Institution
from samverka.interactions.forms import MailDropForm
from samverka.interactions.models import Interaction, InteractionAttachment


@transaction.atomic
def log_mail(form: MailDropForm, *, institution: Institution, actor: Any) -> Interaction:
    """The contact of a valid ``MailDropForm`` (audited as any new contact, with the names of its
    attachments) and its attachments, all or nothing."""
    contact: Interaction = create_record(form, institution=institution, actor=actor)
    for attachment in form.mail.attachments if form.mail is not None else []:
        stored = InteractionAttachment(
            institution=institution, interaction=contact, name=attachment.name, size=len(attachment.content)
        )
        stored.file.save(attachment.name, ContentFile(attachment.content), save=False)
        stored.save()
    return contact
