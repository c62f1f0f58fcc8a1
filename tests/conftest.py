"""Fixture factories: build real sites in temporary directories."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from contextlib import chdir, redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from perlen.building.atomic import build, load_settings
from perlen.commands.cli import main as perlen_main
from perlen.publish.verify_html import nu_checker

ROOT = Path(__file__).resolve().parent.parent


class Site:
    """A throwaway copy of the project's site setup with its own content."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.output = root / "output"

    def write(self, relative: str, text: str) -> Path:
        """Write a content file, e.g. `site.write("posts/x.md", "Titel: …")`."""
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def settings(self, settings_file: str = "pelicanconf.py", **overrides: Any) -> dict:
        base = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "CACHE_PATH": str(self.root / "cache"),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
        }
        return load_settings(ROOT / settings_file, {**base, **overrides})

    def build(self, settings_file: str = "pelicanconf.py", **overrides: Any) -> Path:
        return build(self.settings(settings_file, **overrides))

    def html(self, relative: str) -> str:
        """The text of a built file, e.g. `site.html("2021/slug/index.html")`."""
        return (self.output / relative).read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """An empty site; tests write posts into it and build it."""
    (tmp_path / "content" / "posts").mkdir(parents=True)
    return Site(tmp_path)


@pytest.fixture
def make_post() -> Callable[..., str]:
    """Markdown for a post with German metadata; keyword args add or replace keys."""

    def make(body: str = "Text.", **metadata: str) -> str:
        fields: Mapping[str, str] = {
            "Titel": "Monarchie im Perlenbüro",
            "Datum": "Dienstag, 28. September 2021",
            **metadata,
        }
        header = "".join(
            f"{key}: {value}\n" for key, value in fields.items() if value is not None
        )
        return f"{header}\n{body}\n"

    return make


# Sample legal data for tests that publish the agency's own pages: the shipped
# Impressum keeps its placeholders until the agency fills them in, and a
# publish build refuses it until then.
LEGAL_TEST_DATA = {
    "[Name der Inhaberin oder des Inhabers]": "Erika Muster",
    "[Straße und Hausnummer]": "Perlenweg 12",
    "[Postleitzahl und Ort]": "12345 Musterstadt",
    "[E-Mail-Adresse]": "blog@example.org",
    "[Telefonnummer]": "+49 30 1234567",
    "[USt-IdNr.]": "DE123456789",
    "[Name]": "Erika Muster",
}


def fill_in_legal_data(content: Path) -> None:
    """Fill the placeholders of a copied `content/pages/impressum.md`."""
    impressum = content / "pages" / "impressum.md"
    text = impressum.read_text(encoding="utf-8")
    for placeholder, value in LEGAL_TEST_DATA.items():
        text = text.replace(placeholder, value)
    impressum.write_text(text, encoding="utf-8")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the real content/, for tests that build the agency's own site,
    with sample legal data in the Impressum."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    fill_in_legal_data(tmp_path / "content")
    return tmp_path


@pytest.fixture(scope="session")
def java() -> None:
    """The publish build checks HTML and CSS with the Nu HTML Checker, a Java
    program from npm (`vnu-jar`).

    Without Java or the checker the test is skipped – or fails with
    `PERLEN_REQUIRE_JAVA=1` (set by `.ci/run`), so CI never passes without the
    check.
    """
    missing = None
    if shutil.which("java") is None:
        missing = "java fehlt (apt-get install default-jre-headless)"
    elif not nu_checker(load_settings(ROOT / "pelicanconf.py")).is_file():
        missing = "vnu-jar fehlt (make node_modules/.installed)"
    if missing and os.environ.get("PERLEN_REQUIRE_JAVA") == "1":
        pytest.fail(f"{missing} – PERLEN_REQUIRE_JAVA=1 verlangt die HTML-Prüfung.")
    if missing:
        pytest.skip(missing)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Publish builds run the Nu HTML Checker (Java) over the whole site, for
    seconds each: tests that need it are `langsam`, left out by
    `make test-schnell` (and run by `make test`)."""
    for item in items:
        if "java" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.langsam)


@pytest.fixture(autouse=True)
def java_only_in_the_slow_tier(request, monkeypatch) -> None:
    """A test of the fast tier that ran the Nu HTML Checker (a publish build,
    `pruefen --streng`) would slow `make test-schnell` unseen: it fails,
    asking for the `java` fixture, which makes it `langsam`."""
    if request.node.get_closest_marker("langsam") is not None:
        return
    from perlen.publish import verify

    def refused(*args, **kwargs):
        pytest.fail(
            "This test runs the Nu HTML Checker (Java): request the `java` "
            "fixture, which marks it `langsam`."
        )

    monkeypatch.setattr(verify, "check_html", refused)


@pytest.fixture
def publish_site(site: Site, monkeypatch: pytest.MonkeyPatch, java: None) -> Site:
    """An empty site for publish builds (`site.build("publishconf.py")`):
    SITEURL is set, and the page the theme's menu links to exists."""
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    site.write("pages/ueber-uns.md", "Titel: Über uns\n\nWir sind perlenmädchen.\n")
    return site


class Project:
    """A throwaway blog project for the `perlen` commands: the real settings
    files and theme, its own content; commands run with it as working dir."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        root.mkdir(parents=True)
        for name in ("pelicanconf.py", "publishconf.py"):
            shutil.copy(ROOT / name, root / name)
        for name in ("theme", "plugins"):
            (root / name).symlink_to(ROOT / name)
        (self.content / "posts").mkdir(parents=True)
        (self.content / "pages").mkdir()

    def write(self, relative: str, text: str | bytes) -> Path:
        """Write a file under content/, e.g. `project.write("posts/2021/x.md", …)`."""
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def run(self, *args: str) -> tuple[int, str, str]:
        """`perlen ARGS` through its entry point: (exit code, stdout, stderr)."""
        out, err = StringIO(), StringIO()
        with chdir(self.root), redirect_stdout(out), redirect_stderr(err):
            code = perlen_main(list(args))
        return code, out.getvalue(), err.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty blog project to run `perlen neu/pruefen/vorschau` in."""
    return Project(tmp_path / "blog")


@pytest.fixture(
    params=[
        pytest.param(1, id="ein-prozess"),
        pytest.param(2, id="zwei-prozesse", marks=pytest.mark.langsam),
    ]
)
def workers(request, monkeypatch) -> int:
    """Builds with one process reading and with two (`PERLEN_WORKERS`), the
    second reading even the few posts of a test in a worker. The second
    starts a worker process for each build (Python, Pelican and the plugin
    imported afresh): `langsam`; the fast tier reads in workers in
    `test_parallel_reading.test_workers_build_the_same_site_byte_for_byte`."""
    from perlen.building import parallel_reading
    from perlen.settings import DEFAULTS

    monkeypatch.setitem(DEFAULTS, "PERLEN_WORKERS", request.param)
    monkeypatch.setattr(parallel_reading, "MINIMUM_POSTS", 0)
    return request.param


@pytest.fixture
def forking(monkeypatch) -> None:
    """Work shared out among forked processes (`perlen.workers.in_forks`)
    even where an earlier test left a thread running in this process (the
    rule that keeps a build with threads from forking has its own test)."""
    from perlen import workers

    monkeypatch.setattr(workers, "start_method", lambda: "fork")


@pytest.fixture
def fork_starts(monkeypatch) -> list:
    """Each process forked by `multiprocessing` in the test."""
    import multiprocessing.context

    started: list = []
    start = multiprocessing.context.ForkProcess.start

    def counting(process) -> None:
        started.append(process)
        start(process)

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", counting)
    return started


@pytest.fixture
def forks(fork_starts, forking) -> list:
    """Processes forked in the test, forking even beside a leftover thread."""
    return fork_starts
