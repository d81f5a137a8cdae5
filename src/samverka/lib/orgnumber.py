"""Swedish organisation numbers (organisationsnummer): validation and display form."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidFormat,
    InvalidLength,
)
from stdnum.exceptions import (
    ValidationError as StdnumError,
)
from stdnum.se import orgnr


def normalise_orgnumber(value: str) -> str:
    """``5560125790`` or ``556012-5790`` → ``556012-5790``; raise ValidationError when invalid."""
    try:
        digits = orgnr.validate(value)
    except InvalidLength as exc:
        raise ValidationError(
            _("An organisation number has 10 digits, e.g. 556012-5790."), code="length"
        ) from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("The check digit is wrong: please check the organisation number."), code="checksum"
        ) from exc
    except (InvalidFormat, StdnumError) as exc:
        raise ValidationError(
            _("An organisation number may contain only digits and a hyphen."), code="format"
        ) from exc
    return orgnr.format(digits)


def validate_orgnumber(value: str) -> None:
    normalise_orgnumber(value)
