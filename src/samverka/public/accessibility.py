"""The accessibility statement (tillgänglighetsredogörelse) that the law on accessible digital
public services asks of every Swedish public body, on DIGG's model: how accessible the service
is, what is known not to be and why, how to ask for content another way or report a problem,
the supervisory authority, and how the service is tested. Linked from every page's footer.

The known gaps are written here, one place, and taken out as they are fixed (issue 26).
"""

import datetime

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from samverka.core.cache import cache_publicly
from samverka.core.tenancy import public_institution

REVIEWED = datetime.date(2026, 12, 7)  # the statement was last checked against the service
KNOWN_GAPS = [
    (
        _("Text in the other language"),
        _(
            "On the web pages, a name or text shown in the other language because it has no translation "
            "is marked with its language, and so are texts and titles written in one language only "
            "(minutes, decisions, comments), told by their words, and so they are in the Word "
            "documents. In the PDF documents such a text, for example Swedish minutes in the English "
            "version, is hyphenated in its language but its language is not marked for screen "
            "readers: a screen reader may read it with the wrong voice (WCAG 3.1.2)."
        ),
    ),
]
DIGG_REPORT = "https://www.digg.se/tdosanmalan"


@cache_publicly
def accessibility_statement(request):
    context = {
        "institution": public_institution(request),
        "email": settings.SAMVERKA_ACCESSIBILITY_EMAIL,
        "gaps": KNOWN_GAPS,
        "reviewed": REVIEWED,
        "digg_report": DIGG_REPORT,
    }
    return render(request, "public/accessibility.html", context)
