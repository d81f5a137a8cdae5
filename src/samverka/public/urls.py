from django.urls import path
from django.utils.translation import pgettext_lazy

from samverka.ideas import public as ideas
from samverka.privacy.views import privacy_notice
from samverka.public import accessibility, data, national, views

app_name = "public"

urlpatterns = [
    path(
        pgettext_lazy("URL", "partnerskap/"),
        views.PartnershipListPage.as_view(),
        name="partnership-list",
    ),
    path(
        pgettext_lazy("URL", "partnerskap/<slug:slug>/"),
        views.PartnershipPage.as_view(),
        name="partnership",
    ),
    path(pgettext_lazy("URL", "integritet/"), privacy_notice, name="privacy-notice"),
    path(
        pgettext_lazy("URL", "tillganglighet/"),
        accessibility.accessibility_statement,
        name="accessibility",
    ),
    # Ideas from anyone (ideas/public.py): the form, and the page the receipt's private link opens.
    path(pgettext_lazy("URL", "ideer/ny/"), ideas.submit_idea, name="idea-submit"),
    path(pgettext_lazy("URL", "ideer/status/<slug:secret>/"), ideas.idea_status, name="idea-status"),
    # The same, as data for a web CMS (public/data.py).
    path(pgettext_lazy("URL", "partnerskap/data.json"), data.partnerships_json, name="partnership-list-json"),
    path(
        pgettext_lazy("URL", "partnerskap/<slug:slug>/data.json"),
        data.partnership_json,
        name="partnership-json",
    ),
    path(pgettext_lazy("URL", "partnerskap/nyheter.rss"), data.news_rss, name="news-rss"),
    path(pgettext_lazy("URL", "partnerskap/nyheter.atom"), data.news_atom, name="news-atom"),
    path(
        pgettext_lazy("URL", "partnerskap/<slug:slug>/nyheter.rss"),
        data.partnership_news_rss,
        name="partnership-news-rss",
    ),
    path(pgettext_lazy("URL", "partnerskap/nyheter/<int:pk>/"), data.NewsPage.as_view(), name="news-item"),
    path(pgettext_lazy("URL", "partnerskap/inbaddning.html"), data.embed, name="embed"),
    # Every institution's published partnerships (public/national.py), and as open data.
    path(pgettext_lazy("URL", "alla-partnerskap/"), national.national_page, name="national"),
    path(pgettext_lazy("URL", "alla-partnerskap/data.json"), national.national_json, name="national-json"),
    path(pgettext_lazy("URL", "alla-partnerskap/data.csv"), national.national_csv, name="national-csv"),
    path(pgettext_lazy("URL", "alla-partnerskap/nya.rss"), national.national_rss, name="national-rss"),
]
