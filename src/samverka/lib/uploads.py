"""Uploaded documents: only a few kinds, not too large, and the content must match the name."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# extension -> the bytes such a file starts with
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}


@deconstructible
class DocumentValidator:
    """A signed agreement and the like: PDF, Word (.docx), OpenDocument text or a scanned image."""

    def __call__(self, file: "File[Any]") -> None:
        name = getattr(file, "name", "") or ""
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in SIGNATURES:
            raise ValidationError(
                _("Upload a PDF, Word (.docx), OpenDocument (.odt), PNG or JPEG file, not “.%(ext)s”."),
                code="file_type",
                params={"ext": extension or "?"},
            )
        limit = settings.SAMVERKA_UPLOAD_MAX_MB * 1024 * 1024
        if file.size > limit:
            raise ValidationError(
                _("The file is %(size)s MB; at most %(limit)s MB can be uploaded."),
                code="file_size",
                params={"size": round(file.size / 1024 / 1024, 1), "limit": settings.SAMVERKA_UPLOAD_MAX_MB},
            )
        position = file.tell() if hasattr(file, "tell") else 0
        file.seek(0)
        head = file.read(16)
        file.seek(position)
        if not head.startswith(SIGNATURES[extension]):
            raise ValidationError(
                _("The file's content is not a .%(ext)s file. Check that it is the right file."),
                code="file_content",
                params={"ext": extension},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocumentValidator)
