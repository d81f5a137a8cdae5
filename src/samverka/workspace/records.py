"""The workspace's place in the main menu: its start page, first."""

from django.utils.translation import gettext_lazy as _

from samverka.core.registry import MenuEntry, register_menu

register_menu(MenuEntry(0, "workspace:start", _("Start"), kind=None))
