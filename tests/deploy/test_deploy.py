"""The installation's files (deploy/, docs/install.md): the systemd units and timers as systemd
reads them, the backup script run against a real installation, the proxy's client address and
the journal's log lines."""

import logging
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.test import RequestFactory

from tests.conftest import free_ports

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SAMVERKA = Path(sys.executable).parent / "samverka"


def units_here(folder: Path) -> list[Path]:
    """The shipped units, with their paths made this machine's (the code and the environment file)."""
    env = folder / "samverka.env"
    env.write_text("SAMVERKA_ENV=production\n")
    made = []
    for unit in sorted((DEPLOY / "systemd").iterdir()):
        text = (
            unit.read_text()
            .replace("/opt/samverka/venv/bin/samverka", str(SAMVERKA))
            .replace("/opt/samverka/deploy/", f"{DEPLOY}/")
            .replace("/etc/samverka/samverka.env", str(env))
        )
        (folder / unit.name).write_text(text)
        made.append(folder / unit.name)
    return made


def verify(units: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *map(str, units)],
        capture_output=True,
        text=True,
        check=False,
        cwd=units[0].parent,
    )


def test_the_systemd_units_and_timers_are_what_systemd_reads(tmp_path):
    assert shutil.which("systemd-analyze"), "Debian's systemd gives systemd-analyze"
    units = units_here(tmp_path)
    names = {unit.name for unit in units}
    assert {"samverka.service", "samverka-worker.service"} <= names
    for job in ("remind", "retention", "clearsessions", "backup"):  # each timer starts its service
        assert {f"samverka-{job}.service", f"samverka-{job}.timer"} <= names
    done = verify(units)
    assert (done.returncode, done.stderr) == (0, "")
    # … and systemd-analyze really reads them: a mistake is reported
    broken = tmp_path / "samverka.service"
    broken.write_text(broken.read_text().replace("Type=simple", "Typ=simple"))
    assert "Unknown key" in verify([broken]).stderr


def test_the_timers_run_the_commands_that_exist():
    from django.core.management import get_commands

    commands = get_commands()
    for unit in (DEPLOY / "systemd").glob("*.service"):
        [start] = [line for line in unit.read_text().splitlines() if line.startswith("ExecStart=")]
        program, *args = start.removeprefix("ExecStart=").split()
        if program.endswith("/samverka"):
            assert args[0] in commands, unit.name
        else:
            assert (DEPLOY / Path(program).name).exists(), unit.name


def test_the_environment_example_names_only_variables_samverka_reads():
    import re

    source = "\n".join(path.read_text() for path in (ROOT / "src/samverka").rglob("*.py"))
    names = re.findall(r"^#?([A-Z][A-Z0-9_]+)=", (DEPLOY / "samverka.env.example").read_text(), re.M)
    assert len(names) > 30
    unknown = [name for name in names if f'"{name}"' not in source]
    assert unknown == []


@pytest.mark.own_installation  # an SQLite installation of its own: run once, in the SQLite pass (.ci/run)
@pytest.mark.django_db(transaction=True)
def test_the_backup_script_backs_up_files_and_each_institution(tmp_path):
    data = tmp_path / "data"
    env_file = tmp_path / "samverka.env"
    env_file.write_text(f"DATABASE_URL=sqlite:///{data / 'samverka.sqlite3'}\nSAMVERKA_DATA_DIR={data}\n")
    env = {**os.environ, "SAMVERKA_ENV_FILE": str(env_file), "SAMVERKA_BIN": str(SAMVERKA)}
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SAMVERKA_DATA_DIR", "SAMVERKA_MEDIA_DIR"):
        env.pop(name, None)
    manage = DEPLOY / "samverka-manage"
    for command in (["migrate", "-v0"], ["demo"]):
        done = subprocess.run([str(manage), *command], env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    (data / "media" / "agreements").mkdir(parents=True)
    (data / "media" / "agreements" / "signed.pdf").write_bytes(b"%PDF-1.4 signed\n")
    backups = tmp_path / "backups"
    done = subprocess.run(
        [str(DEPLOY / "samverka-backup"), str(backups)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    [day] = list(backups.iterdir())
    archive = day / "institution-umu.zip"
    assert zipfile.is_zipfile(archive)
    listing = subprocess.run(
        ["tar", "--list", "--file", str(day / "media.tar.gz")], capture_output=True, text=True, check=True
    ).stdout
    assert "./agreements/signed.pdf" in listing.splitlines()
    assert "not PostgreSQL" in done.stderr  # an SQLite installation has no pg_dump


@pytest.mark.parametrize(
    ("proxies", "meta", "address"),
    [
        (0, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "10.0.0.1"),
        (1, {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "130.239.1.2"}, "130.239.1.2"),
        # what the client wrote itself comes first, and is not believed
        (1, {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 130.239.1.2"}, "130.239.1.2"),
        (
            2,
            {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 130.239.1.2, 10.1.1.1"},
            "130.239.1.2",
        ),
        (1, {"REMOTE_ADDR": "127.0.0.1"}, "127.0.0.1"),  # not through the proxy
    ],
)
def test_behind_a_proxy_the_client_is_the_one_the_proxy_saw(settings, proxies, meta, address):
    from samverka.core.audit import client_address

    settings.SAMVERKA_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", **meta)
    assert client_address(request) == address


def test_log_lines_carry_the_journals_priority():
    from samverka.lib.logs import JournalFormatter

    formatter = JournalFormatter()
    record = logging.LogRecord(
        "samverka.access.oidc", logging.WARNING, __file__, 1, "refused: %s", ("x",), None
    )
    assert formatter.format(record) == "<4>samverka.access.oidc: refused: x"
    try:
        raise ValueError("bad")
    except ValueError:
        failed = logging.LogRecord("samverka", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    lines = formatter.format(failed).splitlines()
    assert lines[0] == "<3>samverka: failed" and len(lines) > 2
    assert all(line.startswith("<3>") for line in lines)
    assert lines[-1] == "<3>ValueError: bad"


# --- nginx with the shipped site in front of samverka serve ------------------------------------


def wait_for(url: str, process: subprocess.Popen, log: Path) -> None:
    import ssl
    import time
    import urllib.error
    import urllib.request

    insecure = ssl.create_default_context()
    insecure.check_hostname, insecure.verify_mode = False, ssl.CERT_NONE  # a self-signed certificate
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            with urllib.request.urlopen(url, timeout=1, context=insecure):  # noqa: S310 - http(s) of the test
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer: {log.read_text()}")


def site_here(
    folder: Path, *, http: int, https: int, upstream: int, static: Path, cert: str, key: str
) -> Path:
    """The shipped site with this test's ports, certificate and static folder, in a main
    configuration of its own (nginx runs as this user, with its files under ``folder``)."""
    site = (
        (DEPLOY / "nginx" / "samverka.conf")
        .read_text()
        .replace("server_name samverka.example-university.se;", "server_name 127.0.0.1;")
        .replace("listen 80;", f"listen 127.0.0.1:{http};")
        .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;")
        .replace("/etc/ssl/certs/samverka.crt", cert)
        .replace("/etc/ssl/private/samverka.key", key)
        .replace("/var/lib/samverka/static/", f"{static}/")
        .replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};")
    )
    site = "\n".join(line for line in site.splitlines() if "[::]" not in line)  # no IPv6 here
    (folder / "samverka.conf").write_text(site)
    main = folder / "nginx.conf"
    main.write_text(
        f"""user root;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    include {folder}/samverka.conf;
}}
"""
    )
    return main


@pytest.mark.own_installation  # an SQLite installation of its own: run once, in the SQLite pass (.ci/run)
@pytest.mark.django_db(transaction=True)
def test_nginx_with_the_shipped_site_in_front_of_samverka_serve(tmp_path):
    import re

    import requests
    import urllib3

    from tests.saml_idp import key_and_certificate

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "make test installs Debian's nginx"
    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # a self-signed certificate
    http, https, upstream = free_ports(3)
    data = tmp_path / "data"
    env = {
        **os.environ,
        "SAMVERKA_ENV": "production",
        "SECRET_KEY": "nginx-test-" + "k" * 60,
        "SAMVERKA_BASE_URL": "https://127.0.0.1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{https}",
        "SAMVERKA_TRUSTED_PROXIES": "1",
        "DATABASE_URL": f"sqlite:///{data / 'samverka.sqlite3'}",
        "SAMVERKA_DATA_DIR": str(data),
        "PYTHONPATH": str(ROOT),  # tests.factories makes the member
    }
    for name in ("DJANGO_SETTINGS_MODULE", "SAMVERKA_MEDIA_DIR", "REDIS_URL"):
        env.pop(name, None)

    def samverka(*args):
        done = subprocess.run([str(SAMVERKA), *args], env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    samverka("migrate", "-v0")
    samverka(
        "shell", "--verbosity", "0", "-c",
        "from tests import factories as f; "
        "u = f.MembershipFactory(institution=f.InstitutionFactory(slug='umu'), role='coordinator', "
        "user__username='kim').user; u.set_password('a long pass phrase 42'); u.save()",
    )  # fmt: skip
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        serve = subprocess.Popen(
            [str(SAMVERKA), "serve", "--bind", f"127.0.0.1:{upstream}", "--workers", "1", "--threads", "2"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    key, cert = key_and_certificate(tmp_path, "tls")
    main = site_here(
        tmp_path, http=http, https=https, upstream=upstream, static=data / "static", cert=cert, key=key
    )
    tested = subprocess.run([nginx, "-t", "-c", str(main)], capture_output=True, text=True, check=False)
    assert tested.returncode == 0, tested.stderr
    proxy = subprocess.Popen([nginx, "-c", str(main), "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    base = f"https://127.0.0.1:{https}"
    try:
        wait_for(f"http://127.0.0.1:{upstream}/healthz", serve, log)
        wait_for(f"{base}/healthz", serve, log)
        # HTTP → HTTPS
        plain = requests.get(f"http://127.0.0.1:{http}/app/?q=1", allow_redirects=False, timeout=10)
        assert (plain.status_code, plain.headers["Location"]) == (301, "https://127.0.0.1/app/?q=1")
        # the health check through the proxy
        health = requests.get(f"{base}/healthz", verify=False, timeout=10)  # noqa: S501 - self-signed
        assert (health.status_code, health.json()["status"]) == (200, "ok")
        # the security headers
        session = requests.Session()
        session.verify, session.trust_env = False, False  # a self-signed certificate
        login = session.get(f"{base}/login/", timeout=10)
        assert login.status_code == 200
        headers = login.headers
        assert headers["Strict-Transport-Security"].startswith("max-age=")
        assert "default-src" in headers["Content-Security-Policy"]
        assert (headers["X-Content-Type-Options"], headers["X-Frame-Options"]) == ("nosniff", "DENY")
        assert headers["Referrer-Policy"] == "same-origin"
        # static files, from nginx's own folder, cached for a year
        [stylesheet] = re.findall(r'href="(/static/[^"]+\.css)"', login.text)[:1]
        static = session.get(f"{base}{stylesheet}", timeout=10)
        assert static.status_code == 200
        assert static.content == (data / "static" / stylesheet.removeprefix("/static/")).read_bytes()
        assert "immutable" in static.headers["Cache-Control"]
        # uploads up to the limit pass to Samverka (which refuses them without a CSRF token);
        # one byte more is nginx's 413. Samverka refuses before it reads the body, so nginx, still
        # sending the body it buffered, may find the connection closed and answer 502 instead of
        # passing the 403 on (seen once in CI under load): either way the body passed nginx's limit.
        limit = 55 * 1024 * 1024
        at_limit = session.post(f"{base}/login/", data=b"x" * (limit - 1024), timeout=60)
        assert at_limit.status_code in (403, 502)
        over = session.post(f"{base}/login/", data=b"x" * (limit + 1), timeout=60)
        assert over.status_code == 413
        # a log-in, over HTTPS with its secure cookies and the CSRF check by origin
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
        signed_in = session.post(
            f"{base}/login/",
            data={
                "csrfmiddlewaretoken": token,
                "username": "kim",
                "password": "a long pass phrase 42",
                "next": "/app/",
            },
            headers={"Referer": f"{base}/login/", "Origin": base},
            allow_redirects=False,
            timeout=10,
        )
        assert (signed_in.status_code, signed_in.headers["Location"]) == (302, "/app/")
        assert session.get(f"{base}/app/", timeout=10).status_code == 200
        # the audit trail has the client's address from X-Forwarded-For, not nginx's
        addresses = samverka(
            "shell", "--verbosity", "0", "-c",
            "from samverka.core.models import AuditEntry as A; "
            "print(A.objects.get(action='auth.user.logged_in').ip_address)",
        )  # fmt: skip
        assert addresses.strip() == "127.0.0.1"
    finally:
        proxy.terminate()
        serve.terminate()
        proxy.wait(timeout=10)
        serve.wait(timeout=10)


def test_the_server_loads_the_language_dictionaries_before_it_forks_its_workers():
    """``samverka serve``'s ``when_ready`` (gunicorn calls it in the master, after the application is
    loaded and before the workers are forked) loads simplemma's Swedish and English dictionaries,
    so the workers share them and no first request waits a second for them."""
    script = (
        "import django; django.setup()\n"
        "from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY as f\n"
        "from samverka.core import gunicorn_conf\n"
        "before = f._get_dictionary.cache_info().currsize\n"
        "gunicorn_conf.when_ready(None)\n"
        "print(before, f._get_dictionary.cache_info().currsize)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "samverka.settings"}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "2"]
