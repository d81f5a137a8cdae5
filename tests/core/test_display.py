"""How every page writes dates, times and numbers: Stockholm's local time, one format per language
(samverka/formats), and a record's history in words, never stored codes."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import models
from django.urls import reverse
from django.utils import translation

from samverka.core.audit import action_name, record_event
from samverka.core.display import format_moment, format_number
from samverka.core.models import AuditEntry
from tests.conftest import client_for
from tests.core.test_permissions import get_status, url_for
from tests.urlconf import internal_routes

UTC = datetime.UTC
# Moments whose UTC day is not their Stockholm day, on the days the clocks change (2026-03-29
# forward, 2026-10-25 back): shown in UTC they read "23:30" of the day before.
MOMENTS = {
    "sv": (datetime.datetime(2026, 10, 24, 23, 30, tzinfo=UTC), "2026-10-25 01:30"),
    "en": (datetime.datetime(2026, 3, 28, 23, 30, tzinfo=UTC), "2026-03-29 00:30"),
}
US_STYLE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b[ap]\.m\.|\bnoon\b|\bmidnight\b")
GET_PAGES = [route for route in internal_routes() if get_status(route) == 200]


def _every_moment_at(world, moment) -> int:
    """Every date-time field of every record of the world set to ``moment`` (bypassing forms)."""
    changed = 0
    for obj in world["own"].values():
        moments = {
            field.name: moment
            for field in obj._meta.concrete_fields
            if isinstance(field, models.DateTimeField) and not field.primary_key
        }
        if moments:
            changed += type(obj)._base_manager.filter(pk=obj.pk).update(**moments)
    return changed


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_shows_every_moment_in_stockholm_time_in_the_languages_format(
    administrator, world, language
):
    moment, local = MOMENTS[language]
    assert _every_moment_at(world, moment) >= 10
    record_event(
        institution=world["own"]["partnership"].institution,
        actor=administrator,
        action=action_name(world["own"]["partnership"], "updated"),
        obj=world["own"]["partnership"],
        changes={"created_at": {"before": None, "after": moment.isoformat()}},
    )
    AuditEntry.objects.update(created_at=moment)
    client = client_for(administrator)
    shown_on = []
    for route in GET_PAGES:
        with translation.override(language):
            url = url_for(route, world["own"])
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        page = response.content.decode()
        assert "23:30" not in page, url  # the moment in UTC
        assert not US_STYLE.search(page), (url, US_STYLE.search(page).group())
        if local in page:
            shown_on.append(route.name)
    # The pages that show a record's moments show them in local time.
    expected = {
        "partnerships:partnership-detail",  # its history
        "governance:meeting-detail",
        "governance:meeting-list",
        "access:audit-list",
    }
    assert expected - set(shown_on) == set()


def test_one_format_per_language_for_dates_moments_and_numbers():
    moment = datetime.datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
    with translation.override("sv"):
        assert format_moment(moment) == "2026-11-25 12:00"
        assert format_moment(moment.date()) == "2026-11-25"
        assert format_number(Decimal("50000.00")) == "50\xa0000"
        assert format_number(Decimal("1234.50")) == "1\xa0234,50"
    with translation.override("en"):
        assert format_moment(moment) == "2026-11-25 12:00"
        assert format_moment(moment.date()) == "2026-11-25"
        assert format_number(Decimal("50000.00")) == "50,000"
        assert format_number(Decimal("1234.50")) == "1,234.50"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_amounts_read_the_same_in_both_languages_lists(coordinator, world, language):
    from samverka.followup.models import ResourceCommitment

    ResourceCommitment.objects.filter(pk=world["own"]["resourcecommitment"].pk).update(committed=50000)
    with translation.override(language):
        url = reverse("followup:resourcecommitment-list")
    page = client_for(coordinator).get(url).content.decode()
    assert ("50\xa0000" if language == "sv" else "50,000") in page
    assert "50,000.00" not in page and "50\xa0000,00" not in page


def test_the_history_names_fields_choices_and_moments_in_the_readers_language(administrator, world):
    partnership = world["own"]["partnership"]
    person = world["own"]["person"]
    for obj, changes in (
        (partnership, {"status": {"before": "active", "after": "under_review"}}),
        (
            person,
            {"legal_basis": {"before": "consent", "after": "public_task"}, "is_public": {"after": True}},
        ),
    ):
        record_event(
            institution=partnership.institution,
            actor=administrator,
            action=action_name(obj, "updated"),
            obj=obj,
            changes=changes,
        )
    client = client_for(administrator)

    def history(url) -> str:
        return re.search(
            r'<section class="history".*?</section>', client.get(url).content.decode(), re.S
        ).group()

    assert "<li>Status: aktivt → under översyn</li>" in history(partnership.get_absolute_url())
    # a time as HTML takes it: seconds and an offset, no microseconds (the Nu HTML checker)
    moments = re.findall(r'<time datetime="([^"]+)"', history(partnership.get_absolute_url()))
    assert moments and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", m) for m in moments)
    shown = history(person.get_absolute_url())
    assert "public_task" not in shown and "legal_basis" not in shown and "True" not in shown
    assert "→ Ja</li>" in shown
    with translation.override("en"):
        url = partnership.get_absolute_url()
    assert "<li>Status: active → under review</li>" in history(url)


def test_a_records_history_takes_the_same_queries_for_one_change_and_four(administrator, world):
    """Each entry names its fields by its record's kind: from Django's cache, not a query each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    partnership = world["own"]["partnership"]
    client = client_for(administrator)

    def changed(times: int) -> int:
        for _ in range(times):
            record_event(
                institution=partnership.institution,
                actor=administrator,
                action=action_name(partnership, "updated"),
                obj=partnership,
                changes={"status": {"before": "active", "after": "ended"}},
            )
        client.get(partnership.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            client.get(partnership.get_absolute_url())
        return len(queries)

    assert changed(1) == changed(3)
