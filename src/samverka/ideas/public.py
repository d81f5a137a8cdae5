"""The public form for ideas (no account needed) and the page a submitter follows their idea on.

The form takes ideas for the public institution's published partnerships only. A robot is kept out
by a trap field (``PublicIdeaForm.homepage``, hidden from people: a filled one is dropped silently)
and by a rate limit per address (``SAMVERKA_IDEA_RATE``, counted in the cache:
``core.ratelimit``); the fields have length limits. The receipt's private link shows that one
idea's title, stage and, when declined, the reason, and nothing else: no one can read another's
submission.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from samverka.core.audit import client_address
from samverka.core.ratelimit import Limit
from samverka.core.tenancy import public_institution
from samverka.ideas.domain.pipeline import by_receipt, take_in
from samverka.ideas.forms import PublicIdeaForm
from samverka.ideas.models import IdeaSource
from samverka.partnerships.domain.queries import published_partnerships


@never_cache
@sensitive_post_parameters("submitter_email", "submitter_phone")
def submit_idea(request):
    institution = public_institution(request)
    partnerships = published_partnerships(institution)
    form = PublicIdeaForm(request.POST or None, partnerships=partnerships)
    context = {"institution": institution, "form": form}
    if request.method != "POST":
        return render(request, "ideas/public_form.html", context)
    limited = render(request, "ideas/public_form.html", {**context, "limited": True}, status=429)
    if _over_limit(request):
        return limited
    if not form.is_valid():  # a correction does not count against the limit
        return render(request, "ideas/public_form.html", context, status=400)
    if not _count(request):  # one too many sent at the same moment
        return limited
    if form.is_spam:  # a robot filled the trap: it is thanked, and nothing is kept
        return render(request, "ideas/public_received.html", {"institution": institution})
    form.instance.institution = institution
    _idea, secret = take_in(
        form, institution=institution, actor=None, source=IdeaSource.PUBLIC, language=get_language()
    )
    # To the idea's own page, so reloading it never sends the idea twice.
    return redirect(f"{reverse('public:idea-status', args=[secret])}?{RECEIVED}=1")


RECEIVED = "received"


PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def idea_rate() -> tuple[int, int]:
    """``SAMVERKA_IDEA_RATE`` ("5/h", "20/d", "3/10m") as (ideas, seconds); checked in settings."""
    count, _slash, period = settings.SAMVERKA_IDEA_RATE.partition("/")
    return int(count), PERIODS[period[-1]] * int(period[:-1] or 1)


def _limit() -> Limit:
    limit, period = idea_rate()
    return Limit("idea", limit, period)


def _over_limit(request) -> bool:
    return _limit().reached(client_address(request) or "")


def _count(request) -> bool:
    """Count a submission taken in; False if it is over the limit (two sent at one moment)."""
    return _limit().count(client_address(request) or "")


@never_cache
def idea_status(request, secret: str):
    idea = by_receipt(secret)
    if idea is None or idea.source != IdeaSource.PUBLIC:
        raise Http404
    context = {"institution": public_institution(request), "idea": idea, "received": RECEIVED in request.GET}
    return render(request, "ideas/public_status.html", context)
