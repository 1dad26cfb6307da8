"""Plain helpers for driving the built site in Chromium: build, serve, launch, search, axe.

No pytest here: ``conftest.py`` wraps these in fixtures, and ``scripts/bench_search`` uses them
directly, so the benchmark measures exactly what the tests measure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------------------------
# The pages a reader meets: one of each type (the route table in vnplans/site/routes.py has them all).
# --------------------------------------------------------------------------------------------

PLAN = "ke-hoach/2021-lien-hiep-hoi-khkt/"
PAGE_TYPES: dict[str, str] = {
    "home": "",
    "plan": PLAN,
    "plans": "ke-hoach/",
    "matrix": PLAN + "phan-cong/",
    "agencies": "co-quan/",
    "agency": "co-quan/so-tai-chinh/",
    "agency-plan": "co-quan/so-tai-chinh/2021-lien-hiep-hoi-khkt/",  # its duty sheet for one plan
    "group": "nhom/cac-so-nganh-dia-phuong/",
    "group-plan": "nhom/cac-so-nganh-dia-phuong/2021-lien-hiep-hoi-khkt/",
    "documents": "van-ban/",
    "document": "van-ban/ct-42-tw-2010/",
    "document-plan": "van-ban/ct-42-tw-2010/2021-lien-hiep-hoi-khkt/",  # the clauses citing it, quoted
    "agency-ended": "co-quan/so-thong-tin-truyen-thong/",  # a body that no longer exists: the banner
    "agency-successor": "co-quan/so-tai-chinh-lam-dong/",  # today's body: duties it inherited
    "agency-successor-plan": "co-quan/so-tai-chinh-lam-dong/2021-lien-hiep-hoi-khkt/",
    "jurisdictions": "dia-ban/",
    "jurisdiction": "dia-ban/binh-thuan/",
    "open-data": "du-lieu-mo/",
    "editor-guide": "huong-dan-bien-tap/",
    "404": "khong-co-trang-nay/",  # served with 404.html, status 404, like GitHub Pages
}

# --------------------------------------------------------------------------------------------
# Building the site
# --------------------------------------------------------------------------------------------


class BuildFailed(RuntimeError):
    """``mkdocs build --strict`` failed; the message holds its output."""


def build_site(dest: Path, root: Path = REPO_ROOT) -> Path:
    """Build the site of ``root`` (by default the real site from the real data) into ``dest`` with
    ``--strict``. A synthetic portfolio's root comes from ``scripts/_synthetic.make_site_root``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(dest)]
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BuildFailed(f"`{' '.join(cmd)}` exited with {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    if not (dest / "index.html").is_file():
        raise BuildFailed(f"the build reported success but {dest}/index.html is missing:\n{proc.stderr}")
    return dest


# --------------------------------------------------------------------------------------------
# Serving it like a static host
# --------------------------------------------------------------------------------------------

# Explicit, so results do not depend on the machine's /etc/mime.types.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".gz": "application/gzip",
}


@dataclass(frozen=True)
class ServedRequest:
    method: str
    path: str
    status: int


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; a missing file gets the site's 404.html with status 404 (as on GitHub Pages)."""

    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}
    served: list[ServedRequest]  # set per server by StaticSite

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        try:
            status = int(getattr(code, "value", code))
        except (TypeError, ValueError):
            status = 0
        self.served.append(ServedRequest(self.command, self.path, status))

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.log_request(code)
        self.send_response_only(code)
        self.send_header("Content-Type", CONTENT_TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        # A folder without index.html is a missing page, not a generated listing.
        self.send_error(404)
        return None


class StaticSite:
    """Serves ``root`` at http://127.0.0.1:<free port>/ from a daemon thread."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.log: list[ServedRequest] = []
        handler = type("Handler", (_SiteHandler,), {"served": self.log})
        self._httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(self.root))
        )
        self._httpd.daemon_threads = True
        self.host, self.port = self._httpd.server_address[:2]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name=f"site:{self.port}", daemon=True)

    @property
    def netloc(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def origin(self) -> str:
        return f"http://{self.netloc}"

    def url(self, path: str = "") -> str:
        """The absolute URL of a site path such as ``co-quan/so-tai-chinh/`` (anchor allowed)."""
        return f"{self.origin}/{path.lstrip('/')}"

    def path_of(self, url: str) -> str:
        """The site path of a URL on this server, without query string: ``co-quan/x/#a``."""
        parts = urlsplit(url)
        path = parts.path.lstrip("/")
        return f"{path}#{parts.fragment}" if parts.fragment else path

    def __enter__(self) -> StaticSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


# --------------------------------------------------------------------------------------------
# The live preview: `mkdocs serve` of a copy of the repository, which a test may edit
# --------------------------------------------------------------------------------------------

#: What `mkdocs serve` reads; the rest of the repository (tests, sources, scripts) is not needed.
SITE_SOURCES = ("mkdocs.yml", "hooks", "vnplans", "schemas", "docs", "overrides", "data")


def copy_site_sources(dest: Path) -> Path:
    """Copy what builds the site into ``dest`` (without bytecode caches); return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServeFailed(RuntimeError):
    """`mkdocs serve` exited or did not answer in time; the message holds its output."""


class DevServer:
    """``mkdocs serve`` of the folder ``root`` at http://127.0.0.1:<free port>/, as a context manager.

    Its output goes to ``root/serve.log``. Ready once the home page answers.
    """

    def __init__(self, root: Path, startup_timeout: float = 120.0):
        self.root = Path(root).resolve()
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.startup_timeout = startup_timeout
        self.log_path = self.root / "serve.log"
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def __enter__(self) -> DevServer:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"]
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if not self.running:
                raise ServeFailed(f"`{' '.join(cmd)}` exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url(), timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:  # not listening yet (URLError, connection refused, timeout)
                pass
            time.sleep(0.25)
        self.__exit__()
        raise ServeFailed(f"`{' '.join(cmd)}` did not answer within {self.startup_timeout:.0f} s:\n{self.log()}")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


# --------------------------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",  # containers run as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",  # no variations/safe-browsing fetches of its own
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "install Chromium: sudo apt-get install -y chromium"


class ChromiumMissing(Exception):
    """No usable Chromium. ``fatal``: fail rather than skip (in CI, or CHROMIUM_PATH is wrong)."""

    def __init__(self, message: str, fatal: bool):
        super().__init__(message)
        self.fatal = fatal


def require_chromium(
    environ: Mapping[str, str] = os.environ,
    candidates: tuple[str, ...] = ("/usr/bin/chromium", "/usr/bin/chromium-browser"),
) -> str:
    """The Chromium to drive: ``CHROMIUM_PATH`` if set, else Debian's. Raises ChromiumMissing."""
    in_ci = environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
    if environ.get("CHROMIUM_PATH"):
        path = environ["CHROMIUM_PATH"]
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
        raise ChromiumMissing(f"CHROMIUM_PATH={path!r} is not an executable file; {INSTALL_HINT}", fatal=True)
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("chromium", path=environ.get("PATH")) or shutil.which(
        "chromium-browser", path=environ.get("PATH")
    )
    if found:
        return found
    if in_ci:
        raise ChromiumMissing(
            f"Chromium not found, and CI=true: browser tests may not be skipped; {INSTALL_HINT}", True
        )
    raise ChromiumMissing(INSTALL_HINT, fatal=False)


def launch_chromium(playwright: Any, executable: str) -> Any:
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


# Every page of every test gets these: a reader in Vietnam, on a light screen, without animations
# (so scroll positions and screenshots do not depend on timing).
CONTEXT_DEFAULTS: dict[str, Any] = {
    "viewport": {"width": 1280, "height": 800},
    "locale": "vi-VN",
    "timezone_id": "Asia/Ho_Chi_Minh",
    "color_scheme": "light",
    "reduced_motion": "reduce",
}

# --------------------------------------------------------------------------------------------
# Search, the way a reader uses it
# --------------------------------------------------------------------------------------------

# Installed before any page script runs. It notes (performance.now(): ms since navigation start)
# when the site's search (vnplans/site/assets/search.js) has loaded its index ("vnsearch:ready"),
# each keystroke and change in the box, and each result list drawn ("vnsearch:results", with the query it
# answers, the number of results and the time the search took).
SEARCH_PROBE_JS = r"""
(() => {
  const probe = window.__vnSearch = { ready: null, results: [], errors: [], keyups: [], inputs: [] };
  document.addEventListener("vnsearch:ready", () => { if (probe.ready === null) probe.ready = performance.now(); });
  document.addEventListener("vnsearch:results", (ev) => probe.results.push({ t: performance.now(), ...ev.detail }));
  document.addEventListener("vnsearch:error", (ev) => probe.errors.push(ev.detail));
  document.addEventListener("keyup", (ev) => {
    if (ev.target && ev.target.matches && ev.target.matches("#vn-search-input"))
      probe.keyups.push({ t: performance.now(), q: ev.target.value });
  }, true);
  document.addEventListener("input", (ev) => {
    if (ev.target && ev.target.matches && ev.target.matches("#vn-search-input"))
      probe.inputs.push({ t: performance.now(), q: ev.target.value });
  }, true);
})();
"""

SEARCH_INPUT = "#vn-search-input"
RESULT_LINKS = ".vn-result__link"

# The results as shown, in order: each result is one link to a page or a clause.
_READ_RESULTS_JS = r"""
() => [...document.querySelectorAll(".vn-search__results > li")].map(item => {
  const a = item.querySelector("a.vn-result__link");
  const part = (cls) => { const e = a.querySelector(cls); return e ? e.textContent.trim() : ""; };
  return {
    href: a.href,
    score: parseFloat(item.dataset.score),
    title: part(".vn-result__title"),
    kind: part(".vn-result__kind"),
    context: part(".vn-result__context"),
    text: part(".vn-result__snippet"),
    marks: [...a.querySelectorAll("mark")].map(m => m.textContent.trim()),
  };
})
"""


@dataclass(frozen=True)
class ResultLink:
    path: str  # site path with anchor, without the ?h= highlight query: "ke-hoach/x/#muc-ii-2-4"
    title: str
    text: str  # the snippet under the title
    score: float
    marks: tuple[str, ...]
    kind: str = ""  # "Mục", "Cơ quan", "Văn bản"...
    context: str = ""  # the line under the title: plan, lead agency


@dataclass
class SearchOutcome:
    """What the reader sees after typing ``query``, and how long it took."""

    query: str
    cards: list[list[ResultLink]]  # one card per result (each holds its one link)
    meta: str  # the status line: "12 kết quả cho «so noi vu»."
    ready_ms: float | None  # navigation start -> search index metadata loaded
    typed_ms: float  # navigation start -> the keystroke that completed the query
    first_results_ms: float  # navigation start -> results for the full query drawn
    timings: dict[str, Any] = field(default_factory=dict)

    @property
    def links(self) -> list[ResultLink]:
        return [link for card in self.cards for link in card]

    @property
    def latency_ms(self) -> float:
        """Keystroke completing the query -> results drawn: what the reader waits for."""
        return self.first_results_ms - self.typed_ms

    def card_rank(self, path: str) -> int | None:
        """1-based rank of the first result linking to ``path``, or None."""
        for number, card in enumerate(self.cards, 1):
            if any(link.path == path for link in card):
                return number
        return None

    def link_rank(self, path: str) -> int | None:
        for number, link in enumerate(self.links, 1):
            if link.path == path:
                return number
        return None

    def describe(self, limit: int = 6) -> str:
        lines = [f"query {self.query!r}: {self.meta}"]
        for number, card in enumerate(self.cards[:limit], 1):
            for index, link in enumerate(card):
                prefix = f"{number:>3}." if index == 0 else "    "
                marks = "|".join(link.marks[:6])
                lines.append(f"{prefix} {link.score:>10.2f}  /{link.path}  {link.title[:60]!r}  <{marks}>")
        return "\n".join(lines)


# True once the results drawn last answer the whole query typed (or loading the index failed).
_ANSWERED_JS = """(q) => {
  const p = window.__vnSearch;
  if (p.errors.length) return true;
  const last = p.results[p.results.length - 1];
  return !!last && last.query === q;
}"""


def format_timings(outcomes: list[SearchOutcome]) -> list[str]:
    """A table: per query, from navigation start, when the index was ready and the results drawn;
    then the wait after the keystroke that completed the query, and the search's own time for it."""
    lines = [f"{'query':<44} {'index ready':>11} {'results':>8} {'after typing':>14} {'searching':>9}"]
    for o in outcomes:
        ready = f"{o.ready_ms:.0f}" if o.ready_ms is not None else "-"
        lines.append(
            f"{o.query:<44} {ready:>11} {o.first_results_ms:>8.0f} {o.latency_ms:>14.0f} {o.timings['search_ms']:>9.0f}"
        )
    return lines


def open_search(page: Any) -> None:
    """Put the cursor in the search box the way a keyboard user does: the "/" shortcut."""
    if page.evaluate(f"() => document.activeElement?.matches('{SEARCH_INPUT}') ?? false"):
        return  # already there: "/" would be typed into the box
    page.keyboard.press("/")
    if not page.evaluate(f"() => document.activeElement?.matches('{SEARCH_INPUT}') ?? false"):
        page.locator(SEARCH_INPUT).click()


def search(
    page: Any, site: StaticSite, query: str, *, delay_ms: float = 0, timeout_ms: float = 10_000
) -> SearchOutcome:
    """Type ``query`` into the search box of the page that is open and read the results.

    The page must have been opened in a context with ``SEARCH_PROBE_JS`` as init script. Waits
    until the results drawn answer the whole query, not a prefix of it.
    """
    open_search(page)
    page.keyboard.type(query, delay=delay_ms)
    # Playwright types letters that are not on a US keyboard (ở, ụ) as bare text input, with no key
    # events, while a person's input method (Telex, VNI) ends every letter with a real keystroke.
    page.keyboard.press("End")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_ANSWERED_JS, arg=query, timeout=timeout_ms)
    except PlaywrightTimeout:
        probe = page.evaluate("() => window.__vnSearch")
        raise AssertionError(
            f"no results drawn for {query!r} within {timeout_ms:.0f} ms: index ready at {probe['ready']}, "
            f"answers for {[r['query'] for r in probe['results']]}"
        ) from None
    probe = page.evaluate("() => window.__vnSearch")
    if probe["errors"]:
        raise AssertionError(f"search failed for {query!r}: {probe['errors']}")
    cards = [
        [
            ResultLink(
                site.path_of(r["href"]), r["title"], r["text"], r["score"], tuple(r["marks"]), r["kind"], r["context"]
            )
        ]
        for r in page.evaluate(_READ_RESULTS_JS)
    ]
    answer = probe["results"][-1]
    typed = next((k["t"] for k in probe["keyups"] if k["q"] == query), answer["t"] - answer["ms"])
    return SearchOutcome(
        query=query,
        cards=cards,
        meta=page.inner_text(".vn-search__status"),
        ready_ms=probe["ready"],
        typed_ms=typed,
        first_results_ms=answer["t"],
        timings={"search_ms": answer["ms"], "count": answer["count"], "complete": answer["complete"]},
    )


# --------------------------------------------------------------------------------------------
# axe-core (bundled with axe-playwright-python; injected from disk, no network)
# --------------------------------------------------------------------------------------------

WCAG21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


@dataclass(frozen=True)
class AxeViolation:
    id: str
    impact: str | None
    help: str
    targets: tuple[str, ...]
    summary: str  # axe's failure summary of the first node ("Element has insufficient color contrast...")

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:4]) + (f" (+{len(self.targets) - 4} more)" if len(self.targets) > 4 else "")
        return f"[{self.impact}] {self.id}: {self.help} — {shown}\n      {self.summary}"


@functools.lru_cache(maxsize=1)
def _axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def run_axe(
    page: Any, tags: tuple[str, ...] = WCAG21_AA, rules: tuple[str, ...] = (), *, needs_review: bool = False
) -> list[AxeViolation]:
    """axe-core on the page's document: by WCAG tags, or only the named ``rules``.

    With ``needs_review``, what axe could not decide ("incomplete") counts as a violation too.
    """
    run_only = {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": list(tags)}
    # Passing options replaces the library's default: ask for violations only again.
    results = _axe().run(page, options={"runOnly": run_only, "resultTypes": ["violations"]})
    found = results.response["violations"] + (results.response["incomplete"] if needs_review else [])
    return [
        AxeViolation(
            v["id"],
            v.get("impact"),
            v["help"],
            tuple(" ".join(map(str, node["target"])) for node in v["nodes"]),
            (v["nodes"][0].get("failureSummary") or "").replace("\n", " ")[:300] if v["nodes"] else "",
        )
        for v in found
    ]


def format_violations(violations: list[AxeViolation]) -> str:
    if not violations:
        return "no axe violations"
    return f"{len(violations)} axe violation(s):\n" + "\n".join(f"  {v}" for v in violations)
