"""A real SAML 2.0 identity provider for the tests: pysaml2's own IdP (``saml2.server.Server``),
with its own key and certificate, signing with Debian's xmlsec1 — as a SWAMID member's IdP would:
it releases the attributes the service provider's entity categories in its metadata call for
(SWAMID's release policy: REFEDS Research & Scholarship gives the name, e-mail,
eduPersonPrincipalName and eduPersonScopedAffiliation), and nothing else."""

import datetime
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import saml2
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_TRANSIENT, NameID
from saml2.server import Server

IDP_ENTITY = "https://idp.example-university.se/idp/shibboleth"
IDP_SSO = "https://idp.example-university.se/idp/profile/SAML2/Redirect/SSO"


def key_and_certificate(folder: Path, name: str) -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / f"{name}.key", folder / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return str(key_path), str(cert_path)


class IdentityProvider:
    def __init__(self, folder: Path, sso_url: str = IDP_SSO):
        self.key, self.cert = key_and_certificate(folder, "idp")
        self.folder = folder
        self.sso_url = sso_url
        self.sp_metadata = None

    def config(self) -> dict:
        config = {
            "entityid": IDP_ENTITY,
            "xmlsec_binary": shutil.which("xmlsec1"),
            "attribute_map_dir": str(Path(saml2.__file__).parent / "attributemaps"),
            "service": {
                "idp": {
                    "name": "Test university IdP",
                    "endpoints": {"single_sign_on_service": [(self.sso_url, BINDING_HTTP_REDIRECT)]},
                    "name_id_format": [NAMEID_FORMAT_TRANSIENT],
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 15},
                            "name_form": NAME_FORMAT_URI,
                            "entity_categories": ["swamid"],
                        }
                    },
                }
            },
            "key_file": self.key,
            "cert_file": self.cert,
        }
        if self.sp_metadata:
            config["metadata"] = {"inline": [self.sp_metadata]}
        return config

    def metadata_file(self) -> str:
        conf = IdPConfig()
        conf.load(self.config())
        path = self.folder / "idp-metadata.xml"
        path.write_text(str(entity_descriptor(conf)))
        return str(path)

    def answer(self, redirect_url: str, identity: dict) -> dict:
        """Read the service provider's AuthnRequest (HTTP-Redirect) and answer it as the user would
        after logging in at the IdP: the form fields the browser posts to the SP (HTTP-POST)."""
        conf = IdPConfig()
        conf.load(self.config())
        server = Server(config=conf)
        query = parse_qs(urlparse(redirect_url).query)
        request = server.parse_authn_request(query["SAMLRequest"][0], BINDING_HTTP_REDIRECT)
        message = request.message
        destination, _binding = next(
            (loc, b) for loc, b in [(message.assertion_consumer_service_url, BINDING_HTTP_POST)] if loc
        )
        response = server.create_authn_response(
            identity,
            in_response_to=message.id,
            destination=destination,
            sp_entity_id=message.issuer.text,
            name_id=NameID(format=NAMEID_FORMAT_TRANSIENT, text="transient-4711"),
            authn={"class_ref": saml2.saml.AUTHN_PASSWORD_PROTECTED, "authn_auth": IDP_ENTITY},
            sign_assertion=True,
            sign_response=True,
        )
        relay_state = query.get("RelayState", [""])[0]
        http = server.apply_binding(BINDING_HTTP_POST, str(response), destination, relay_state, response=True)
        html = http["data"]
        fields = dict(re.findall(r'name="(SAMLResponse|RelayState)" value="([^"]*)"', html))
        return {"url": destination, "fields": fields}


class IdentityProviderServer:
    """The identity provider over HTTP on this computer, for a browser: its single sign-on
    address answers a service provider's request as if ``identity`` had logged in there, with
    the page that posts the answer back to the service provider."""

    def __init__(self, folder: Path, identity: dict):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        idp = self
        self.identity = identity

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                answer = idp.provider.answer(self.path, idp.identity)
                inputs = "".join(
                    f'<input type="hidden" name="{name}" value="{value}">'
                    for name, value in answer["fields"].items()
                )
                page = (
                    f'<!doctype html><title>IdP</title><form method="post" action="{answer["url"]}">'
                    f'{inputs}<button type="submit">Continue</button></form>'
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.provider = IdentityProvider(folder, f"http://127.0.0.1:{self.server.server_address[1]}/sso")
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
