"""News about collaboration ("Skrivet om samverkan"), shown on the public pages when published."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.language import text_in
from samverka.core.models import InstitutionOwned
from samverka.lib.urls import reverse_id
from samverka.partnerships.models import Partnership


class NewsItem(InstitutionOwned):
    """A news item about one or more partnerships."""

    partnership_path = "partnerships"

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    link = models.URLField(_("link to the full article"), blank=True)
    published_on = models.DateField(_("date"))
    partnerships = models.ManyToManyField(
        Partnership, blank=True, related_name="news_items", verbose_name=_("partnerships")
    )
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["institution", "-published_on"])]

    def __str__(self) -> str:
        return text_in(self, "title")

    def get_absolute_url(self) -> str:
        return reverse_id("news:newsitem-detail", self.pk)
