"""Swedish: the one way of dates and times, thousands grouped by a no-break space (samverka.formats)."""

from samverka.formats.dates import *  # noqa: F403 - Django reads the formats as this module's names

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
