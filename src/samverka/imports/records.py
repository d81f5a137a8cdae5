"""The import job, and the link to it on the list of every kind that can be imported
(``core.registry``; docs/adding-a-record-kind.md)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.core.models import Role
from samverka.core.registry import ListLink, MenuEntry, Reach, RecordKind, allow, register, register_list_link
from samverka.imports.domain import importable_kinds

# Staff import (an import adds only what its rows' forms allow them), and change and delete
# their own imports.
STAFF_IMPORT = (allow("add", Reach.INSTITUTION), allow("change delete", Reach.OWN))


def import_url(kind, policy) -> str | None:
    """The upload page for records of ``kind``, if they can be imported and the user may."""

    if kind.imports is None or kind.imports.name not in importable_kinds(policy):
        return None
    return f"{reverse('imports:importjob-create')}?kind={kind.imports.name}"


register(
    RecordKind(
        "imports.importjob",
        form="samverka.imports.forms.UploadForm",
        filterset="samverka.imports.filters.ImportJobFilter",
        list_view="samverka.imports.views.ImportJobListView",
        menu=(MenuEntry(170, "imports:importjob-list", _("Imports"), "add"),),
        grants={Role.STAFF: STAFF_IMPORT, Role.PARTNERSHIP_COORDINATOR: STAFF_IMPORT},
    ),
)
register_list_link(ListLink(_("Import from a spreadsheet"), import_url))
