"""The public pages as data: JSON for a web CMS and the news as RSS and Atom, published records only."""

import json

import defusedxml.ElementTree as ET
import pytest
from django.urls import reverse

from tests import factories as f


@pytest.fixture
def published(institution):
    partnership = f.PartnershipFactory(
        institution=institution,
        title_sv="Umeå kommun",
        title_en="Umeå Municipality",
        slug="umea-kommun",
        published=True,
        public_description_sv="Långsiktig samverkan.",
        internal_notes="HEMLIG-ANTECKNING",
    )
    f.FocusAreaFactory(partnership=partnership, name_sv="Hållbar stad", name_en="Sustainable city")
    hidden = f.PartnershipFactory(
        institution=institution, title_sv="Opublicerat", slug="dold", published=False
    )
    news = f.NewsItemFactory(
        institution=institution, title_sv="Ny satsning på <AI>", published=True, summary_sv="Kort."
    )
    news.partnerships.set([partnership])
    draft = f.NewsItemFactory(institution=institution, title_sv="Utkast", published=False)
    draft.partnerships.set([partnership])
    return {"partnership": partnership, "hidden": hidden, "news": news}


def test_the_partnerships_as_json_in_both_languages(client, published):
    data = client.get(reverse("public:partnership-list-json")).json()
    assert [p["title"] for p in data["partnerships"]] == ["Umeå kommun"]
    assert data["partnerships"][0]["focus_areas"][0]["name"] == "Hållbar stad"
    assert data["partnerships"][0]["url"].endswith("/partnerskap/umea-kommun/")
    assert "HEMLIG" not in json.dumps(data, ensure_ascii=False)
    english = client.get("/en/partnerships/data.json").json()
    assert english["language"] == "en"
    assert english["partnerships"][0]["title"] == "Umeå Municipality"


def test_one_partnership_as_json_with_its_news(client, published):
    data = client.get(reverse("public:partnership-json", args=["umea-kommun"])).json()
    assert data["title"] == "Umeå kommun"
    assert [n["title"] for n in data["news"]] == ["Ny satsning på <AI>"]
    assert client.get(reverse("public:partnership-json", args=["dold"])).status_code == 404


@pytest.mark.parametrize(
    ("name", "namespace"), [("public:news-rss", ""), ("public:news-atom", "{http://www.w3.org/2005/Atom}")]
)
def test_the_news_feeds_are_valid_xml_with_published_news_only(client, published, name, namespace):
    response = client.get(reverse(name))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    titles = [element.text for element in root.iter(f"{namespace}title")]
    assert "Ny satsning på <AI>" in titles  # escaped in the XML, read back as typed
    assert "Utkast" not in titles
    assert b"HEMLIG" not in response.content


def test_the_public_pages_point_to_their_data(client, published):
    page = client.get(reverse("public:partnership-list")).content.decode()
    for name in ("public:news-rss", "public:news-atom", "public:partnership-list-json"):
        assert reverse(name) in page
    assert f'id="news-{published["news"].pk}"' in page


def test_the_data_is_cached_like_the_pages_and_an_edit_shows_at_once(client, published):
    url = reverse("public:partnership-list-json")
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
    partnership = published["partnership"]
    partnership.title_sv = "Umeå kommun (ny titel)"
    partnership.save()
    assert client.get(url).json()["partnerships"][0]["title"] == "Umeå kommun (ny titel)"


def test_the_data_query_count_does_not_grow(client, institution, published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from samverka.core.cache import invalidate_institution

    def count(url):
        invalidate_institution(institution.pk)  # count the making, not the cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = [reverse("public:partnership-list-json"), reverse("public:news-rss")]
    client.get(urls[0])
    before = [count(url) for url in urls]
    for n in range(2):
        p = f.PartnershipFactory(institution=institution, published=True, slug=f"fler-{n}")
        f.FocusAreaFactory(partnership=p)
        f.NewsItemFactory(institution=institution, published=True).partnerships.set([p])
    assert [count(url) for url in urls] == before


def test_only_public_contacts_are_in_the_data(client, published, institution):
    partnership = published["partnership"]
    for name, public in (("Offentliga", True), ("Hemliga", False)):
        f.CoordinatorAssignmentFactory(
            person=f.PersonFactory(institution=institution, first_name=name, is_public=public),
            partnership=partnership,
        )
    one = client.get(reverse("public:partnership-json", args=[partnership.slug])).json()
    names = [contact["name"] for contact in one["coordinators"]]
    assert any(name.startswith("Offentliga") for name in names)
    assert not any(name.startswith("Hemliga") for name in names)
    everything = json.dumps(client.get(reverse("public:partnership-list-json")).json())
    assert "Hemliga" not in everything
