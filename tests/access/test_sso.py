"""Single sign-on end to end: SAML 2.0 against pysaml2's IdP, OpenID Connect against node's oidc-provider."""

import time
from urllib.parse import parse_qsl, urlparse

import jwt
import pytest
from django.test import Client
from django.urls import reverse

from samverka.core.models import AuditEntry, Membership
from tests.saml_idp import IDP_SSO, IdentityProvider, key_and_certificate

ANNA = {
    "eduPersonPrincipalName": ["anna.andersson@example-university.se"],
    "mail": ["anna.andersson@example-university.se"],
    "displayName": ["Anna Andersson"],
    "givenName": ["Anna"],
    "sn": ["Andersson"],
    "eduPersonAffiliation": ["member", "employee", "staff"],
}


@pytest.fixture
def saml(settings, tmp_path, institution):
    """Samverka as a SAML service provider of a freshly made identity provider, and that IdP."""
    idp = IdentityProvider(tmp_path)
    settings.SAMVERKA_BASE_URL = "http://testserver"
    settings.SAMVERKA_SAML_IDP_METADATA = idp.metadata_file()
    settings.SAMVERKA_SAML_KEY_FILE, settings.SAMVERKA_SAML_CERT_FILE = key_and_certificate(tmp_path, "sp")
    settings.SAMVERKA_SSO_INSTITUTION = institution.slug
    metadata = Client().get(reverse("saml2_metadata"))
    assert metadata.status_code == 200
    idp.sp_metadata = metadata.content.decode()
    return idp


def saml_log_in(client, idp, identity, next_url="/app/"):
    start = client.get(reverse("saml2_login"), {"next": next_url})
    assert start.status_code == 302
    assert start["Location"].startswith(IDP_SSO)
    answer = idp.answer(start["Location"], identity)
    assert urlparse(answer["url"]).path == reverse("saml2_acs")
    return client.post(reverse("saml2_acs"), answer["fields"])


def test_the_service_provider_publishes_its_metadata(saml):
    xml = saml.sp_metadata
    assert 'entityID="http://testserver/saml2/metadata/"' in xml
    assert "http://testserver/saml2/acs/" in xml
    assert "X509Certificate" in xml
    assert "urn:oid:1.3.6.1.4.1.5923.1.1.1.6" in xml  # eduPersonPrincipalName is asked for


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
    assert (
        AuditEntry.objects.get(action="core.membership.created", object_id=membership.pk).changes["via"][
            "after"
        ]
        == "saml"
    )


def test_an_affiliation_without_a_role_gives_no_access(saml):
    student = {
        **ANNA,
        "eduPersonPrincipalName": ["stina@example-university.se"],
        "eduPersonAffiliation": ["student"],
    }
    client = Client()
    saml_log_in(client, saml, student)
    assert not Membership.objects.filter(user__username="stina@example-university.se").exists()
    assert client.get("/app/").status_code == 403


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


def test_the_log_in_page_offers_single_sign_on_when_configured(client, saml):
    page = client.get(reverse("login")).content.decode()
    assert reverse("saml2_login") in page


def test_without_configuration_the_sso_pages_are_not_found(client, settings):
    settings.SAMVERKA_SAML_IDP_METADATA = ""
    assert client.get(reverse("saml2_metadata")).status_code == 404
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert reverse("saml2_login") not in client.get(reverse("login")).content.decode()


# --- OpenID Connect ----------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def samverka_as_client_of(issuer: str, settings, institution) -> None:
    """Samverka configured as the client of the provider at ``issuer`` (its endpoints' paths)."""
    settings.OIDC_RP_CLIENT_ID = "samverka"
    settings.OIDC_RP_CLIENT_SECRET = "test-secret-of-the-client"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/me"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/jwks"
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
    """A provider's token and key endpoints over real HTTP, answering with the ID token a test
    made: signed by a key the key set holds, with whatever header and claims the test wants."""

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
                claims = {"sub": "u1", "email": "u1@example.se", "given_name": "Ulla"}
                self._json({"keys": provider.keys} if self.path == "/jwks" else claims)

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
    yield provider
    provider.server.shutdown()


def _callback(client, provider, claims, headers):
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
        headers,
    )
    return client.get(reverse("oidc_authentication_callback"), {"code": "c", "state": query["state"]})


ANSWERS = {
    "without a key id, the only key": ({}, {}, True),
    "with the key's id": ({}, {"kid": "k1"}, True),
    "with an unknown key id": ({}, {"kid": "k9"}, False),
    "expired": ({"exp": 1_000_000_000}, {"kid": "k1"}, False),
    "for another client": ({"aud": "someone-else"}, {"kid": "k1"}, False),
    "signed for another algorithm's header": ({}, {"kid": "k1", "alg": "none"}, False),
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


def test_a_provider_out_of_reach_ends_on_the_log_in_page(scripted_provider, settings):
    client = Client()
    settings.OIDC_OP_JWKS_ENDPOINT = "http://127.0.0.1:9/jwks"  # nothing listens there
    response = _callback(client, scripted_provider, {"sub": "u1"}, {"kid": "k1"})
    assert response["Location"] == reverse("login")
