"""The public pages as data, for a university's web CMS: JSON of the partnerships, news as RSS and Atom.

The same published records as the public pages, in the language of the
address (``/partnerskap/…`` Swedish, ``/en/partnerships/…`` English), cached as
the pages are, and never anything internal.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from samverka.core.cache import cache_publicly
from samverka.core.tenancy import public_institution
from samverka.news.models import NewsItem
from samverka.news.queries import published_news
from samverka.partnerships.domain.queries import published_partnerships
from samverka.public.content import list_content, partnership_content

NEWS_IN_FEED = 30


def _news(item) -> dict:
    return {
        "title": item.title,
        "date": item.published_on.isoformat(),
        "summary": item.summary,
        "link": item.link or None,
    }


def _contact(assignment) -> dict:
    person = assignment.person
    return {
        "name": person.full_name,
        "role": assignment.role_title,
        "email": person.email or None,
        "phone": person.phone or None,
    }


def partnership_data(partnership, url: str) -> dict:
    """A published partnership as the JSON gives it, at its page's address ``url``."""
    return {
        "slug": partnership.slug,
        "title": partnership.title,
        "url": url,
        "since": partnership.start_display or None,
        # machine-readable: the first day of the period, and whether a year, month or day is known
        "start_date": partnership.start_date.isoformat() if partnership.start_date else None,
        "start_precision": partnership.start_precision if partnership.start_date else None,
        "agreement_ends": ends.isoformat() if (ends := partnership.agreement_ends_on) else None,
        "description": partnership.public_description,
        "purpose": partnership.purpose,
        "links": partnership.link_list,
        "organisations": [organisation.name for organisation in partnership.organisations.all()],
        "focus_areas": [
            {"name": area.name, "description": area.description} for area in partnership.focus_areas.all()
        ],
        "coordinators": [_contact(a) for a in partnership.public_coordinators],
    }


@cache_publicly
def partnerships_json(request):
    content = list_content(public_institution(request))
    data = {
        "institution": str(content["institution"]),
        "language": get_language(),
        "partnerships": [
            partnership_data(p, request.build_absolute_uri(p.get_public_url()))
            for p in content["partnerships"]
        ],
        "contacts": [_contact(a) for a in content["contacts"]],
        "news": [_news(item) for item in content["news"]],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@cache_publicly
def partnership_json(request, slug):
    content = partnership_content(public_institution(request), slug)
    partnership = content["partnership"]
    data = {
        "institution": str(content["institution"]),
        "language": get_language(),
        **partnership_data(partnership, request.build_absolute_uri(partnership.get_public_url())),
        "contacts": [_contact(a) for a in content["contacts"]],
        "news": [_news(item) for item in content["news"]],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


class NewsRss(Feed):
    """Published news about the partnerships, newest first."""

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return public_institution(request)

    def title(self, institution):
        return _("Collaboration news from {name}").format(name=institution)

    def link(self, institution=None):
        return reverse("public:partnership-list")

    def description(self, institution):
        return _("News about the strategic partnerships of {name}.").format(name=institution)

    def items(self, institution):
        return published_news(institution).prefetch_related("partnerships")[:NEWS_IN_FEED]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return reverse("public:news-item", args=[item.pk])  # its own page, which links the article

    def item_guid(self, item):
        return self.request.build_absolute_uri(f"{self.link()}#news-{item.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.published_on, datetime.time(12)))


class NewsAtom(NewsRss):
    feed_type = Atom1Feed
    subtitle = NewsRss.description


class PartnershipNewsRss(NewsRss):
    """Published news about one published partnership, for its page in a CMS."""

    def get_object(self, request, *args, **kwargs):
        self.request = request
        institution = public_institution(request)
        self.partnership = get_object_or_404(published_partnerships(institution), slug=kwargs["slug"])
        return institution

    def title(self, institution):
        return _("News about {partnership}").format(partnership=self.partnership.title)

    def link(self, institution=None):
        return self.partnership.get_public_url()

    def items(self, institution):
        return published_news(institution).filter(partnerships=self.partnership)[:NEWS_IN_FEED]


news_rss = cache_publicly(NewsRss())
news_atom = cache_publicly(NewsAtom())
partnership_news_rss = cache_publicly(PartnershipNewsRss())


@method_decorator(cache_publicly, name="dispatch")
class NewsPage(DetailView):
    """One published news item on a page of its own (the feeds link here)."""

    model = NewsItem
    template_name = "public/news_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        self.institution = public_institution(self.request)
        return published_news(self.institution).prefetch_related("partnerships")

    def get_context_data(self, **kwargs):
        partnerships = [p for p in self.object.partnerships.all() if p.published]
        return {
            **super().get_context_data(**kwargs),
            "institution": self.institution,
            "partnerships": partnerships,
        }


@cache_publicly
def embed(request):
    """The published partnerships as a bare HTML list (no page around it, absolute links) that a
    web editor drops into SiteVision or Drupal, fetched by the server or by a script (CORS)."""
    content = list_content(public_institution(request))
    return render(request, "public/embed.html", {**content, "base": request.build_absolute_uri("/")[:-1]})
