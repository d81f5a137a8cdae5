"""The search index: one entry per searchable record, its terms in three parts; and the
institution's synonyms, which a search expands to.

The full-text index over these columns is the database's own: an FTS5 table
on SQLite, a GIN index of a weighted ``tsvector`` on PostgreSQL (both made in
migrations 0001, 0003 and 0004, used in ``backends.py``).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.models import InstitutionOwned
from samverka.lib.urls import reverse_id


class SearchEntry(models.Model):
    institution = models.ForeignKey("core.Institution", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    terms_title = models.TextField(blank=True)  # words and stems of the title: rank highest
    terms_body = models.TextField(blank=True)
    terms_internal = models.TextField(blank=True)  # internal notes: for those who may see them

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="searchentry_unique_record")
        ]
        indexes = [models.Index(fields=["institution", "content_type", "object_id"])]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"


class Synonym(InstitutionOwned):
    """Words that mean the same to a coordinator ("exjobb, examensarbete, degree project"): a search
    for one finds the others (``search.text.Query``), and matchmaking reads them alike. An
    institution begins with a Swedish–English set for the field (``search.synonyms``) and keeps its
    own list."""

    words = models.CharField(
        _("words that mean the same"),
        max_length=400,
        help_text=_(
            "Separated by commas, e.g. “exjobb, examensarbete, degree project”. A term may be several words."
        ),
    )

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["words", "id"]

    def __str__(self) -> str:
        return self.words

    def get_absolute_url(self) -> str:
        return reverse_id("search:synonym-detail", self.pk)

    @property
    def terms(self) -> list[str]:
        return [term.strip() for term in self.words.split(",") if term.strip()]

    def clean(self) -> None:
        distinct = {" ".join(term.casefold().split()) for term in self.terms}
        if len(distinct) < 2:
            raise ValidationError(
                {"words": _("Give at least two terms that mean the same, separated by commas.")}
            )
