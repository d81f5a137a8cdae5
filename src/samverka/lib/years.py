"""The years a record may be about: one range for dates, follow-up years, filters, pages and the API.

A typo such as "0205" for 2025 is refused rather than stored, and a time before
1900 would be shown with the local mean time of the 1800s (an offset in seconds).
"""

from typing import TypedDict

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
YEAR_OUT_OF_RANGE = format_lazy(
    _("Give a year from {earliest} to {latest}."), earliest=EARLIEST_YEAR, latest=LATEST_YEAR
)
# A model's year field (a report's, an indicator's …); the API's serializers take their range from it.
YEAR_VALIDATORS = [MinValueValidator(EARLIEST_YEAR), MaxValueValidator(LATEST_YEAR)]


class YearBounds(TypedDict):
    """A form's or a filter's year field: ``IntegerField(**YEAR_BOUNDS)``."""

    min_value: int
    max_value: int


YEAR_BOUNDS: YearBounds = {"min_value": EARLIEST_YEAR, "max_value": LATEST_YEAR}


def is_plausible_year(year: int) -> bool:
    return EARLIEST_YEAR <= year <= LATEST_YEAR
