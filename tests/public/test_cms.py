"""What a web CMS needs to embed the public pages: CORS, 304 answers, feeds per partnership, news
pages of their own and a bare list to drop in."""

import defusedxml.ElementTree as ET
import pytest
from django.urls import reverse

from tests import factories as f


@pytest.fixture
def partnership(institution):
    partnership = f.PartnershipFactory(
        institution=institution, title_sv="Skellefteå kommun", slug="skelleftea", published=True
    )
    item = f.NewsItemFactory(
        institution=institution, title_sv="Batterier i fokus", published=True, body_sv="Hela texten."
    )
    item.partnerships.set([partnership])
    f.NewsItemFactory(institution=institution, title_sv="Annat", published=True)
    return partnership


DATA = [
    "public:partnership-list-json",
    "public:news-rss",
    "public:news-atom",
    "public:embed",
    "public:national-json",
]


@pytest.mark.parametrize("name", DATA)
def test_the_public_data_may_be_fetched_by_any_web_page(client, partnership, name):
    response = client.get(reverse(name), HTTP_ORIGIN="https://www.umu.se")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    # also from the cache, and under an institution's own address
    assert client.get(reverse(name), HTTP_ORIGIN="https://cms.example")["Access-Control-Allow-Origin"] == "*"
    prefixed = client.get("/umu" + reverse(name), HTTP_ORIGIN="https://www.umu.se")
    assert prefixed["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", ["/partnerskap/", "/app/", "/api/v1/", "/login/"])
def test_pages_and_the_workspace_get_no_cors(client, partnership, url):
    assert "Access-Control-Allow-Origin" not in client.get(url, HTTP_ORIGIN="https://evil.example")


@pytest.mark.parametrize(
    "name", ["public:partnership-list-json", "public:news-rss", "public:partnership-list"]
)
def test_a_client_with_the_current_version_gets_304(client, partnership, name):
    first = client.get(reverse(name))
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(reverse(name), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(reverse(name), HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    item = partnership.news_items.get()  # in all three
    item.title_sv = "Batterier och elektrifiering i fokus"
    item.save()
    changed = client.get(reverse(name), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_each_partnership_has_its_own_news_feed(client, partnership):
    feed = ET.fromstring(client.get(reverse("public:partnership-news-rss", args=["skelleftea"])).content)
    assert [item.findtext("title") for item in feed.iter("item")] == ["Batterier i fokus"]
    news_id = partnership.news_items.get().pk
    assert feed.find("channel/item").findtext("link") == f"http://testserver/partnerskap/nyheter/{news_id}/"
    assert (
        'href="/partnerskap/skelleftea/nyheter.rss"'
        in client.get(partnership.get_public_url()).content.decode()
    )
    assert client.get(reverse("public:partnership-news-rss", args=["finns-inte"])).status_code == 404


def test_a_news_item_has_a_page_of_its_own(client, partnership, institution, other_institution):
    item = partnership.news_items.get()
    page = client.get(reverse("public:news-item", args=[item.pk])).content.decode()
    assert (
        "Batterier i fokus" in page and "Hela texten." in page and 'href="/partnerskap/skelleftea/"' in page
    )
    draft = f.NewsItemFactory(institution=institution, title_sv="Utkast", published=False)
    assert client.get(reverse("public:news-item", args=[draft.pk])).status_code == 404
    assert client.get("/other" + reverse("public:news-item", args=[item.pk])).status_code == 404


def test_the_embeddable_list_is_a_bare_fragment_with_absolute_links(client, partnership):
    response = client.get(reverse("public:embed"))
    html = response.content.decode()
    assert html.startswith('<ul class="samverka-partnerships" lang="sv">')
    assert '<a href="http://testserver/partnerskap/skelleftea/">Skellefteå kommun</a>' in html
    assert "<script" not in html and "<html" not in html
    english = client.get("/umu/en/partnerships/embed.html").content.decode()
    assert 'href="http://testserver/umu/en/partnerships/skelleftea/"' in english
