"""The university's public partnership pages (sv at /partnerskap/, en at /en/partnerships/)."""

from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from samverka.core.cache import cache_publicly
from samverka.core.tenancy import public_institution
from samverka.news.queries import published_news
from samverka.partnerships.domain.queries import public_contacts, published_partnerships

NEWS_ON_LIST = 10


@method_decorator(cache_publicly, name="dispatch")
class PartnershipListPage(TemplateView):
    template_name = "public/partnership_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        institution = public_institution()
        context.update(
            institution=institution,
            partnerships=published_partnerships(institution),
            contacts=public_contacts(institution),
            news=published_news(institution)[:NEWS_ON_LIST],
        )
        return context


@method_decorator(cache_publicly, name="dispatch")
class PartnershipPage(TemplateView):
    template_name = "public/partnership_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        institution = public_institution()
        partnership = get_object_or_404(published_partnerships(institution), slug=kwargs["slug"])
        context.update(
            institution=institution,
            partnership=partnership,
            contacts=public_contacts(institution),
            news=published_news(institution).filter(partnerships=partnership),
        )
        return context
