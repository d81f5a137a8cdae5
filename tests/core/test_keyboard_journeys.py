"""The main tasks with the keyboard alone, in a real browser (Debian's chromium), with the focus
checked after every error: the error summary takes it and the page's title begins "Fel:", so a
keyboard or screen-reader user starts at what to correct (WCAG 2.4.3, 3.3.1). Logging in and
registering an activity are here; answering an assessment, writing the minutes, sending a public
idea and moving an idea on the board are in their apps' browser tests."""

import pytest
from playwright.sync_api import expect

from samverka.activities.models import Activity
from tests import factories as f
from tests.workspace.test_browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def institution():
    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    f.ActivityTypeFactory(institution=institution, name_sv="Gästföreläsning")
    f.MembershipFactory(institution=institution, role="coordinator", user__username="sara")
    return institution


def type_in(page, label: str, text: str) -> None:
    """Tab to the field named ``label`` and type, as a keyboard user does."""
    field = page.get_by_label(label).first
    for _ in range(40):
        if field.evaluate("e => e === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(field).to_be_focused()
    page.keyboard.type(text)


def expect_errors_first(page) -> None:
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    assert page.title().startswith("Fel:")
    assert axe_violations(page) == []


def test_logging_in_with_the_keyboard_starts_again_at_the_error(live_server, page, institution):
    page.goto(f"{live_server.url}/app/")
    type_in(page, "Användarnamn", "sara")
    type_in(page, "Lösenord", "fel lösenord")
    page.keyboard.press("Enter")
    expect_errors_first(page)
    expect(page.locator("#error-summary")).to_contain_text("Användarnamnet eller lösenordet är fel")
    type_in(page, "Lösenord", "correct horse battery")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Umeå universitet")


def test_registering_an_activity_with_the_keyboard_starts_again_at_the_error(live_server, page, institution):
    base = live_server.url
    page.goto(f"{base}/app/")
    type_in(page, "Användarnamn", "sara")
    type_in(page, "Lösenord", "correct horse battery")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Umeå universitet")
    page.goto(f"{base}/app/activities/new/")
    type_in(page, "Samverkansform", "G")  # a select takes the first letters of its choice
    page.get_by_role("button", name="Spara").press("Enter")  # the title is missing
    expect_errors_first(page)
    assert not Activity.objects.exists()
    type_in(page, "Titel (svenska)", "Gästföreläsning om vätgas")
    page.get_by_role("button", name="Spara").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gästföreläsning om vätgas")
    assert Activity.objects.get().type.name_sv == "Gästföreläsning"
