"""The public pages, checked against the seed's facts, in both languages."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.demo.loader import load_demo
from samverka.partnerships.models import Partnership
from tests import factories as f


@pytest.fixture
def demo(db):
    return load_demo(with_users=False)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_public_urls_are_the_stable_entry_points():
    assert reverse("public:partnership-list") == "/partnerskap/"
    from django.utils import translation

    with translation.override("en"):
        assert reverse("public:partnership-list") == "/en/partnerships/"
        assert (
            reverse("public:partnership", args=["volvo-lastvagnar"]) == "/en/partnerships/volvo-lastvagnar/"
        )


SEED_FACTS_SV = [
    "Umeå universitet ingår i ett antal långsiktiga samarbeten, strategiska partnerskap.",
    "Region Västerbotten",
    "Partnerskap sedan januari 2019",
    "Kompetensförsörjning",
    "Digitalisering/E-hälsa",
    "AI – artificiell intelligens",
    "Forskningsinfrastruktur",
    "Skellefteå kommun",
    "Partnerskap sedan december 2020",
    "Strategisk kompetensförsörjning",
    "Hållbar samhällsutveckling",
    "Artificiell Intelligens, AI",
    "Umeå kommun",
    "Partnerskap sedan januari 2018",
    "Hållbar stadsutveckling",
    "Curiosum",
    "Kompetensförsörjning/kompetensutveckling",
    "Digital utveckling och AI",
    "Volvo Lastvagnar",
    "Partnerskap sedan 2015",
    "Hållbart ledarskap",
    "Hållbart arbetsliv och hälsa",
    "Hållbar produktion och teknik",
    "Ett av de större samarbetsprojekten inom partnerskapet heter FIQA",
    "Örnsköldsviks kommun",
    "Partnerskap sedan april 2019",
    "Bioekonomi",
    "Kommunal hälso- och sjukvård",
    "Hållbar tillväxt",
    "Kontaktpersoner för partnerskapen",
    "Anna Sandström Emmelin",
    "090-786 60 21",
    "Katarina Henriksson",
    "090-786 93 62",
    "Johanna Gardeström",
    "090-786 99 27",
    "Annika Nordstrand",
    "090-786 68 83",
    "Martin Englund",
    "090-786 68 29",
    "Projektsamordnare",
    "Skrivet om samverkan",
    "Kraftfull kickoff för partnerskapet med Skellefteå kommun",
    "De vill hjälpa unga ut ur ofrivillig isolering",
    "En dag fylld av tankar om samhällsförändring",
]


def test_swedish_page_states_every_seed_fact(client, demo):
    response = client.get("/partnerskap/")
    text = text_of(response)
    missing = [fact for fact in SEED_FACTS_SV if fact not in text]
    assert missing == []
    assert response.content.decode().count('class="partnership"') == 5
    assert '<html lang="sv">' in response.content.decode()


def test_partnerships_appear_in_the_seeds_order(client, demo):
    titles = [p.title for p in client.get("/partnerskap/").context["partnerships"]]
    assert titles == [
        "Region Västerbotten",
        "Skellefteå kommun",
        "Umeå kommun",
        "Volvo Lastvagnar",
        "Örnsköldsviks kommun",
    ]


def test_english_page_is_complete(client, demo):
    response = client.get("/en/partnerships/")
    text = text_of(response)
    for fact in [
        "Strategic partnerships",
        "Volvo Trucks",
        "Partnership since 2015",
        "Partnership since January 2019",
        "Sustainable production and technology",
        "Contacts for the partnerships",
        "Project coordinator",
        "Written about collaboration",
        "Umeå University is part of a number of long-term collaborations",
    ]:
        assert fact in text, fact
    assert '<html lang="en">' in response.content.decode()
    assert "Skrivet om samverkan" not in text


def test_coordinators_have_email_links_and_phone(client, demo):
    html = client.get("/partnerskap/").content.decode()
    assert 'href="mailto:anna.sandstrom.emmelin@umu.se"' in html
    assert 'href="tel:0907866021"' in html


def test_each_partnership_has_its_own_page(client, demo):
    response = client.get("/partnerskap/volvo-lastvagnar/")
    text = text_of(response)
    assert "Volvokoncernens hyttfabrik i Umeå är Norrlands största verkstadsindustri." in text
    assert "Hållbar produktion och teknik" in text
    english = text_of(client.get("/en/partnerships/volvo-lastvagnar/"))
    assert "The Volvo Group's cab plant in Umeå" in english


def test_print_stylesheet_is_linked(client, demo):
    html = client.get("/partnerskap/").content.decode()
    assert 'media="print"' in html
    assert "print.css" in html


def test_unpublished_partnerships_internal_notes_and_private_people_never_appear(client, institution):
    org = f.OrganisationFactory(institution=institution)
    published = f.PartnershipFactory(
        institution=institution,
        organisations=[org],
        title_sv="Publicerat",
        published=True,
        slug="publicerat",
        internal_notes="HEMLIG ANTECKNING",
    )
    f.PartnershipFactory(institution=institution, title_sv="Opublicerat", published=False, slug="opublicerat")
    private = f.PersonFactory(
        institution=institution, first_name="Privat", last_name="Person", is_public=False
    )
    f.CoordinatorAssignmentFactory(person=private, partnership=None, role_title_sv="Samordnare")
    f.CoordinatorAssignmentFactory(person=private, partnership=published, role_title_sv="Samordnare")
    f.NewsItemFactory(institution=institution, title_sv="Opublicerad nyhet", published=False)
    for url in [
        "/partnerskap/",
        "/partnerskap/publicerat/",
        "/en/partnerships/",
        "/en/partnerships/publicerat/",
    ]:
        text = text_of(client.get(url))
        for secret in ["Opublicerat", "HEMLIG ANTECKNING", "Privat Person", "Opublicerad nyhet"]:
            assert secret not in text, (url, secret)
    assert client.get("/partnerskap/opublicerat/").status_code == 404


def test_public_pages_show_only_the_configured_institution(client, institution, other_institution, settings):
    f.PartnershipFactory(institution=other_institution, title_sv="Annans", published=True, slug="annans")
    settings.SAMVERKA_PUBLIC_INSTITUTION = "umu"
    assert "Annans" not in text_of(client.get("/partnerskap/"))
    assert client.get("/partnerskap/annans/").status_code == 404


def test_demo_is_idempotent(demo):
    counts = Partnership.objects.count()
    load_demo(with_users=False)
    assert counts == Partnership.objects.count() == 5
    from samverka.activities.models import Activity
    from samverka.directory.models import Person
    from samverka.news.models import NewsItem

    assert Person.objects.count() == 5 + 3  # the seed's coordinators and the governance demo's people
    assert NewsItem.objects.count() == 3
    fiqa = Activity.objects.get(title_sv__startswith="FIQA")
    assert fiqa.is_sample is False
    assert fiqa.children.count() == 2
    assert Activity.objects.filter(is_sample=False).count() == 1


def test_volvo_is_part_of_the_volvo_group_with_its_collaboration_forms(demo):
    volvo = Partnership.objects.get(slug="volvo-lastvagnar")
    org = volvo.organisations.get()
    assert (org.name, org.parent.name) == ("Volvo Lastvagnar AB", "AB Volvo (Volvokoncernen)")
    assert sorted(volvo.collaboration_forms.values_list("code", flat=True)) == sorted(
        [
            "degree-project",
            "internship",
            "joint-research-project",
            "joint-application",
            "seminar",
            "workshop",
        ]
    )


def _page_facts(page: str) -> dict[str, set[str]]:
    """What a public page shows a reader: contact names, focus areas and news titles."""
    contacts = re.findall(r'<li class="contact">\s*<strong>([^<]+)</strong>', page)
    areas = re.findall(r'<ul class="focus-areas">(.*?)</ul>', page, re.S)
    return {
        "contacts": {html.unescape(name) for name in contacts},
        "areas": {
            html.unescape(name.strip()) for block in areas for name in re.findall(r"<li>([^<]+)", block)
        },
        "news": {
            html.unescape(title)
            for title in re.findall(r'<article class="news-item"[^>]*>\s*<h3>(?:<a [^>]+>)?([^<]+)', page)
        },
    }


def _data_facts(data: dict) -> dict[str, set[str]]:
    partnerships = data.get("partnerships", [data])
    return {
        "contacts": {c["name"] for c in data["contacts"]}
        | {c["name"] for p in partnerships for c in p["coordinators"]},
        "areas": {area["name"] for p in partnerships for area in p["focus_areas"]},
        "news": {item["title"] for item in data["news"]},
    }


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_data_of_every_public_page_holds_what_the_page_shows(client, demo, language):
    """A web CMS that embeds the JSON shows what the page shows (a partnership's data once had
    no contacts while its page showed five)."""
    prefix = "/en" if language == "en" else ""
    with translation.override(language):
        pages = [reverse("public:partnership-list")] + [
            p.get_public_url() for p in Partnership.objects.filter(published=True)
        ]
    assert len(pages) == 6
    for page in pages:
        assert page.startswith(prefix + "/")
        shown = _page_facts(client.get(page).content.decode())
        data = _data_facts(client.get(page + "data.json").json())
        assert shown["contacts"] and shown["areas"] and (shown["news"] or page != pages[0]), page
        for fact, values in shown.items():
            assert values <= data[fact], (page, fact, values - data[fact])
