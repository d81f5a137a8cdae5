"""The fixed request set of ``samverka bench`` and the HTTP client that measures it.

Loopback only, bounded in count and time. Each request is first measured
alone (concurrency 1), then with ``2 × workers`` clients at once; a mixed
read load of the whole set follows. Latencies are wall-clock times of whole
responses; the server's own ``X-Query-Count`` header (``samverka serve`` with
``SAMVERKA_QUERY_COUNT_HEADER=1``) gives the SQL queries of each page.
"""

import http.client
import ipaddress
import json
import re
import statistics
import threading
import time
from collections.abc import Callable
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
    for name, (list_name, filtered) in lists.items():
        path = url(list_name)
        targets += [
            Target(f"{name}: first page", path, "workspace", True),
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
    status, _headers, _api = client.request("GET", "/api/v1/")
    if status == 404:
        notes.append("No REST API on this server yet (/api/v1/ answers 404): API lists were not measured.")
    return targets, notes


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


def run(
    base: str,
    *,
    username: str | None,
    password: str | None,
    repeat: int,
    workers: int,
    mixed_requests: int,
    time_limit: float,
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
    targets, notes = discover(session, bool(username), search_word)
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

    def make_client() -> Client:
        return Client(host, port, cookies)

    for target in targets:
        if time.monotonic() > deadline:
            report.notes.append(
                f"Time limit reached before {target.name!r}; later requests were not measured."
            )
            break
        warm = make_client()
        status, _headers, content = warm.request("GET", target.path)
        warm.request("GET", target.path)
        warm.close()
        if status != 200:
            raise BenchError(f"{target.name} ({target.path}) answered {status}, not 200.")
        single = measure(make_client, [target.path], repeat, 1, deadline)
        together = measure(make_client, [target.path], max(repeat, 4 * concurrency), concurrency, deadline)
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


def format_report(report: Report) -> str:
    floor = next((m for m in report.measurements if m.target.group == "floor"), None)
    lines = [
        f"Samverka benchmark {report.label} of {report.base} ({report.server.get('vendor', '?')}),"
        f" {report.started}",
        f"{report.repeat} requests each alone (left), then at concurrency {report.concurrency} (right);"
        " times in ms.",
        HEADER,
    ]
    lines += [format_row(m) for m in report.measurements]
    if floor:
        lines.append("")
        lines.append(
            f"Framework floor: {floor.target.name}, p95 {floor.single.p95_ms:.1f} ms. Ratio of p95 to it:"
        )
        for m in report.measurements:
            if m.target.group != "floor" and floor.single.p95_ms > 0:
                lines.append(f"  {m.target.name:<34} ×{m.single.p95_ms / floor.single.p95_ms:.1f}")
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
