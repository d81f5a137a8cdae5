"""The plain-page floor of ``samverka bench``: a list's first rows as a minimal view reads them,
within the member's reach (the bare floor is measured in ``test_bench.py``)."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from samverka.benchmark.views import PlainListView
from tests import factories as f


def plain(user, name):
    request = RequestFactory().get(f"/bench/plain/{name}/")
    request.user = user
    request.session = {}
    return PlainListView.as_view()(request, name=name)


def test_the_plain_page_shows_the_lists_first_rows_of_the_members_institution(
    coordinator, institution, other_institution, settings
):
    settings.SAMVERKA_PAGE_SIZE = 3
    for n in range(4):
        f.OrganisationFactory(institution=institution, name=f"Egen {n}")
    f.OrganisationFactory(institution=other_institution, name="Annans AB")
    response = plain(coordinator, "organisations")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<tr>") == 3 and "Egen 0" in page and "Annans AB" not in page


@pytest.mark.parametrize("name", ["activities", "organisations", "people", "partnerships"])
def test_every_plain_page_answers(coordinator, name):
    assert plain(coordinator, name).status_code == 200


def test_an_unknown_list_is_not_found(coordinator):
    with pytest.raises(Http404):
        plain(coordinator, "secrets")


def test_the_plain_page_reads_what_its_list_shows(coordinator, institution, settings):
    """The partnership list shows each partnership's partner organisations and its count of
    activities: its plain page reads them too, or the floor would leave out what the list pays for."""
    partnership = f.PartnershipFactory(institution=institution, title_sv="Vätgasdalen")
    partnership.organisations.set([f.OrganisationFactory(institution=institution, name="Norrsken AB")])
    for _n in range(3):
        f.ActivityFactory(institution=institution, partnership=partnership)
    page = plain(coordinator, "partnerships").content.decode()
    row = next(line for line in page.split("<tr>") if "Vätgasdalen" in line)
    assert "<td>Norrsken AB</td>" in row and "<td>3</td>" in row
