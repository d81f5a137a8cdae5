"""End to end in a real browser: Debian's chromium driven by Playwright, checked by axe-core."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from samverka.activities.domain import ensure_standard_activity_types
from tests import factories as f

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def axe_violations(page, *, best_practice: bool = False) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA rules (and its best practices: heading order, unique
    landmarks …) on the page as it stands."""
    assert AXE.exists(), "make test installs axe-core from npm"
    # Evaluated by the browser's tools, not as a <script> the page's CSP would block.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    rules = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] + (["best-practice"] if best_practice else [])
    result = page.evaluate("async (rules) => await axe.run(document, {runOnly: rules})", rules)
    return [{"id": v["id"], "nodes": [n["html"] for n in v["nodes"]][:3]} for v in result["violations"]]


def test_coordinator_publishes_a_partnership_and_the_public_sees_it(live_server, page):
    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    ensure_standard_activity_types(institution)
    f.MembershipFactory(institution=institution, role="coordinator", user__username="anna")
    f.OrganisationFactory(institution=institution, name="Skellefteå kommun", type="municipality")
    base = live_server.url

    page.goto(f"{base}/app/")
    page.get_by_label("Användarnamn").fill("anna")
    page.get_by_label("Lösenord").fill("correct horse battery")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Partnerskap vid Umeå universitet")
    assert axe_violations(page) == []

    # A new partnership, not yet published.
    page.get_by_role("link", name="Partnerskap", exact=True).click()
    page.get_by_role("link", name="Lägg till ny").click()
    page.get_by_label("Titel (svenska)").fill("Skellefteå kommun")
    page.get_by_label("Partnerorganisationer:", exact=True).fill("Skellefteå kommun")
    page.get_by_label("Status:", exact=True).select_option(label="aktivt")
    page.get_by_label("Startdatum:", exact=True).fill("2020-12-01")
    page.get_by_label("Startdatumet känt på").select_option(label="månad")
    page.get_by_label("Publik beskrivning (svenska)").fill("Långsiktiga former för samverkan.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skellefteå kommun")
    detail_url = page.url

    # A focus area.
    page.get_by_role("link", name="Lägg till ett fokusområde").click()
    page.get_by_label("Namn (svenska)").fill("Hållbar samhällsutveckling")
    page.get_by_role("button", name="Spara").click()
    page.goto(detail_url)
    expect(page.get_by_role("link", name="Hållbar samhällsutveckling")).to_be_visible()

    # An activity in that focus area.
    page.get_by_role("link", name="Registrera en aktivitet").first.click()
    page.get_by_label("Samverkansform:", exact=True).select_option(label="Gästföreläsning")
    page.get_by_label("Titel (svenska)").fill("Gästföreläsning om AI i kommunen")
    page.get_by_label("Fokusområde:", exact=True).select_option(
        label="Skellefteå kommun – Hållbar samhällsutveckling"
    )
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gästföreläsning om AI i kommunen")
    assert axe_violations(page) == []

    # The search box in the header finds all three by a form of their words.
    page.get_by_role("searchbox", name="Sök i allt").fill("kommunens")
    page.get_by_role("searchbox", name="Sök i allt").press("Enter")
    expect(page.get_by_role("heading", name="Partnerskap (1)")).to_be_visible()
    expect(page.get_by_role("heading", name="Organisationer (1)")).to_be_visible()
    expect(page.get_by_role("link", name="Gästföreläsning om AI i kommunen")).to_be_visible()
    expect(page.locator("mark", has_text="kommunen").first).to_be_visible()
    assert axe_violations(page) == []

    # Not public yet.
    page.goto(f"{base}/partnerskap/")
    expect(page.get_by_text("Inga partnerskap är publicerade än.")).to_be_visible()

    # Publish it.
    page.goto(detail_url)
    page.get_by_role("link", name="Redigera").click()
    page.get_by_label("Publicerad:", exact=True).check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Dina ändringar av ”Skellefteå kommun” har sparats.")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Gästföreläsning", exact=True)).to_be_visible()

    # The public sees it, in Swedish and in English.
    page.goto(f"{base}/partnerskap/")
    expect(page.get_by_role("heading", name="Skellefteå kommun")).to_be_visible()
    expect(page.get_by_text("Partnerskap sedan december 2020")).to_be_visible()
    expect(page.get_by_text("Hållbar samhällsutveckling")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="In English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategic partnerships")
    assert page.url.endswith("/en/partnerships/")
    expect(page.get_by_text("Partnership since December 2020")).to_be_visible()
    assert axe_violations(page) == []


def test_public_demo_page_is_accessible_and_keyboard_navigable(live_server, page):
    from samverka.demo.loader import load_demo

    load_demo(with_users=False)
    page.goto(f"{live_server.url}/partnerskap/")
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till innehållet"


def log_in(page, base, username):
    page.goto(f"{base}/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("correct horse battery")
    page.get_by_role("button", name="Logga in").click()


def test_an_administrator_sets_up_two_factor_and_manages_access(live_server, page):
    """The administrator's pages, through the real log-in with a TOTP code; each page checked by axe."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    partnership = f.PartnershipFactory(institution=institution, title_sv="Umeå kommun")
    f.MembershipFactory(institution=institution, role="admin", user__username="ada")
    f.MembershipFactory(institution=institution, role="viewer", user__username="ville")
    base = live_server.url

    log_in(page, base, "ada")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ställ in tvåfaktorsinloggning")
    assert axe_violations(page) == []
    device = TOTPDevice.objects.get(user__username="ada")
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Kod från din autentiseringsapp").fill(f"{code:06d}")
    page.get_by_role("button", name="Slå på").click()
    expect(page.get_by_text("Tvåfaktorsinloggning är påslagen")).to_be_visible()

    page.get_by_role("link", name="Användare och roller").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="ville").click()
    assert axe_violations(page) == []
    page.get_by_label("Roll").select_option(label="ledning")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Behörigheten för ville sparades.")).to_be_visible()

    page.get_by_role("link", name="Händelselogg").click()
    expect(page.get_by_role("cell", name="behörighet ändrad")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Partnerrepresentanter").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Bjud in en partnerrepresentant").click()
    page.get_by_label("Partnerskap").select_option(label=partnership.title)
    assert axe_violations(page) == []

    # the submitter of an idea withdraws their consent
    idea = f.IdeaFactory(partnership=partnership, submitter_name="Eva Exempel")
    page.goto(f"{base}{idea.get_absolute_url()}")
    expect(page.get_by_text("Eva Exempel")).to_be_visible()
    page.get_by_role("link", name="Radera vem som skickade idén (samtycket återkallat)").click()
    assert axe_violations(page) == []
    page.get_by_label("Skäl").fill("Samtycket återkallat per e-post 2026-12-01")
    page.get_by_role("button", name="Ja, radera").click()
    expect(page.get_by_text("Uppgifterna om vem som skickade idén raderades")).to_be_visible()
    expect(page.get_by_text("Eva Exempel")).to_have_count(0)

    page.get_by_role("link", name="Personuppgifter").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Registerförteckning (GDPR art. 30)").click()
    assert axe_violations(page) == []
    page.goto(f"{base}/account/")
    assert axe_violations(page) == []


def test_a_partner_accepts_an_invitation_and_sees_their_partnership(live_server, page):
    from django.utils import timezone

    from samverka.access.domain import new_token

    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    org = f.OrganisationFactory(institution=institution, name="Umeå kommun")
    partnership = f.PartnershipFactory(institution=institution, title_sv="Umeå kommun", organisations=[org])
    f.PartnershipFactory(institution=institution, title_sv="Volvo Lastvagnar")
    token, digest = new_token()
    f.InvitationFactory(
        partnership=partnership,
        organisation=org,
        email="kim@umea.example.se",
        token_digest=digest,
        expires_at=timezone.now() + timezone.timedelta(days=3),
    )
    base = live_server.url

    page.goto(f"{base}/invitation/{token}/")
    assert axe_violations(page) == []
    page.get_by_label("Förnamn").fill("Kim")
    page.get_by_label("Efternamn").fill("Kommunsson")
    page.get_by_label("Lösenord:", exact=True).fill("Ljusblå-Lastbil-7")
    page.get_by_label("Samma lösenord igen").fill("Ljusblå-Lastbil-7")
    page.get_by_role("button", name="Skapa kontot och anta inbjudan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Era partnerskap med Umeå universitet")
    expect(page.get_by_role("link", name="Umeå kommun", exact=True)).to_be_visible()
    expect(page.get_by_text("Volvo Lastvagnar")).to_have_count(0)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Umeå kommun", exact=True).click()
    assert axe_violations(page) == []
    page.goto(f"{base}/integritet/")
    assert axe_violations(page) == []


def test_the_api_documentation_page_works_under_the_content_security_policy(live_server, page):
    """Swagger UI from the site itself; the page fixture fails on anything the CSP blocks."""
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Samverka API")
    # Swagger UI draws only the operations in view (a virtual list): scroll down to the partnerships.
    partnerships = page.get_by_text("/api/v1/partnerships/", exact=True).first
    for _scroll in range(60):
        if partnerships.count():
            break
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(100)
    expect(partnerships).to_be_visible()


def test_a_coordinator_imports_organisations_from_a_swedish_excel_csv(live_server, page, tmp_path):
    """Upload a semicolon-separated Windows-1252 file, see the columns guessed, check, import."""
    institution = f.InstitutionFactory(name_sv="Umeå universitet", slug="umu")
    f.MembershipFactory(institution=institution, role="coordinator", user__username="anna")
    f.OrganisationFactory(institution=institution, name="Skellefteå kommun", type="municipality")
    upload = tmp_path / "organisationer.csv"
    rows = [
        "Namn;Org.nr;Typ",
        "Skelleftea kommun;212000-2411;kommun",
        "Nordlig Energi AB;559000-0005;företag",
    ]
    upload.write_bytes("\n".join(rows).encode("cp1252"))
    base = live_server.url
    page.goto(f"{base}/app/")
    page.get_by_label("Användarnamn").fill("anna")
    page.get_by_label("Lösenord").fill("correct horse battery")
    page.get_by_role("button", name="Logga in").click()

    page.get_by_role("link", name="Importer", exact=True).click()
    page.get_by_role("link", name="Lägg till ny").click()
    assert axe_violations(page) == []
    page.get_by_label("Vad filen innehåller").select_option(label="Organisationer")
    page.get_by_label("Fil:", exact=True).set_input_files(str(upload))
    page.get_by_role("button", name="Ladda upp och välj kolumner").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("organisationer.csv")
    expect(page.get_by_label("Org.nr")).to_have_value("org_number")  # guessed from the name
    assert axe_violations(page) == []
    page.get_by_role("button", name="Kontrollera filen").click()
    expect(page.get_by_role("heading", name="Kontrollen hittade inga fel")).to_be_visible()
    expect(page.get_by_role("row", name="Skulle skapas 2")).to_be_visible()
    expect(page.get_by_role("heading", name="Troliga dubbletter")).to_be_visible()  # Skelleftea ~ Skellefteå
    assert axe_violations(page) == []
    page.get_by_role("button", name="Importera 2 rader").click()
    expect(page.get_by_role("heading", name="Importerad", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Gå till organisationer").click()
    expect(page.get_by_role("link", name="Nordlig Energi AB")).to_be_visible()
