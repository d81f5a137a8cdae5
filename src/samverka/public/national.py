"""The national overview: every institution's published partnerships on one page, filterable, and
as open data (JSON, CSV, RSS) — a register of strategic partnerships across the installation.

Made from the same records and the same rules as each institution's own pages
(``partnerships.domain.queries.published_partnerships``); each partnership
links to its page on its institution's own address.
"""

import csv

import django_filters
from django.contrib.syndication.views import Feed
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from samverka.core.cache import cache_publicly
from samverka.core.models import Institution
from samverka.directory.models import Organisation, OrganisationType
from samverka.partnerships.domain.queries import published_partnerships
from samverka.partnerships.models import Partnership
from samverka.public.data import partnership_data

NEW_IN_FEED = 50


def site_url(request: HttpRequest, institution: Institution, path: str) -> str:
    """The absolute address of ``path`` (made without a prefix) on the institution's own site."""
    if institution.public_host:
        return f"{request.scheme}://{institution.public_host}{path}"
    return request.build_absolute_uri(f"/{institution.slug}{path}")


class NationalFilter(django_filters.FilterSet):
    """What the overview is filtered by: institution, partner type, region or municipality,
    focus area and the year a partnership began."""

    institution = django_filters.ChoiceFilter(
        label=gettext_lazy("University"), field_name="institution__slug", empty_label=gettext_lazy("All")
    )
    partner_type = django_filters.ChoiceFilter(
        label=gettext_lazy("Partner type"),
        field_name="organisations__type",
        choices=OrganisationType.choices,
        distinct=True,
        empty_label=gettext_lazy("All"),
    )
    place = django_filters.ChoiceFilter(
        label=gettext_lazy("Region or municipality"),
        field_name="organisations__name",
        distinct=True,
        empty_label=gettext_lazy("All"),
    )
    focus_area = django_filters.CharFilter(label=gettext_lazy("Focus area"), method="filter_focus_area")
    since = django_filters.NumberFilter(label=gettext_lazy("Since (year)"), field_name="start_date__year")

    class Meta:
        model = Partnership
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = Partnership.objects.filter(published=True)
        institutions = Institution.objects.filter(pk__in=published.values("institution")).order_by("name")
        self.filters["institution"].extra["choices"] = [(i.slug, i.name) for i in institutions]
        places = (
            Organisation.objects.filter(
                partnerships__published=True,
                type__in=[OrganisationType.REGION, OrganisationType.MUNICIPALITY],
            )
            .order_by("name")
            .values_list("name", flat=True)
            .distinct()
        )
        self.filters["place"].extra["choices"] = [(name, name) for name in places]

    def filter_focus_area(self, queryset: QuerySet[Partnership], name: str, value: str):
        words = Q(focus_areas__name_sv__icontains=value) | Q(focus_areas__name_en__icontains=value)
        return queryset.filter(words, focus_areas__is_current=True).distinct()


def national_partnerships(request: HttpRequest) -> tuple[NationalFilter, list[Partnership]]:
    """The filter form and the published partnerships of every institution it lets through."""
    queryset = published_partnerships(None).select_related("institution")
    overview = NationalFilter(request.GET or None, queryset=queryset)
    partnerships = list(overview.qs.order_by("institution__name", "order", "title"))
    for partnership in partnerships:
        path = reverse("public:partnership", args=[partnership.slug])
        partnership.site_url = site_url(request, partnership.institution, path)
    return overview, partnerships


def _national_data(request: HttpRequest, partnership: Partnership) -> dict:
    return {
        "institution": {"name": partnership.institution.name, "slug": partnership.institution.slug},
        **partnership_data(partnership, partnership.site_url),  # type: ignore[attr-defined]
    }


class NationalPage(TemplateView):
    template_name = "public/national.html"

    def get_context_data(self, **kwargs):
        overview, partnerships = national_partnerships(self.request)
        query = self.request.GET.urlencode()
        return {
            **super().get_context_data(**kwargs),
            "filter": overview,
            "partnerships": partnerships,
            "query": f"?{query}" if query else "",
            "institution_count": len({p.institution_id for p in partnerships}),
        }


national_page = cache_publicly(NationalPage.as_view())


@cache_publicly
def national_json(request: HttpRequest) -> JsonResponse:
    _overview, partnerships = national_partnerships(request)
    data = {
        "language": get_language(),
        "partnerships": [_national_data(request, p) for p in partnerships],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


CSV_COLUMNS = (
    "institution",
    "title",
    "partners",
    "partner_types",
    "start_date",
    "start_precision",
    "agreement_ends",
    "focus_areas",
    "url",
)


@cache_publicly
def national_csv(request: HttpRequest) -> HttpResponse:
    """The overview as CSV (UTF-8 with a byte-order mark and semicolons, as Swedish Excel opens it)."""
    _overview, partnerships = national_partnerships(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="partnerships.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    for p in partnerships:
        organisations = list(p.organisations.all())
        ends = p.agreement_ends_on
        writer.writerow(
            [
                p.institution.name,
                p.title,
                " | ".join(o.name for o in organisations),
                " | ".join(o.get_type_display() for o in organisations),
                p.start_date.isoformat() if p.start_date else "",
                p.start_precision if p.start_date else "",
                ends.isoformat() if ends else "",
                " | ".join(area.name for area in p.focus_areas.all()),
                p.site_url,  # type: ignore[attr-defined]
            ]
        )
    return response


class NewPartnershipsFeed(Feed):
    """The partnerships published most recently, across institutions (with the overview's filters)."""

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def title(self):
        return _("Strategic partnerships of Swedish universities")

    def link(self):
        return reverse("public:national")

    def description(self):
        return _("Partnerships as the universities publish them.")

    def items(self):
        _overview, partnerships = national_partnerships(self.request)
        return sorted(partnerships, key=lambda p: p.created_at, reverse=True)[:NEW_IN_FEED]

    def item_title(self, item):
        return f"{item.title} – {item.institution.name}"

    def item_description(self, item):
        return item.public_description or item.purpose

    def item_link(self, item):
        return item.site_url

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


national_rss = cache_publicly(NewPartnershipsFeed())
