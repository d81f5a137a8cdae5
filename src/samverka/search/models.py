"""The search index: one entry per searchable record, its terms in three parts.

The full-text index over these columns is the database's own: an FTS5 table
on SQLite, a GIN index of a weighted ``tsvector`` on PostgreSQL (both made in
migration 0001, used in ``backends.py``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models


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
