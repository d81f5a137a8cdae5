"""The fixed request set of ``samverka bench`` and the HTTP client that measures it.

Loopback only, bounded in count and time. Each request is first measured
alone (concurrency 1), then with ``2 × workers`` clients at once; a mixed
read load of the whole set follows. Latencies are wall-clock times of whole
responses; the server's own ``X-Query-Count`` header (``samverka serve`` with
``SAMVERKA_QUERY_COUNT_HEADER=1``) gives the SQL queries of each page.

Three floors put the figures in proportion: the bare floor (a one-file Django
application, ``benchmark/bare.py``, which the benchmark serves itself with the
same gunicorn settings), ``/healthz`` (Samverka's stack and one query), and a
plain page per list (``benchmark/views.py``: the list's rows in a plain table,
when the server has ``SAMVERKA_BENCH_FLOORS=1``).
"""

import http.client
import ipaddress
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from django.urls import reverse
from django.utils import translation

LOOPBACK_NAMES = {"localhost"}


class BenchError(Exception):
    """A reason the benchmark cannot run (bad URL, unreachable server, failed log-in)."""


@dataclass
class Target:
    name: str
    path: str
    group: str  # "floor", "public", "workspace", "search", "api"
    needs_login: bool = False
    base: str = ""  # another server (the bare floor's), else the one measured


BARE_FLOOR = "bare Django (floor)"
PLAIN_FLOOR = "{}: plain page (floor)"
FIRST_PAGE = "{}: first page"


@dataclass
class Figures:
    median_ms: float
    p95_ms: float
    max_ms: float
    requests_per_s: float
    requests: int
    errors: int


@dataclass
class Measurement:
    target: Target
    queries: int | None
    bytes: int
    single: Figures
    concurrent: Figures


@dataclass
class Report:
    label: str  # e.g. the generated size: small, university, national
    base: str
    started: str
    concurrency: int
    repeat: int
    server: dict
    measurements: list[Measurement] = field(default_factory=list)
    mixed: Figures | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0–1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-share * len(ordered) // 1))))
    return ordered[rank - 1]


def summarise(latencies: list[float], seconds: float, errors: int) -> Figures:
    ms = [value * 1000 for value in latencies] or [0.0]
    return Figures(
        median_ms=round(statistics.median(ms), 2),
        p95_ms=round(percentile(ms, 0.95), 2),
        max_ms=round(max(ms), 2),
        requests_per_s=round(len(latencies) / seconds, 1) if seconds > 0 else 0.0,
        requests=len(latencies),
        errors=errors,
    )


def check_loopback(base: str) -> tuple[str, int]:
    """(host, port) of ``base``; anything but a loopback http address is refused."""
    parts = urlsplit(base)
    if parts.scheme != "http" or not parts.hostname:
        raise BenchError(
            f"--base must be an http:// address on this machine, e.g. http://127.0.0.1:8000, not {base!r}."
        )
    host = parts.hostname
    try:
        loopback = host in LOOPBACK_NAMES or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise BenchError(f"The benchmark runs against 127.0.0.1 / localhost only, not {host!r}.")
    return host, parts.port or 80


class Client:
    """One keep-alive HTTP connection with the session cookies of a signed-in user."""

    def __init__(self, host: str, port: int, cookies: dict[str, str] | None = None, timeout: float = 30):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies = dict(cookies or {})
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        """(status, headers, body bytes), reconnecting once if the server closed the connection."""
        all_headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "sv", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=all_headers)
                response = self.connection.getresponse()
                content = response.read()
            except (TimeoutError, http.client.HTTPException, ConnectionError):
                self.close()
                if attempt == 2:
                    raise
                continue
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, response.headers, content
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def log_in(client: Client, username: str, password: str) -> None:
    login = url("login")
    status, _headers, page = client.request("GET", login)
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not match:
        raise BenchError("The log-in page did not answer as expected (no form); is this Samverka?")
    body = urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": match.group(1).decode()}
    )
    status, _headers, _ = client.request(
        "POST",
        login,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{client.host}:{client.port}{login}",
        },
    )
    if status != 302 or "sessionid" not in client.cookies:
        raise BenchError(f"Log-in as {username!r} failed: check --user and --password.")


def _first(pattern: bytes, page: bytes) -> str | None:
    match = re.search(pattern, page)
    return match.group(1).decode() if match else None


def _last_page(client: Client, path: str) -> str:
    """The deepest page a list offers (its highest page link), or the first page if it has one page."""
    _status, _headers, page = client.request("GET", path)
    pages = [int(n) for n in re.findall(rb"[?&;]page=(\d+)", page)]
    if not pages:
        return path
    joiner = "&" if "?" in path else "?"
    return f"{path}{joiner}page={max(pages)}"


def url(name: str, language: str = "sv") -> str:
    """The address of a named page in a language, from the URLconf (never written out by hand)."""
    with translation.override(language):
        return reverse(name)


def discover(client: Client, logged_in: bool, search_word: str) -> tuple[list[Target], list[str]]:
    """The fixed request set, with the ids and slugs it needs found on the pages themselves."""
    notes: list[str] = []
    public_list = url("public:partnership-list")
    _status, _headers, public = client.request("GET", public_list)
    targets = [Target("healthz (floor)", url("healthz"), "floor")]
    static = _first(rb'href="(/static/[^"]+\.css)"', public)
    if static:
        targets.append(Target("static file (floor)", static, "floor"))
    targets += [
        Target("public list sv", public_list, "public"),
        Target("public list en", url("public:partnership-list", "en"), "public"),
    ]
    slug = _first(rf'href="{re.escape(public_list)}([^"/]+)/"'.encode(), public)
    if slug:
        targets.append(Target("public partnership", f"{public_list}{slug}/", "public"))
    else:
        notes.append("No published partnership: the public partnership page was not measured.")
    if not logged_in:
        notes.append("No --user: the workspace pages were not measured.")
        return targets, notes
    targets.append(Target("start page", url("workspace:start"), "workspace", True))
    lists = {
        "partnerships": ("partnerships:partnership-list", "?status=active"),
        "organisations": ("directory:organisation-list", "?type=company"),
        "people": ("directory:person-list", "?side=partner"),
        "activities": ("activities:activity-list", f"?status=completed&year={time.localtime().tm_year - 1}"),
    }
    plain = []
    for name in lists:
        status, _headers, _page = client.request("GET", f"/bench/plain/{name}/")
        if status == 200:
            plain.append(Target(PLAIN_FLOOR.format(name), f"/bench/plain/{name}/", "floor", True))
    if not plain:
        notes.append(
            "The server was not started with SAMVERKA_BENCH_FLOORS=1:"
            " the plain-page floors were not measured."
        )
    targets[1:1] = plain  # beside the other floors
    for name, (list_name, filtered) in lists.items():
        path = url(list_name)
        targets += [
            Target(FIRST_PAGE.format(name), path, "workspace", True),
            Target(f"{name}: filtered", path + filtered, "workspace", True),
            Target(f"{name}: deep page", _last_page(client, path), "workspace", True),
        ]
    partnerships = url("partnerships:partnership-list")
    _status, _headers, ranked = client.request("GET", f"{partnerships}?o=-activity_count")
    biggest = _first(rf'href="({re.escape(partnerships)}\d+/)"'.encode(), ranked)
    if biggest:
        targets.append(Target("partnership detail (largest)", biggest, "workspace", True))
    search = f"{url('activities:activity-list')}?{urlencode({'q': search_word})}"
    targets.append(Target("search activities", search, "search", True))
    everything = f"{url('search:results')}?{urlencode({'q': search_word})}"
    targets += [
        Target("search everything", everything, "search", True),
        Target("search everything: one kind", f"{everything}&kind=activity", "search", True),
    ]
    targets += _api_lists(client, notes)
    return targets, notes


def _api_lists(client: Client, notes: list[str]) -> list[Target]:
    """Every list of the REST API the user may read (its root names them): the first page and the
    deepest page it offers."""
    status, _headers, body = client.request("GET", "/api/v1/", headers={"Accept": "application/json"})
    if status != 200:
        notes.append(f"/api/v1/ answered {status}: the API lists were not measured.")
        return []
    targets = []
    for prefix, address in sorted(json.loads(body)["resources"].items()):
        path = urlsplit(address).path
        status, _headers, page = client.request("GET", path, headers={"Accept": "application/json"})
        if status != 200:
            notes.append(f"{path} answered {status}: not measured.")
            continue
        first = json.loads(page)
        targets.append(Target(f"api {prefix}: first page", path, "api", True))
        shown = len(first.get("results", []))
        if shown and first.get("next"):
            last = -(-int(first["count"]) // shown)
            targets.append(Target(f"api {prefix}: deep page", f"{path}?page={last}", "api", True))
    return targets


def measure(
    make_client: Callable[[], Client],
    paths: list[str],
    total: int,
    concurrency: int,
    deadline: float,
) -> tuple[list[float], int, float, list[int]]:
    """Send ``total`` GETs spread over ``paths`` from ``concurrency`` clients at once.

    Returns (latencies, errors, wall seconds, query counts seen).
    """
    latencies: list[float] = []
    queries: list[int] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(total))

    def worker():
        nonlocal errors
        client = make_client()
        try:
            while time.monotonic() < deadline:
                with lock:
                    index = next(counter, None)
                if index is None:
                    return
                began = time.perf_counter()
                try:
                    status, headers, _ = client.request("GET", paths[index % len(paths)])
                except (OSError, http.client.HTTPException):
                    status, headers = 0, None
                elapsed = time.perf_counter() - began
                with lock:
                    if status == 200:
                        latencies.append(elapsed)
                        if headers is not None and headers.get("X-Query-Count") is not None:
                            queries.append(int(headers["X-Query-Count"]))
                    else:
                        errors += 1
        finally:
            client.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - began, queries


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def bare_floor(workers: int, threads: int) -> Iterator[str | None]:
    """Serve ``benchmark/bare.py`` with ``samverka serve``'s gunicorn settings on a free local port
    while the block runs: its address, or None if it did not start within 10 s."""
    port = _free_port()
    env = {
        **os.environ,
        "SAMVERKA_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "SAMVERKA_THREADS": str(threads),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "python:samverka.core.gunicorn_conf",
         "samverka.benchmark.bare:application"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        probe = Client("127.0.0.1", port, timeout=1)
        for _ in range(50):
            try:
                if probe.request("GET", "/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            yield None
            return
        probe.close()
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def run(
    base: str,
    *,
    username: str | None,
    password: str | None,
    repeat: int,
    workers: int,
    mixed_requests: int,
    time_limit: float,
    threads: int = 4,
    label: str = "",
    search_word: str = "vätgas",
    progress: Callable[[str], None] = lambda line: None,
) -> Report:
    host, port = check_loopback(base)
    deadline = time.monotonic() + time_limit
    probe = Client(host, port, timeout=5)
    try:
        status, _headers, body = probe.request("GET", url("healthz"))
    except OSError as exc:
        raise BenchError(f"Cannot reach {base}: {exc}. Start the server first (samverka serve).") from exc
    if status != 200:
        raise BenchError(f"{base}/healthz answered {status}; the server is not healthy.")
    server = json.loads(body)
    session = Client(host, port)
    if username:
        log_in(session, username, password or "")
    with bare_floor(workers, threads) as bare:
        targets, notes = discover(session, bool(username), search_word)
        if bare:
            targets.insert(0, Target(BARE_FLOOR, "/", "floor", base=bare))
        else:
            notes.append("The bare floor (benchmark/bare.py under gunicorn) did not start: not measured.")
        cookies = dict(session.cookies)
        session.close()
        probe.close()
        concurrency = 2 * workers
        report = Report(
            label=label,
            base=base,
            started=time.strftime("%Y-%m-%d %H:%M:%S"),
            concurrency=concurrency,
            repeat=repeat,
            server=server,
            notes=notes,
        )

        def client_for(target: Target) -> Callable[[], Client]:
            address = urlsplit(target.base) if target.base else None
            if address is not None:
                return lambda: Client(address.hostname or host, address.port or 80)
            return lambda: Client(host, port, cookies)

        def make_client() -> Client:
            return Client(host, port, cookies)

        for target in targets:
            if time.monotonic() > deadline:
                report.notes.append(
                    f"Time limit reached before {target.name!r}; later requests were not measured."
                )
                break
            target_client = client_for(target)
            warm = target_client()
            status, _headers, content = warm.request("GET", target.path)
            warm.request("GET", target.path)
            warm.close()
            if status != 200:
                raise BenchError(f"{target.name} ({target.path}) answered {status}, not 200.")
            single = measure(target_client, [target.path], repeat, 1, deadline)
            together = measure(
                target_client, [target.path], max(repeat, 4 * concurrency), concurrency, deadline
            )
            counts = single[3]
            measurement = Measurement(
                target=target,
                queries=statistics.mode(counts) if counts else None,  # steady state, not a cold worker
                bytes=len(content),
                single=summarise(single[0], single[2], single[1]),
                concurrent=summarise(together[0], together[2], together[1]),
            )
            report.measurements.append(measurement)
            progress(format_row(measurement))
        mixed_paths = [t.path for t in targets if t.group != "floor"]
        if mixed_paths and time.monotonic() < deadline:
            latencies, errors, seconds, _ = measure(
                make_client, mixed_paths, mixed_requests, concurrency, deadline
            )
            report.mixed = summarise(latencies, seconds, errors)
        return report


HEADER = (
    f"{'request':<34} {'queries':>7} {'median':>8} {'p95':>8} {'max':>8} {'req/s':>8}"
    f" │ {'median':>8} {'p95':>8} {'req/s':>8}"
)


def format_row(m: Measurement) -> str:
    q = "–" if m.queries is None else str(m.queries)
    s, c = m.single, m.concurrent
    return (
        f"{m.target.name:<34} {q:>7} {s.median_ms:>8.1f} {s.p95_ms:>8.1f} {s.max_ms:>8.1f}"
        f" {s.requests_per_s:>8.0f}"
        f" │ {c.median_ms:>8.1f} {c.p95_ms:>8.1f} {c.requests_per_s:>8.0f}"
    )


def plain_pages(names: Iterable[str]) -> dict[str, str]:
    """{a list's first page: its plain page} of each list measured both ways, by target name, in
    the order measured (the report's lines and ``results.py``'s table)."""
    names = list(names)
    return {
        FIRST_PAGE.format(kind): name
        for name in names
        if name == PLAIN_FLOOR.format(kind := name.split(":")[0]) and FIRST_PAGE.format(kind) in names
    }


def floor_ratios(measurements: list[Measurement]) -> list[str]:
    """Each page's p95 against the bare floor (else ``/healthz``), and each list's first page's
    median against its plain page: the lines of the report."""
    by_name = {m.target.name: m for m in measurements}
    floor = by_name.get(BARE_FLOOR) or next((m for m in measurements if m.target.group == "floor"), None)
    lines = []
    if floor and floor.single.p95_ms > 0:
        lines += ["", f"Floor: {floor.target.name}, p95 {floor.single.p95_ms:.1f} ms. Ratio of p95 to it:"]
        lines += [
            f"  {m.target.name:<34} ×{m.single.p95_ms / floor.single.p95_ms:.1f}"
            for m in measurements
            if m is not floor
        ]
    plain = plain_pages(m.target.name for m in measurements)
    if plain:
        lines += ["", "Lists against their plain page (median, concurrency 1):"]
        lines += [
            f"  {page:<34} {by_name[page].single.median_ms:.1f} / {by_name[floor].single.median_ms:.1f} ms"
            f" = ×{by_name[page].single.median_ms / by_name[floor].single.median_ms:.2f}"
            for page, floor in plain.items()
            if by_name[floor].single.median_ms > 0
        ]
    return lines


def format_report(report: Report) -> str:
    lines = [
        f"Samverka benchmark {report.label} of {report.base} ({report.server.get('vendor', '?')}),"
        f" {report.started}",
        f"{report.repeat} requests each alone (left), then at concurrency {report.concurrency} (right);"
        " times in ms.",
        HEADER,
    ]
    lines += [format_row(m) for m in report.measurements]
    lines += floor_ratios(report.measurements)
    if report.mixed:
        lines.append(
            f"Mixed read load at concurrency {report.concurrency}:"
            f" {report.mixed.requests_per_s:.0f} requests/s, p95 {report.mixed.p95_ms:.1f} ms,"
            f" {report.mixed.errors} errors."
        )
    errors = sum(m.single.errors + m.concurrent.errors for m in report.measurements)
    lines.append(f"Errors (non-200 answers): {errors}.")
    lines += [f"Note: {note}" for note in report.notes]
    return "\n".join(lines)
