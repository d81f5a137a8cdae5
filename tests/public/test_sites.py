"""Every institution of a shared installation published at its own address, and the national overview."""

import csv
import io

import defusedxml.ElementTree as ET
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from samverka.core.models import Institution
from samverka.core.tenancy import forget_public_institution
from tests import factories as f


def published(institution, partner, kind, titles, slug, since, area):
    """A published partnership with one partner and one focus area."""
    organisation = f.OrganisationFactory(institution=institution, name=partner, type=kind)
    partnership = f.PartnershipFactory(
        institution=institution,
        title_sv=titles[0],
        title_en=titles[1],
        slug=slug,
        published=True,
        start_date=since[0],
        start_precision=since[1],
    )
    partnership.organisations.set([organisation])
    f.FocusAreaFactory(partnership=partnership, name_sv=area[0], name_en=area[1])
    return partnership


@pytest.fixture
def two(institution, other_institution):
    """Two institutions, each with a published partnership; one keeps another unpublished."""
    umu = published(
        institution, "Region Västerbotten", "region", ("Region Västerbotten", "Region Västerbotten"),
        "region-vasterbotten", ("2015-01-01", "year"), ("Hälsa", "Health"),
    )  # fmt: skip
    other = published(
        other_institution, "Nordlig Energi AB", "company", ("Nordlig Energi", "Northern Energy"),
        "nordlig-energi", ("2021-03-01", "month"), ("Energiomställning", "Energy transition"),
    )  # fmt: skip
    f.PartnershipFactory(institution=other_institution, title_sv="Hemligt", slug="hemligt", published=False)
    return {"umu": umu, "other": other}


def test_each_institution_has_its_own_pages_at_its_own_address(client, two):
    page = client.get("/other/partnerskap/").content.decode()
    assert "Nordlig Energi" in page and "Annat lärosäte" in page
    assert "Region Västerbotten" not in page and "Hemligt" not in page
    # every link of the page stays on the institution's address
    assert 'href="/other/partnerskap/nordlig-energi/"' in page
    assert 'href="/other/partnerskap/data.json"' in page
    detail = client.get("/other/partnerskap/nordlig-energi/").content.decode()
    assert "sedan mars 2021" in detail and "Energiomställning" in detail
    english = client.get("/other/en/partnerships/nordlig-energi/").content.decode()
    assert "Northern Energy" in english and "Other University" in english
    # one institution's partnership is not found at another's address
    assert client.get("/other/partnerskap/region-vasterbotten/").status_code == 404
    assert client.get("/umu/partnerskap/region-vasterbotten/").status_code == 200
    assert client.get("/umu/partnerskap/nordlig-energi/").status_code == 404
    assert client.get("/other/partnerskap/hemligt/").status_code == 404


def test_each_institution_has_its_own_feeds_and_json(client, two):
    data = client.get("/other/partnerskap/data.json").json()
    assert data["institution"] == "Annat lärosäte"
    assert [(p["title"], p["url"]) for p in data["partnerships"]] == [
        ("Nordlig Energi", "http://testserver/other/partnerskap/nordlig-energi/")
    ]
    item = client.get("/other/partnerskap/nordlig-energi/data.json").json()
    assert (item["start_date"], item["start_precision"], item["since"]) == (
        "2021-03-01",
        "month",
        "mars 2021",
    )
    f.NewsItemFactory(institution=two["other"].institution, title_sv="Nytt avtal", published=True)
    f.NewsItemFactory(institution=two["umu"].institution, title_sv="Umeånytt", published=True)
    feed = ET.fromstring(client.get("/other/partnerskap/nyheter.rss").content)
    assert [item.findtext("title") for item in feed.iter("item")] == ["Nytt avtal"]
    assert feed.find("channel").findtext("link") == "http://testserver/other/partnerskap/"


def test_an_institution_may_have_a_host_name_of_its_own(client, two, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "samverka.other.se"]
    Institution.objects.filter(slug="other").update(public_host="samverka.other.se")
    forget_public_institution()  # the update above bypasses the signals that do it
    own = client.get("/partnerskap/", HTTP_HOST="samverka.other.se").content.decode()
    assert "Nordlig Energi" in own and "Region Västerbotten" not in own
    # the same address on the installation's own host is the default institution's page
    default = client.get("/partnerskap/").content.decode()
    assert "Region Västerbotten" in default and "Nordlig Energi" not in default
    # and each is cached apart
    assert "Nordlig Energi" in client.get("/partnerskap/", HTTP_HOST="samverka.other.se").content.decode()


def test_the_national_overview_lists_every_institution_with_filters(client, two):
    page = client.get(reverse("public:national")).content.decode()
    assert "Region Västerbotten" in page and "Nordlig Energi" in page and "Hemligt" not in page
    assert 'href="http://testserver/umu/partnerskap/region-vasterbotten/"' in page
    assert 'href="http://testserver/other/partnerskap/nordlig-energi/"' in page
    url = reverse("public:national")

    def titles(query):
        return [
            p["title"] for p in client.get(reverse("public:national-json") + query).json()["partnerships"]
        ]

    assert titles("") == ["Nordlig Energi", "Region Västerbotten"]  # by institution's name
    assert titles("?institution=umu") == ["Region Västerbotten"]
    assert titles("?partner_type=company") == ["Nordlig Energi"]
    assert titles("?place=Region+V%C3%A4sterbotten") == ["Region Västerbotten"]
    assert titles("?focus_area=energi") == ["Nordlig Energi"]
    assert titles("?since=2015") == ["Region Västerbotten"]
    assert titles("?since=1999") == []
    filtered = client.get(url + "?partner_type=company").content.decode()
    assert "Region Västerbotten" not in filtered.split("<tbody>")[1]


def test_the_national_overview_as_open_data(client, two):
    data = client.get(reverse("public:national-json")).json()
    first = data["partnerships"][0]
    assert first["institution"] == {"name": "Annat lärosäte", "slug": "other"}
    assert first["focus_areas"] == [{"name": "Energiomställning", "description": ""}]
    response = client.get(reverse("public:national-csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["institution", "title", "partners"]
    assert [row[1] for row in rows[1:]] == ["Nordlig Energi", "Region Västerbotten"]
    assert rows[2][4:6] == ["2015-01-01", "year"]
    feed = ET.fromstring(client.get(reverse("public:national-rss")).content)
    assert {item.findtext("link") for item in feed.iter("item")} == {
        "http://testserver/umu/partnerskap/region-vasterbotten/",
        "http://testserver/other/partnerskap/nordlig-energi/",
    }
    english = client.get("/en/all-partnerships/data.json").json()
    assert [p["title"] for p in english["partnerships"]] == ["Northern Energy", "Region Västerbotten"]


def test_the_national_overview_follows_every_institutions_changes(client, two):
    url = reverse("public:national")
    assert "Nordlig Energi" in client.get(url).content.decode()
    assert client.get(url)["X-Cache"] == "hit"
    two["other"].title_sv = "Nordlig Energi och Vatten"
    two["other"].save()
    assert "Nordlig Energi och Vatten" in client.get(url).content.decode()


@pytest.mark.parametrize("slug", ["app", "api", "en", "partnerskap", "alla-partnerskap", "static"])
def test_an_institution_cannot_take_a_short_name_samverka_uses(db, slug):
    institution = Institution(name_sv="Lärosäte", slug=slug)
    with pytest.raises(ValidationError) as error:
        institution.full_clean()
    assert "slug" in error.value.message_dict


@pytest.mark.parametrize("host", ["samverka.umu.se", "partner.ltu.se"])
def test_a_host_name_is_a_host_name(db, host):
    Institution(name_sv="Lärosäte", slug="x", public_host=host).full_clean()
    with pytest.raises(ValidationError):
        Institution(name_sv="Lärosäte", slug="x", public_host=f"https://{host}/").full_clean()


def test_the_command_refuses_a_reserved_short_name(db):
    with pytest.raises(CommandError, match="app"):
        call_command("create-institution", "app", "--name", "Appskolan", "--admin", "a@appskolan.se")
    assert not Institution.objects.filter(slug="app").exists()


def test_the_overview_and_the_new_pages_take_the_same_queries_however_many_partnerships(
    client, two, institution, other_institution, administrator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from samverka.core.cache import invalidate_institution
    from tests.conftest import client_for

    admin = client_for(administrator)

    def count(who, url):
        for owner in (institution, other_institution):
            invalidate_institution(owner.pk)  # count the making, not the cache
        with CaptureQueriesContext(connection) as queries:
            assert who.get(url).status_code == 200
        return len(queries)

    news = f.NewsItemFactory(institution=institution, published=True)
    pages = [
        (client, reverse("public:national")),
        (client, reverse("public:national-json")),
        (client, reverse("public:national-csv")),
        (client, reverse("public:national-rss")),
        (client, "/other/partnerskap/"),
        (client, reverse("public:embed")),
        (client, reverse("public:news-item", args=[news.pk])),
        (admin, reverse("access:getting-started")),
    ]
    [count(who, url) for who, url in pages]  # warm what is read once per installation
    before = [count(who, url) for who, url in pages]
    for n in range(3):
        for owner in (institution, other_institution):
            more = published(
                owner, f"Region {n} {owner.slug}", "region", (f"Fler {n}", f"More {n}"), f"fler-{n}",
                ("2020-01-01", "year"), (f"Område {n}", f"Area {n}"),
            )  # fmt: skip
            if owner == institution:
                news.partnerships.add(more)
    assert [count(who, url) for who, url in pages] == before
