from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


def amount_text(value) -> str:
    """A figure as people read it: grouped thousands, decimals only where there are any."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def amount(value) -> str:
    return amount_text(value)


@register.filter
def percent(value) -> str:
    """A share (0.75) as a percentage ("75 %")."""
    if value is None:
        return ""
    return f"{number_format(Decimal(value) * 100, decimal_pos=0, use_l10n=True)} %"


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (a count per year or per form), None when absent."""
    return mapping.get(key) if mapping else None
