"""The accessibility statement (tillgänglighetsredogörelse): published at a public address in both
languages, on DIGG's model, and linked from the footer of every kind of page."""

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.public.accessibility import DIGG_REPORT, KNOWN_GAPS
from tests.conftest import client_for
from tests.public.test_public import text_of


@pytest.mark.parametrize(
    ("language", "address", "headings"),
    [
        ("sv", "/tillganglighet/", ["Hur tillgänglig är tjänsten?", "Tillsyn", "Hur vi testat tjänsten"]),
        (
            "en",
            "/en/accessibility/",
            ["How accessible is the service?", "Supervision", "How we tested the service"],
        ),
    ],
)
def test_the_statement_is_public_in_both_languages(
    client, institution, settings, language, address, headings
):
    settings.SAMVERKA_ACCESSIBILITY_EMAIL = "tillganglighet@umu.example"
    with translation.override(language):
        assert reverse("public:accessibility") == address
    response = client.get(address)
    assert response.status_code == 200
    text = text_of(response)
    assert all(heading in text for heading in headings)
    assert institution.name in text and "tillganglighet@umu.example" in text
    assert f'href="{DIGG_REPORT}"' in response.content.decode()
    with translation.override(language):
        assert all(str(title) in text and str(gap) in text for title, gap in KNOWN_GAPS)


def test_every_kind_of_page_links_to_the_statement(client, coordinator, institution):
    statement = f'href="{reverse("public:accessibility")}"'
    signed_in = client_for(coordinator)
    pages = [
        (client, reverse("public:partnership-list")),
        (client, reverse("public:national")),
        (client, reverse("login")),
        (client, reverse("public:idea-submit")),
        (signed_in, reverse("workspace:start")),
        (signed_in, reverse("activities:activity-list")),
    ]
    for who, url in pages:
        response = who.get(url)
        assert response.status_code == 200, url
        assert statement in response.content.decode(), url
