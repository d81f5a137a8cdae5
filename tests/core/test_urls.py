"""A record's address made once per page and language (``lib.urls.reverse_id``) is Django's own."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from samverka.lib.urls import reverse_id
from tests.urlconf import routes

# Every page whose one argument is a record's number, the public site's included.
NUMBERED = [route.name for route in routes() if route.takes_pk and route.pattern.count("<") == 1]


@pytest.mark.parametrize("prefix", ["/", "/umu/"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_record_address_is_the_one_django_makes(language, prefix):
    assert len(NUMBERED) > 50
    set_script_prefix(prefix)
    try:
        with translation.override(language):
            for name in NUMBERED:
                for pk in (1, 7, 42, 918273645, 10**12):
                    assert reverse_id(name, pk) == reverse(name, args=[pk]), name
    finally:
        clear_script_prefix()


def test_a_value_that_is_not_a_number_is_left_to_django():
    with pytest.raises(NoReverseMatch):
        reverse_id("activities:activity-detail", None)
    with pytest.raises(NoReverseMatch):
        reverse_id("activities:activity-detail", "12; drop")
