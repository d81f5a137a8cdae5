"""``lib.years.Year``: a date's calendar year as the database computes it, the same on both."""

import datetime

import pytest

from samverka.activities.models import Activity
from samverka.lib.years import Year
from tests import factories as f


@pytest.mark.django_db
def test_the_year_of_a_date_is_the_calendar_year_on_every_database(institution):
    days = [datetime.date(1900, 1, 1), datetime.date(2025, 12, 31), datetime.date(2026, 1, 1), None]
    made = {f.ActivityFactory(institution=institution, starts_on=day).pk: day for day in days}
    years = dict(
        Activity.objects.filter(pk__in=made).annotate(year=Year("starts_on")).values_list("pk", "year")
    )
    assert years == {pk: day.year if day else None for pk, day in made.items()}
