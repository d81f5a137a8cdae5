"""Privacy's page of personal data in the main menu, and the audit word of anonymising a person
(``core.registry``)."""

from django.utils.translation import gettext_lazy as _

from samverka.core.registry import MenuEntry, register_audit_words, register_menu

register_menu(MenuEntry(210, "privacy:retention", _("Personal data"), "administer", kind="directory.person"))
register_audit_words(verbs={"anonymised": _("anonymised")})
