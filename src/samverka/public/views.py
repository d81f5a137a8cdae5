"""The university's public partnership pages (sv at /partnerskap/, en at /en/partnerships/)."""

from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from samverka.core.cache import cache_publicly
from samverka.core.tenancy import public_institution
from samverka.public.content import list_content, partnership_content


@method_decorator(cache_publicly, name="dispatch")
class PartnershipListPage(TemplateView):
    template_name = "public/partnership_list.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **list_content(public_institution(self.request))}


@method_decorator(cache_publicly, name="dispatch")
class PartnershipPage(TemplateView):
    template_name = "public/partnership_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, **partnership_content(public_institution(self.request), kwargs["slug"])}
