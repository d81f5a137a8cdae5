"""Single sign-on end to end: SAML 2.0 against pysaml2's IdP, OpenID Connect against node's oidc-provider."""

import time
from urllib.parse import parse_qsl, urlparse

import jwt
import pytest
from django.test import Client
from django.urls import reverse

from samverka.core.models import AuditEntry, Membership
from tests.conftest import free_port
from tests.saml_idp import IDP_SSO, IdentityProvider, IdentityProviderServer, key_and_certificate

# What a SWAMID identity provider releases to a service provider of REFEDS Research &
# Scholarship: the scoped affiliation, never the unscoped eduPersonAffiliation.
ANNA = {
    "eduPersonPrincipalName": ["anna.andersson@example-university.se"],
    "mail": ["anna.andersson@example-university.se"],
    "displayName": ["Anna Andersson"],
    "givenName": ["Anna"],
    "sn": ["Andersson"],
    "eduPersonScopedAffiliation": [
        "member@example-university.se",
        "employee@example-university.se",
        "staff@example-university.se",
    ],
    "eduPersonAffiliation": ["member", "employee", "staff"],  # not released under R&S
}
SCOPE = "example-university.se"


def saml_settings(settings, tmp_path, institution, idp, base="https://testserver"):
    settings.SAMVERKA_BASE_URL = base
    settings.SAMVERKA_SAML_IDP_METADATA = idp.metadata_file()
    settings.SAMVERKA_SAML_KEY_FILE, settings.SAMVERKA_SAML_CERT_FILE = key_and_certificate(tmp_path, "sp")
    settings.SAMVERKA_SSO_INSTITUTION = institution.slug
    settings.SAMVERKA_SAML_TECHNICAL_CONTACT = "Samverka IT <samverka-it@example-university.se>"
    settings.SAMVERKA_SAML_SUPPORT_CONTACT = "servicedesk@example-university.se"
    settings.SAMVERKA_SAML_SECURITY_CONTACT = "CERT <cert@example-university.se>"
    institution.sso_scopes = SCOPE
    institution.website = "https://www.example-university.se/"
    institution.save()
    metadata = Client().get(reverse("saml2_metadata"))
    assert metadata.status_code == 200
    assert metadata["Content-Type"] == "application/samlmetadata+xml"
    idp.sp_metadata = metadata.content.decode()


@pytest.fixture
def saml(settings, tmp_path, institution):
    """Samverka as a SAML service provider of a freshly made identity provider, and that IdP."""
    idp = IdentityProvider(tmp_path)
    saml_settings(settings, tmp_path, institution, idp)
    return idp


def saml_log_in(client, idp, identity, next_url="/app/"):
    start = client.get(reverse("saml2_login"), {"next": next_url})
    assert start.status_code == 302
    assert start["Location"].startswith(IDP_SSO)
    answer = idp.answer(start["Location"], identity)
    assert urlparse(answer["url"]).path == reverse("saml2_acs")
    return client.post(reverse("saml2_acs"), answer["fields"])


def metadata_tree(xml: str):
    from lxml import etree

    return etree.fromstring(xml.encode())


def by_language(element, path: str) -> dict[str, str]:
    """The texts of ``path`` under ``element`` by their xml:lang."""
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    return {e.get(lang): e.text for e in element.findall(path, NS)}


NS = {
    "md": "urn:oasis:names:tc:SAML:2.0:metadata",
    "mdui": "urn:oasis:names:tc:SAML:metadata:ui",
    "mdattr": "urn:oasis:names:tc:SAML:metadata:attribute",
    "saml": "urn:oasis:names:tc:SAML:2.0:assertion",
    "alg": "urn:oasis:names:tc:SAML:metadata:algsupport",
    "remd": "http://refeds.org/metadata",
}


def test_the_metadata_is_valid_by_the_saml_metadata_schema(saml):
    """Validated against OASIS's schemas (SAML 2.0 metadata, metadata UI, entity attributes and
    algorithm support, as pysaml2 ships them): what a federation operator's tools check first."""
    from importlib.resources import files

    import saml2.data.schemas
    import xmlschema

    folder = files(saml2.data.schemas)
    names = {
        "http://www.w3.org/XML/1998/namespace": "xml.xsd",
        "http://www.w3.org/2000/09/xmldsig#": "xmldsig-core-schema.xsd",
        "http://www.w3.org/2001/04/xmlenc#": "xenc-schema.xsd",
        "urn:oasis:names:tc:SAML:2.0:assertion": "saml-schema-assertion-2.0.xsd",
        "urn:oasis:names:tc:SAML:2.0:metadata": "saml-schema-metadata-2.0.xsd",
        NS["mdui"]: "sstc-saml-metadata-ui-v1.0.xsd",
        NS["mdattr"]: "sstc-metadata-attr.xsd",
        NS["alg"]: "sstc-saml-metadata-algsupport-v1.0.xsd",
    }
    locations = [(namespace, str(folder.joinpath(name))) for namespace, name in names.items()]
    schema = xmlschema.XMLSchema(
        str(folder.joinpath("saml-schema-metadata-2.0.xsd")), locations=locations, allow="sandbox"
    )
    for namespace in (NS["mdui"], NS["mdattr"], NS["alg"]):
        schema.import_schema(namespace, str(folder.joinpath(names[namespace])))
    schema.validate(saml.sp_metadata)  # raises, naming the element, when it is not valid
    # … and a broken one is refused: the schema really checks what it is given
    broken = saml.sp_metadata.replace("OrganizationDisplayName", "OrganizationNickname")
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        schema.validate(broken)


def test_the_metadata_meets_swamids_rules(saml, institution):
    tree = metadata_tree(saml.sp_metadata)
    assert tree.get("entityID") == "https://testserver/saml2/metadata/"
    organisation = tree.find("md:Organization", NS)
    names = {"sv": institution.name_sv, "en": institution.name_en}
    assert by_language(organisation, "md:OrganizationName") == names
    assert by_language(organisation, "md:OrganizationDisplayName") == names
    assert by_language(organisation, "md:OrganizationURL") == dict.fromkeys(
        names, "https://www.example-university.se/"
    )
    contacts = {
        (c.get("contactType"), c.get(f"{{{NS['remd']}}}contactType")): (
            c.findtext("md:GivenName", namespaces=NS),
            c.findtext("md:EmailAddress", namespaces=NS),
        )
        for c in tree.findall("md:ContactPerson", NS)
    }
    assert contacts == {
        ("technical", None): ("Samverka IT", "mailto:samverka-it@example-university.se"),
        ("support", None): (None, "mailto:servicedesk@example-university.se"),
        ("other", "http://refeds.org/metadata/contactType/security"): (
            "CERT",
            "mailto:cert@example-university.se",
        ),
    }
    sp = tree.find("md:SPSSODescriptor", NS)
    ui = sp.find("md:Extensions/mdui:UIInfo", NS)
    display = by_language(ui, "mdui:DisplayName")
    assert display == {"sv": "Samverka – Umeå universitet", "en": "Samverka – Umeå University"}
    descriptions = by_language(ui, "mdui:Description")
    assert set(descriptions) == {"sv", "en"} and descriptions["sv"] != descriptions["en"]
    privacy = by_language(ui, "mdui:PrivacyStatementURL")
    assert privacy == {"sv": "https://testserver/integritet/", "en": "https://testserver/en/privacy/"}
    assert Client().get(urlparse(privacy["sv"]).path).status_code == 200
    assert Client().get(urlparse(privacy["en"]).path).status_code == 200
    service = sp.find("md:AttributeConsumingService", NS)
    assert by_language(service, "md:ServiceName") == display
    assert by_language(service, "md:ServiceDescription") == descriptions
    requested = {
        a.get("FriendlyName"): a.get("isRequired") for a in service.findall("md:RequestedAttribute", NS)
    }
    assert requested == {
        "eduPersonPrincipalName": "true",
        "mail": "false",
        "displayName": "false",
        "givenName": "false",
        "sn": "false",
        "eduPersonScopedAffiliation": "false",
    }
    categories = tree.xpath(
        "md:Extensions/mdattr:EntityAttributes/saml:Attribute[@Name='http://macedir.org/entity-category']"
        "/saml:AttributeValue/text()",
        namespaces=NS,
    )
    assert categories == [
        "http://refeds.org/category/research-and-scholarship",
        "https://refeds.org/category/code-of-conduct/v2",
    ]


def test_the_metadata_names_sha_256_algorithms_only_and_no_logout_service(saml):
    tree = metadata_tree(saml.sp_metadata)
    digests = tree.xpath("//alg:DigestMethod/@Algorithm", namespaces=NS)
    signing = tree.xpath("//alg:SigningMethod/@Algorithm", namespaces=NS)
    assert digests == ["http://www.w3.org/2001/04/xmlenc#sha256"]
    assert "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" in signing
    assert all("sha256" in algorithm for algorithm in signing), signing
    assert not tree.xpath("//md:SingleLogoutService", namespaces=NS)
    assert Client().get("/saml2/ls/").status_code == 404
    assert Client().get("/saml2/logout/").status_code == 404


def test_the_log_in_request_is_signed_with_sha_256(saml):
    start = Client().get(reverse("saml2_login"), {"next": "/app/"})
    query = dict(parse_qsl(urlparse(start["Location"]).query))
    assert set(query) == {"SAMLRequest", "RelayState", "SigAlg", "Signature"}, start["Location"]
    assert query["SigAlg"] == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"


def test_a_swamid_log_in_makes_a_staff_member(saml, institution):
    client = Client()
    response = saml_log_in(client, saml, ANNA)
    assert response.status_code == 302
    assert response["Location"] == "/app/"
    membership = Membership.objects.get(user__username="anna.andersson@example-university.se")
    user = membership.user
    assert (user.email, user.first_name, user.last_name) == (ANNA["mail"][0], "Anna", "Andersson")
    assert (membership.institution, membership.role) == (institution, "staff")
    assert client.get("/app/").status_code == 200
    assert AuditEntry.objects.filter(action="auth.user.logged_in", actor=user).exists()
    created = AuditEntry.objects.get(action="core.membership.created", object_id=membership.pk).changes
    assert created["via"]["after"] == "saml"
    # the identity provider released the scoped affiliation only (R&S), and that sufficed
    assert created["affiliation"]["after"] == sorted(ANNA["eduPersonScopedAffiliation"])


def without(identity: dict, *names) -> dict:
    return {name: values for name, values in identity.items() if name not in names}


# (the identity's principal name, its scoped affiliations) → the role it gets at Umeå (None: no membership)
SCOPES = {
    "an employee of the institution's scope": (
        "anna@example-university.se",
        ["employee@example-university.se"],
        "staff",
    ),
    "the scope in capitals": ("anna@example-university.se", ["Employee@EXAMPLE-UNIVERSITY.SE"], "staff"),
    "an employee of another scope": ("anna@example-university.se", ["employee@other.se"], None),
    "a person of another institution": ("anna@other.se", ["employee@other.se"], None),
    "another institution claiming ours": ("anna@other.se", ["employee@example-university.se"], None),
    "a student": ("stina@example-university.se", ["student@example-university.se"], None),
    "a student and an employee": (
        "stina@example-university.se",
        ["student@example-university.se", "faculty@example-university.se"],
        "staff",
    ),
}


@pytest.mark.parametrize("case", SCOPES, ids=list(SCOPES))
def test_only_affiliations_of_the_institutions_scopes_count(saml, case):
    principal, affiliations, role = SCOPES[case]
    identity = {
        **without(ANNA, "eduPersonAffiliation"),
        "eduPersonPrincipalName": [principal],
        "mail": [principal],
        "eduPersonScopedAffiliation": affiliations,
    }
    client = Client()
    saml_log_in(client, saml, identity)
    membership = Membership.objects.filter(user__username=principal).first()
    assert (membership.role if membership else None) == role
    assert client.get("/app/").status_code == (200 if role else 403)


def test_the_scope_picks_the_institution_of_a_national_installation(
    saml, settings, institution, other_institution
):
    """Without SAMVERKA_SSO_INSTITUTION, each institution's people land in their own."""
    settings.SAMVERKA_SSO_INSTITUTION = ""
    other_institution.sso_scopes = "other.se  annat.se"
    other_institution.save()
    for principal, expected in (
        ("anna@example-university.se", institution),
        ("olle@annat.se", other_institution),
    ):
        scope = principal.split("@")[1]
        saml_log_in(
            Client(),
            saml,
            {**ANNA, "eduPersonPrincipalName": [principal], "eduPersonScopedAffiliation": [f"staff@{scope}"]},
        )
        assert Membership.objects.get(user__username=principal).institution == expected


@pytest.mark.parametrize("named", [True, False])
def test_the_only_institution_without_scopes_takes_its_identity_providers_word(
    saml, settings, institution, named
):
    """As before scopes existed: one institution, named or the installation's only one."""
    institution.sso_scopes = ""
    institution.save()
    if not named:
        settings.SAMVERKA_SSO_INSTITUTION = ""
    saml_log_in(Client(), saml, {**ANNA, "eduPersonScopedAffiliation": ["employee@example-university.se"]})
    assert Membership.objects.get(user__username=ANNA["eduPersonPrincipalName"][0]).role == "staff"


def test_of_several_institutions_without_scopes_none_is_guessed(
    saml, settings, institution, other_institution
):
    institution.sso_scopes = ""
    institution.save()
    settings.SAMVERKA_SSO_INSTITUTION = ""
    saml_log_in(Client(), saml, ANNA)
    assert not Membership.objects.filter(user__username=ANNA["eduPersonPrincipalName"][0]).exists()


def test_scopes_that_are_not_domains_are_refused(institution):
    from django.core.exceptions import ValidationError

    institution.sso_scopes = "umu.se, @umu, umu"
    with pytest.raises(ValidationError) as refused:
        institution.full_clean()
    assert "@umu, umu" in str(refused.value)
    institution.sso_scopes = "umu.se, Student.UMU.se"
    institution.full_clean()
    assert institution.scopes == {"umu.se", "student.umu.se"}


def test_a_role_given_by_an_administrator_is_kept(saml, institution):
    client = Client()
    saml_log_in(client, saml, ANNA)
    Membership.objects.filter(user__username=ANNA["eduPersonPrincipalName"][0]).update(role="coordinator")
    client.post(reverse("logout"))
    saml_log_in(client, saml, ANNA)
    assert Membership.objects.get(user__username=ANNA["eduPersonPrincipalName"][0]).role == "coordinator"


def test_a_tampered_response_is_refused(saml):
    client = Client()
    start = client.get(reverse("saml2_login"), {"next": "/app/"})
    answer = saml.answer(start["Location"], ANNA)
    import base64

    xml = base64.b64decode(answer["fields"]["SAMLResponse"]).decode()
    forged = xml.replace("anna.andersson@example-university.se", "admin@example-university.se")
    answer["fields"]["SAMLResponse"] = base64.b64encode(forged.encode()).decode()
    response = client.post(reverse("saml2_acs"), answer["fields"])
    assert response.status_code in (400, 403)
    assert not Membership.objects.exists()
    assert client.get("/app/").status_code == 302


def test_the_saml_cookie_is_secure_for_the_identity_providers_cross_site_post(saml):
    start = Client().get(reverse("saml2_login"), {"next": "/app/"})
    cookie = start.cookies["saml_session"]
    assert (cookie["samesite"], cookie["secure"], cookie["httponly"]) == ("None", True, True)


@pytest.mark.parametrize(
    ("base", "starts"),
    [
        ("https://samverka.example-university.se", True),
        ("http://127.0.0.1:8000", True),  # make run
        ("http://localhost:8000", True),
        ("http://samverka.example-university.se", False),
        ("http://192.168.1.20:8000", False),
    ],
)
def test_over_plain_http_elsewhere_than_this_computer_the_log_in_explains(saml, settings, base, starts):
    settings.SAMVERKA_BASE_URL = base
    response = Client().get(reverse("saml2_login"), {"next": "/app/"}, follow=not starts)
    if starts:
        assert response.status_code == 302 and response["Location"].startswith(IDP_SSO)
    else:
        assert response.redirect_chain[0][0] == reverse("login")
        assert "kräver en krypterad anslutning (https)" in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_browser_logs_in_through_a_swamid_identity_provider(live_server, settings, tmp_path, page):
    """The whole way in a real browser, as at ``make run``: the identity provider on another site
    posts the answer back cross-site, so the SAML cookie must survive (SameSite=None, Secure)."""
    from tests import factories as f

    institution = f.InstitutionFactory(name_sv="Umeå universitet", name_en="Umeå University", slug="umu")
    server = IdentityProviderServer(tmp_path, ANNA)
    try:
        saml_settings(settings, tmp_path, institution, server.provider, base=live_server.url)
        page.goto(f"{live_server.url}/login/?next=/app/")
        page.get_by_role("link", name="Logga in med ditt konto vid lärosätet").click()
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(f"{live_server.url}/app/")
        assert page.get_by_role("heading", level=1).first.is_visible()
    finally:
        server.stop()
    membership = Membership.objects.get(user__username="anna.andersson@example-university.se")
    assert (membership.institution, membership.role) == (institution, "staff")


def test_the_log_in_page_offers_single_sign_on_when_configured(client, saml):
    page = client.get(reverse("login")).content.decode()
    assert reverse("saml2_login") in page


def test_without_configuration_the_sso_pages_are_not_found(client, settings):
    settings.SAMVERKA_SAML_IDP_METADATA = ""
    assert client.get(reverse("saml2_metadata")).status_code == 404
    assert client.get(reverse("saml2_login")).status_code == 404
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert reverse("saml2_login") not in client.get(reverse("login")).content.decode()


# --- OpenID Connect ----------------------------------------------------------------


def samverka_as_client_of(issuer: str, settings, institution) -> None:
    """Samverka configured as the client of the provider at ``issuer``, by its discovery document."""
    settings.OIDC_RP_CLIENT_ID = "samverka"
    settings.OIDC_RP_CLIENT_SECRET = "test-secret-of-the-client"
    settings.SAMVERKA_OIDC_DISCOVERY_URL = f"{issuer}/.well-known/openid-configuration"
    settings.SAMVERKA_SSO_INSTITUTION = institution.slug


@pytest.fixture
def oidc_provider(live_server, settings, institution, tmp_path):
    """node's oidc-provider on a free port, and Samverka configured as its client."""
    import subprocess
    from pathlib import Path

    port = free_port()
    callback = f"{live_server.url}{reverse('oidc_authentication_callback')}"
    script = Path(__file__).resolve().parents[1] / "oidc" / "provider.mjs"
    node_modules = Path(__file__).resolve().parents[2] / "node_modules"
    assert (node_modules / "oidc-provider").exists(), "make test installs oidc-provider from npm"
    log = tmp_path / "oidc-provider.log"
    import os

    import time_machine

    # The provider's clock is the tests' clock, also when SAMVERKA_TEST_CLOCK moves it.
    offset = (
        time.time() - time_machine.escape_hatch.time.time()
        if time_machine.escape_hatch.is_travelling()
        else 0
    )
    env = {**os.environ, "CLOCK_OFFSET_MS": str(int(offset * 1000))}
    with log.open("w") as out:
        process = subprocess.Popen(
            ["node", str(script), str(port), callback],
            cwd=node_modules.parent,
            stdout=out,
            stderr=out,
            env=env,
        )
    deadline = time.monotonic() + 20
    while "listening" not in log.read_text() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "listening" in log.read_text(), log.read_text()
    issuer = f"http://127.0.0.1:{port}"
    samverka_as_client_of(issuer, settings, institution)
    settings.OIDC_RP_SCOPES = "openid email profile roles"
    settings.SAMVERKA_SSO_AFFILIATION_ROLES = {"employee": "staff", "management": "management"}
    yield issuer
    process.terminate()
    process.wait(timeout=10)


def oidc_log_in(page, base, username):
    page.goto(f"{base}/login/?next=/app/")
    page.get_by_role("link", name="Logga in med din organisations konto").click()
    # the provider's own log-in and consent pages
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill("anything")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/app/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_openid_connect_log_in_with_pkce_makes_a_member(oidc_provider, live_server, page):
    requests_seen = []
    page.on("request", lambda r: requests_seen.append(r.url))
    oidc_log_in(page, live_server.url, "erik")
    membership = Membership.objects.get(user__username="erik@example-university.se")
    assert (membership.role, membership.user.first_name, membership.user.last_name) == ("staff", "Erik", "Ek")
    authorize = next(url for url in requests_seen if url.startswith(f"{oidc_provider}/auth"))
    assert "code_challenge=" in authorize and "code_challenge_method=S256" in authorize
    assert "Start" in page.content()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_openid_connect_role_claim_gives_its_role(oidc_provider, live_server, page):
    oidc_log_in(page, live_server.url, "chef")
    assert Membership.objects.get(user__username="chef@example-university.se").role == "management"


# --- answers a provider may really give, which must never be a server error ----------------


class _ScriptedProvider:
    """A provider's discovery document, token, key and userinfo endpoints over real HTTP,
    answering with the ID token a test made: signed by a key the key set holds, with whatever
    header and claims the test wants (shaped as Entra ID's: the roles in the ID token only)."""

    def __init__(self):
        import json
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        from cryptography.hazmat.primitives.asymmetric import rsa
        from jwt.algorithms import RSAAlgorithm

        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        self.keys = [{**public, "use": "sig", "alg": "RS256", "kid": "k1"}]
        self.id_token = ""
        self.userinfo = {"sub": "u1", "email": "u1@example.se", "given_name": "Ulla"}
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def _json(self, body):
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self._json({"id_token": provider.id_token, "access_token": "a", "token_type": "Bearer"})

            def do_GET(self):
                if self.path == "/.well-known/openid-configuration":
                    self._json(
                        {
                            "issuer": provider.url,
                            "authorization_endpoint": f"{provider.url}/authorize",
                            "token_endpoint": f"{provider.url}/token",
                            "userinfo_endpoint": f"{provider.url}/userinfo",
                            "jwks_uri": f"{provider.url}/jwks",
                        }
                    )
                else:
                    self._json({"keys": provider.keys} if self.path == "/jwks" else provider.userinfo)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def sign(self, claims: dict, headers: dict) -> str:
        if headers.get("alg") == "none":  # unsigned: what an attacker would send
            return jwt.encode(claims, None, algorithm="none", headers=headers)
        return jwt.encode(claims, self.key, algorithm="RS256", headers=headers)


@pytest.fixture
def scripted_provider(settings, institution):
    provider = _ScriptedProvider()
    samverka_as_client_of(provider.url, settings, institution)
    settings.SAMVERKA_SSO_AFFILIATION_ROLES = {"employee": "staff", "Samverka.Management": "management"}
    yield provider
    provider.server.shutdown()


def _callback(client, provider, claims, headers=None):
    """The browser's return from the provider, with the state and nonce of its own start."""
    start = client.get(reverse("oidc_authentication_init"))
    query = dict(parse_qsl(urlparse(start["Location"]).query))
    now = int(time.time())
    provider.id_token = provider.sign(
        {
            "iss": provider.url,
            "aud": "samverka",
            "iat": now,
            "exp": now + 300,
            "nonce": query["nonce"],
            **claims,
        },
        {"kid": "k1"} if headers is None else headers,
    )
    return client.get(reverse("oidc_authentication_callback"), {"code": "c", "state": query["state"]})


ANSWERS = {
    "without a key id, the only key": ({}, {}, True),
    "with the key's id": ({}, {"kid": "k1"}, True),
    "with an unknown key id": ({}, {"kid": "k9"}, False),
    "expired": ({"exp": 1_000_000_000}, {"kid": "k1"}, False),
    "for another client": ({"aud": "someone-else"}, {"kid": "k1"}, False),
    "from another issuer": ({"iss": "https://login.example.com/other-tenant/v2.0"}, {"kid": "k1"}, False),
    "signed for another algorithm's header": ({}, {"kid": "k1", "alg": "none"}, False),
    "without a subject": ({"sub": ""}, {"kid": "k1"}, False),
}


@pytest.mark.parametrize("answer", ANSWERS, ids=list(ANSWERS))
def test_every_answer_of_the_provider_ends_on_a_page_never_a_server_error(scripted_provider, answer):
    claims, headers, logs_in = ANSWERS[answer]
    client = Client()
    response = _callback(
        client, scripted_provider, {"sub": "u1", "email": "u1@example.se", **claims}, headers
    )
    assert response.status_code == 302
    if logs_in:
        assert response["Location"] == "/app/"
        assert client.session.get("_auth_user_id")
    else:
        assert response["Location"] == reverse("login")
        page = client.get(response["Location"]).content.decode()
        assert "Inloggningen med din organisations konto lyckades inte." in page
        assert "_auth_user_id" not in client.session


def test_a_provider_with_two_keys_and_a_token_naming_none_is_refused(scripted_provider):
    scripted_provider.keys = [*scripted_provider.keys, {**scripted_provider.keys[0], "kid": "k2"}]
    response = _callback(Client(), scripted_provider, {"sub": "u1"}, {})
    assert response["Location"] == reverse("login")


def test_a_key_set_out_of_reach_ends_on_the_log_in_page(scripted_provider):
    client = Client()
    client.get(reverse("oidc_authentication_init"))  # the discovery document is read and kept
    scripted_provider.server.shutdown()
    scripted_provider.server.server_close()
    start = client.get(reverse("oidc_authentication_init"))
    query = dict(parse_qsl(urlparse(start["Location"]).query))
    response = client.get(reverse("oidc_authentication_callback"), {"code": "c", "state": query["state"]})
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_a_provider_out_of_reach_ends_on_the_log_in_page(scripted_provider, settings):
    client = Client()
    settings.SAMVERKA_OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    response = client.get(reverse("oidc_authentication_init"))  # nothing listens there
    assert response["Location"] == reverse("login")
    assert (
        "Inloggningen med din organisations konto lyckades inte."
        in client.get(reverse("login")).content.decode()
    )


def test_the_roles_of_the_id_token_give_the_role_as_entra_id_sends_them(scripted_provider, institution):
    """Entra ID puts app roles in the ID token and never in the userinfo response."""
    client = Client()
    scripted_provider.userinfo = {"sub": "u1", "email": "u1@example.se", "name": "Ulla Berg"}
    claims = {
        "sub": "u1",
        "oid": "b7f2c3d4",
        "roles": ["Samverka.Management"],
        "preferred_username": "ulla@example.se",
    }
    assert _callback(client, scripted_provider, claims)["Location"] == "/app/"
    membership = Membership.objects.get(user__external_identities__subject="u1")
    assert (membership.institution, membership.role) == (institution, "management")
    assert (membership.user.email, membership.user.first_name, membership.user.last_name) == (
        "u1@example.se",
        "Ulla",
        "Berg",
    )
    assert client.get("/app/").status_code == 200


def test_the_account_is_the_providers_subject_not_the_e_mail_address(scripted_provider):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    _callback(Client(), scripted_provider, {"sub": "u1", "email": "u1@example.se", "roles": ["employee"]})
    first = User.objects.get(
        external_identities__subject="u1", external_identities__issuer=scripted_provider.url
    )
    # the organisation changes her address: the same account, with the new address
    scripted_provider.userinfo = {"sub": "u1", "email": "ulla.berg@example.se"}
    _callback(Client(), scripted_provider, {"sub": "u1", "email": "ulla.berg@example.se"})
    first.refresh_from_db()
    assert first.email == "ulla.berg@example.se"
    # … and gives her old address to someone else: another account, not hers
    scripted_provider.userinfo = {"sub": "u2", "email": "u1@example.se"}
    client = Client()
    _callback(client, scripted_provider, {"sub": "u2", "email": "u1@example.se", "roles": ["employee"]})
    second = User.objects.get(external_identities__subject="u2")
    assert second != first
    assert int(client.session["_auth_user_id"]) == second.pk
    assert User.objects.count() == 2


def test_a_userinfo_answer_about_someone_else_is_refused(scripted_provider):
    scripted_provider.userinfo = {"sub": "someone-else", "email": "boss@example.se"}
    client = Client()
    assert _callback(client, scripted_provider, {"sub": "u1"})["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_an_account_made_by_single_sign_on_before_is_taken_over_once(scripted_provider):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    earlier = User.objects.create_user("u1@example.se")  # keyed by e-mail, no password
    with_password = User.objects.create_user("u2@example.se", password="a local password")
    _callback(Client(), scripted_provider, {"sub": "u1", "email": "u1@example.se"})
    assert earlier.external_identities.get().subject == "u1"
    scripted_provider.userinfo = {"sub": "u2", "email": "u2@example.se"}
    _callback(Client(), scripted_provider, {"sub": "u2", "email": "u2@example.se"})
    assert not with_password.external_identities.exists()  # a local account is never taken over
    assert User.objects.get(external_identities__subject="u2").username.startswith("oidc-")


def test_the_four_endpoints_and_the_issuer_may_be_given_instead_of_discovery(scripted_provider, settings):
    url = scripted_provider.url
    settings.SAMVERKA_OIDC_DISCOVERY_URL = ""
    settings.SAMVERKA_OIDC_ISSUER = url
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{url}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{url}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{url}/jwks"
    assert _callback(Client(), scripted_provider, {"sub": "u1"})["Location"] == "/app/"
    settings.SAMVERKA_OIDC_ISSUER = "https://login.example.com/another/v2.0"
    assert _callback(Client(), scripted_provider, {"sub": "u1"})["Location"] == reverse("login")


def test_a_password_log_in_asks_no_provider(scripted_provider, settings, coordinator):
    """Every backend is asked at a password log-in: the OpenID Connect one must not reach out."""
    settings.SAMVERKA_OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    from tests.conftest import PASSWORD

    coordinator.set_password(PASSWORD)
    coordinator.save()
    client = Client()
    response = client.post(reverse("login"), {"username": coordinator.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(coordinator.pk)


def test_the_checks_say_what_a_federation_or_provider_would_refuse(saml, settings, institution):
    from samverka.access.checks import sso_settings

    assert sso_settings(None) == []
    institution.sso_scopes = ""
    institution.save()
    [unscoped] = sso_settings(None)
    assert (unscoped.id, "umu" in unscoped.msg) == ("samverka.W003", True)
    institution.sso_scopes = "umu.se"
    institution.save()
    settings.SAMVERKA_SAML_TECHNICAL_CONTACT = settings.SAMVERKA_SAML_SUPPORT_CONTACT = ""
    settings.SAMVERKA_BASE_URL = "http://samverka.example-university.se"
    assert [problem.id for problem in sso_settings(None)] == ["samverka.W001", "samverka.W002"]
    settings.SAMVERKA_SAML_IDP_METADATA = ""
    settings.OIDC_RP_CLIENT_ID = "samverka"
    settings.SAMVERKA_OIDC_DISCOVERY_URL = ""
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example.com/authorize"
    [problem] = sso_settings(None)
    assert problem.id == "samverka.E001"
    assert "SAMVERKA_OIDC_ISSUER" in problem.msg and "SAMVERKA_OIDC_AUTHORIZATION_ENDPOINT" not in problem.msg
