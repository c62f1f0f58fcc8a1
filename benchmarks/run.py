"""The build benchmark: stock Pelican against this site, on the same posts.

`make bench` (or `python -m benchmarks.run`) generates a German corpus,
builds it in four variants, alternating, several rounds, and prints the
medians: wall time, HTML pages per second, peak memory, ratios to stock
Pelican, and whether the targets of the speed budget are met. A fifth row
shows what the search index alone costs, whether or not the site's settings
build it on every build.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from perlen.building.atomic import load_settings
from perlen.commands.german_argparse import GermanArgumentParser
from perlen.settings import setting

from benchmarks import corpus, preview

ROOT = Path(__file__).resolve().parent.parent
BUILD_ONCE = Path(__file__).with_name("build_once.py")


@dataclass(frozen=True)
class Variant:
    key: str
    label: str


STOCK = Variant("stock", "Pelican 4.12, Standard")
TYPOGRIFY = Variant("typogrify", "Pelican 4.12 + Typogrify")
# The full build with one process reading (PERLEN_WORKERS = 1), and with one
# per core (the default).
FULL_ONE = Variant("full-1", "perlenmädchen, voller Bau, 1 Prozess")
FULL = Variant("full", "perlenmädchen, voller Bau, alle Kerne")
REBUILD = Variant("rebuild", "perlenmädchen, 1 Beitrag geändert")
SEARCH = Variant("search", "Suchindex allein (Pagefind)")
VARIANTS = (STOCK, TYPOGRIFY, FULL_ONE, FULL, REBUILD, SEARCH)


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_mb: float
    pages: int
    read: int | None
    cpu_seconds: float = 0.0
    tree_peak_mb: float = 0.0


@dataclass(frozen=True)
class Row:
    """The medians of one variant over all rounds."""

    variant: str
    label: str
    seconds: float
    pages: int
    peak_mb: float
    read: int | None
    # User and system time of the build: steadier than wall time on a
    # machine others share (0 in results saved before it was measured).
    cpu_seconds: float = 0.0
    # The largest sum of the resident memory of the build and all its
    # processes (reading workers, Pagefind) at one moment (`TreeMemory`).
    tree_peak_mb: float = 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


@dataclass(frozen=True)
class Round:
    """Where one round builds, and the site's setting overrides."""

    scratch: Path
    overrides: dict[str, Any]

    @property
    def cache(self) -> Path:
        return self.scratch / "cache"


def measure(
    variant: str,
    content: Path,
    output: Path,
    job: Round,
    overrides: dict[str, Any] | None = None,
) -> Measurement:
    """Run one build in a child process: its wall time (or the time the child
    reports for its work alone), peak RSS (`ru_maxrss`: of its largest
    process, which a forked helper inherits at its fork, so not the sum of
    the build and its workers), its CPU time and that of every process it
    waited for, pages. `overrides` add to the round's settings."""
    result = job.scratch / "result.json"
    log = job.scratch / "build.log"
    command = [
        sys.executable,
        str(BUILD_ONCE),
        variant,
        str(content),
        str(output),
        str(job.cache),
        str(result),
        json.dumps({**job.overrides, **(overrides or {})}),
    ]
    with log.open("w") as stderr:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        with TreeMemory(child.pid) as memory:
            _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        messages = log.read_text(encoding="utf-8")
        raise RuntimeError(f"Der Bau „{variant}“ ist fehlgeschlagen:\n{messages}")
    facts = json.loads(result.read_text(encoding="utf-8"))
    return Measurement(
        seconds=facts.get("seconds", seconds),
        peak_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        tree_peak_mb=max(memory.peak_kb, usage.ru_maxrss) / 1024,
        pages=sum(1 for _ in output.rglob("*.html")),
        read=facts["read"],
    )


class TreeMemory:
    """The peak of the summed memory (PSS) of a process and all its
    descendants, sampled from /proc while they run.

    `ru_maxrss` gives only the largest single process: a build whose reading
    workers each peak beside it would look no larger than its own process.
    Sampling misses peaks shorter than the interval, and a sample taken
    while a process of the tree started or ended is left out
    (`tree_memory_kb`), so the figure is a lower bound; where /proc is
    missing it stays 0 (then `measure` falls back to `ru_maxrss`).
    """

    INTERVAL = 0.05

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self.INTERVAL):
            now = tree_memory_kb(self.pid)
            if now is not None:
                self.peak_kb = max(self.peak_kb, now)


def tree_memory_kb(root: int) -> int | None:
    """Memory of `root` and its descendants now, in kilobytes: the sum of
    their proportional set sizes (PSS), so that a page a forked process
    still shares with its parent counts once, not in each; resident memory
    where the kernel gives no PSS.

    None when a process of the tree started or ended while the figures were
    read: they would be of different moments, and a forked process that ends
    hands its shared pages back to its parent, which a later read counts in
    full beside the half already counted (a build that forks often showed
    peaks 100–200 MB too high).
    """
    tree = _tree(root)
    total = sum(process_memory_kb(pid) for pid in tree)
    return total if _tree(root) == tree else None


def _tree(root: int) -> set[int]:
    """`root` and its descendants now."""
    parents: dict[int, int] = {}
    for name in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_bytes()
            except OSError:  # ended meanwhile
                continue
            # The name in parentheses may hold spaces; the parent follows it.
            parents[int(name)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
    tree, grew = {root}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in tree}
        grew = not found <= tree
        tree |= found
    return tree


def process_memory_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # ended meanwhile, or no smaps
        rollup = ""
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    try:
        # statm: sizes in pages; the second is the resident set.
        resident = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError):
        return 0
    return resident * os.sysconf("SC_PAGE_SIZE") // 1024


def edit(path: Path, number: int) -> str:
    """Change one post as a writer would; returns a word only this edit adds.

    A single word, so that typography (non-breaking spaces, dashes) leaves
    it as it is in the HTML.
    """
    marker = f"Nachtrag{number}"
    with path.open("a", encoding="utf-8") as post:
        post.write(f"\n{marker}: Danke für die vielen Rückmeldungen!\n")
    return marker


def benchmark(
    posts: int,
    rounds: int,
    workdir: Path,
    overrides: dict[str, Any] | None = None,
    form: str = "standard",
) -> list[Row]:
    """Build `posts` generated posts of the corpus shape `form` in every
    variant `rounds` times; medians.

    `overrides` change this site's settings (not stock Pelican's).
    """
    overrides = overrides or {}
    generated = corpus.generate(posts, form=form)
    german, stock = workdir / "deutsch", workdir / "stock"
    paths = corpus.write(generated, german, german=True)
    corpus.write(generated, stock, german=False)
    middle = edited_index(generated)
    edited = paths[middle]
    edited_page = _article_page(generated[middle], overrides)

    measured: dict[str, list[Measurement]] = {v.key: [] for v in VARIANTS}
    for number in range(1, rounds + 1):
        job = Round(workdir / f"runde-{number}", overrides)
        job.scratch.mkdir()
        for variant, content in ((STOCK, stock), (TYPOGRIFY, stock)):
            output = job.scratch / variant.key
            measured[variant.key].append(measure(variant.key, content, output, job))
            shutil.rmtree(output)
        site_output = job.scratch / "site"
        one = {"PERLEN_WORKERS": 1}
        measured[FULL_ONE.key].append(measure("site", german, site_output, job, one))
        shutil.rmtree(site_output)
        shutil.rmtree(job.cache, ignore_errors=True)
        measured[FULL.key].append(measure("site", german, site_output, job))
        for attempt in range(3):
            marker = edit(edited, number * 10 + attempt)
            rebuild = measure("site", german, site_output, job)
            if rebuild.read == 1:
                break
            # Someone changed the plugin or settings meanwhile: a new cache.
            print("Cache verfehlt (Code geändert?): Neubau wird wiederholt.")
        measured[REBUILD.key].append(rebuild)
        if marker not in (site_output / edited_page).read_text(encoding="utf-8"):
            raise RuntimeError(
                f"Der Neubau zeigt die Änderung an „{edited.name}“ nicht."
            )
        measured[SEARCH.key].append(measure(SEARCH.key, german, site_output, job))
        shutil.rmtree(job.scratch)

    return [_median(v, measured[v.key]) for v in VARIANTS]


def edited_index(generated: list[corpus.Post]) -> int:
    """The published post in the middle of the blog: the one the rebuild and
    preview rows edit."""
    return next(
        index
        for index in range(len(generated) // 2, len(generated))
        if not (generated[index].page or generated[index].draft)
    )


def preview_waits(
    posts: int, workdir: Path, overrides: dict[str, Any], form: str = "standard"
) -> list[float]:
    """The preview row: save to served for the post `benchmark` edits, on the
    corpus it wrote (`benchmarks.preview`)."""
    generated = corpus.generate(posts, form=form)
    edited = generated[edited_index(generated)]
    page = "/" + _article_page(edited, overrides).removesuffix("index.html")
    content = workdir / "deutsch"
    return preview.save_to_served(
        content, content / edited.path, page, workdir, edit, overrides
    )


def _article_page(post: corpus.Post, overrides: dict[str, Any]) -> str:
    """Where this site writes the post, from `ARTICLE_SAVE_AS`."""
    pattern = load_settings(ROOT / "pelicanconf.py", overrides)["ARTICLE_SAVE_AS"]
    return pattern.format(date=post.date, slug=post.slug)


def search_note(overrides: dict[str, Any]) -> str:
    """Whether this site's measured builds include the search index."""
    settings = load_settings(ROOT / "pelicanconf.py", overrides)
    if setting(settings, "PERLEN_SEARCH"):
        return "Der Suchindex ist im vollen Bau und im Neubau enthalten."
    return (
        "Der Suchindex ist im vollen Bau und im Neubau nicht enthalten "
        "(PERLEN_SEARCH ist aus); die letzte Zeile zeigt, was er kostet, wo er "
        "entsteht."
    )


def override(text: str) -> tuple[str, Any]:
    """`NAME=VALUE` with VALUE as JSON (`false`, `10`, `"text"`) or plain text."""
    name, separator, value = text.partition("=")
    if not separator or not name.isupper():
        raise argparse.ArgumentTypeError(
            f"„{text}“: bitte als NAME=WERT angeben, z. B. PERLEN_SEARCH=false."
        )
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def _median(variant: Variant, runs: list[Measurement]) -> Row:
    return Row(
        variant=variant.key,
        label=variant.label,
        seconds=statistics.median(m.seconds for m in runs),
        cpu_seconds=statistics.median(m.cpu_seconds for m in runs),
        pages=round(statistics.median(m.pages for m in runs)),
        peak_mb=statistics.median(m.peak_mb for m in runs),
        tree_peak_mb=statistics.median(m.tree_peak_mb for m in runs),
        read=None if runs[0].read is None else max(m.read for m in runs),
    )


def _number(value: float, digits: int = 2) -> str:
    """German decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


COLUMNS = (
    "Variante", "Zeit (s)", "× Zeit", "HTML-Seiten", "Seiten/s",
    "Spitzen-RSS (MB)", "× RSS", "Beiträge gelesen",
)  # fmt: skip


def table(rows: Sequence[Row]) -> str:
    """The results as a Markdown table; ratios are to the first row."""
    first = rows[0]
    lines = [COLUMNS, ("---",) + ("--:",) * (len(COLUMNS) - 1)]
    for row in rows:
        lines.append(
            (
                row.label,
                _number(row.seconds),
                _number(row.seconds / first.seconds),
                str(row.pages),
                _number(row.pages_per_second, 0),
                _number(row.peak_mb, 0),
                _number(row.peak_mb / first.peak_mb),
                "–" if row.read is None else str(row.read),
            )
        )
    return "\n".join(f"| {' | '.join(cells)} |" for cells in lines)


def cpu_note(rows: Sequence[Row]) -> str:
    """The full build's CPU time against Pelican's: what the build costs
    without the waiting for disk and for other processes on the machine."""
    by_variant = {row.variant: row for row in rows}
    one, full = by_variant[FULL_ONE.key], by_variant[FULL.key]
    stock = by_variant[STOCK.key]
    if not stock.cpu_seconds:
        return ""
    return (
        f"CPU-Zeit (Benutzer + System, alle Prozesse): Pelican "
        f"{_number(stock.cpu_seconds)} s, voller Bau mit 1 Prozess "
        f"{_number(one.cpu_seconds)} s "
        f"({_number(one.cpu_seconds / stock.cpu_seconds)} ×), auf allen Kernen "
        f"{_number(full.cpu_seconds)} s "
        f"({_number(full.cpu_seconds / stock.cpu_seconds)} ×)"
    )


def memory_note(rows: Sequence[Row]) -> str:
    """The memory row: the largest sum of all the build's processes at one
    moment (the build's own, its reading workers, Pagefind) against
    Pelican's, which runs in one process."""
    by_variant = {row.variant: row for row in rows}
    stock = by_variant[STOCK.key]
    if not stock.tree_peak_mb:
        return ""
    parts = [f"Pelican {_number(stock.tree_peak_mb, 0)} MB"]
    for variant in (TYPOGRIFY, FULL_ONE, FULL):
        row = by_variant[variant.key]
        parts.append(
            f"{row.label.removeprefix('perlenmädchen, ')} "
            f"{_number(row.tree_peak_mb, 0)} MB "
            f"({_number(row.tree_peak_mb / stock.tree_peak_mb)} ×)"
        )
    return "Spitzenspeicher (alle Prozesse zugleich): " + ", ".join(parts)


def targets(
    rows: Sequence[Row],
    baseline: Sequence[Row] | None = None,
    scale: float = 1.0,
) -> list[str]:
    """Each target of the speed budget with its measured ratio, met or not.

    `baseline` is a run with `scale` times fewer posts: the time may grow
    at most in proportion."""
    by_variant = {row.variant: row for row in rows}
    full, stock = by_variant[FULL.key], by_variant[STOCK.key]
    checks = [
        (
            "Voller Bau / Pelican + Typogrify",
            full.seconds / by_variant[TYPOGRIFY.key].seconds,
            0.6,
        ),
        ("Voller Bau / Pelican", full.seconds / stock.seconds, 1.0),
        (
            "Neubau nach 1 Änderung / voller Bau",
            by_variant[REBUILD.key].seconds / full.seconds,
            0.5,
        ),
        (
            "Spitzenspeicher voller Bau / Pelican",
            _tree_peak(full) / _tree_peak(stock),
            1.5,
        ),
    ]
    if baseline:
        before = {row.variant: row for row in baseline}[FULL.key]
        speed = before.pages_per_second / full.pages_per_second
        checks.append(("Zeit pro Seite / Vergleichslauf", speed, 1.2))
        checks.append(("Zeit / Vergleichslauf", full.seconds / before.seconds, scale))
    return [
        f"{'✓' if ratio <= limit else '✗'} {name}: {_number(ratio)} "
        f"(Ziel ≤ {_number(limit, 1)})"
        for name, ratio, limit in checks
    ]


def _tree_peak(row: Row) -> float:
    """All processes at once, or (in results saved before it was measured)
    the largest one."""
    return row.tree_peak_mb or row.peak_mb


def parser() -> argparse.ArgumentParser:
    options = GermanArgumentParser(
        prog="python -m benchmarks.run",
        description="Misst die Bauzeit: Pelican gegen perlenmädchen, "
        "mit denselben erzeugten Beiträgen.",
    )
    add = options.add_argument
    add(
        "--beitraege",
        type=int,
        default=1000,
        metavar="N",
        help="Anzahl der Beiträge (Standard: 1000)",
    )
    add(
        "--form",
        choices=corpus.FORMS,
        default="standard",
        help="Gestalt der erzeugten Beiträge: „standard“ (je etwa 600 Wörter, "
        "wenige Schlagwörter) oder „vielfalt“ (kurze und lange Beiträge, viele "
        "Schlagwörter, Autorinnen und Kategorien, Bilder, Tabellen, Fußnoten, "
        "Seiten, Entwürfe; Standard: standard)",
    )
    add(
        "--runden",
        type=int,
        default=3,
        metavar="R",
        help="Runden je Variante; gezeigt wird der Median (Standard: 3)",
    )
    add(
        "--ordner",
        type=Path,
        default=None,
        metavar="ORDNER",
        help="Arbeitsordner (Standard: ein temporärer, danach gelöscht)",
    )
    add(
        "--speichern",
        type=Path,
        default=None,
        metavar="DATEI",
        help="Ergebnisse als JSON hierhin schreiben",
    )
    add(
        "--vergleich",
        type=Path,
        default=None,
        metavar="DATEI",
        help="JSON eines Laufs mit anderer Beitragszahl: Zeit pro Seite vergleichen",
    )
    add(
        "--einstellung",
        type=override,
        action="append",
        default=[],
        metavar="NAME=WERT",
        help="Eine Einstellung dieser Website ändern, z. B. PERLEN_SEARCH=false "
        "(WERT als JSON; mehrfach möglich)",
    )
    return options


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    overrides = dict(args.einstellung)
    workdir = args.ordner or Path(tempfile.mkdtemp(prefix="perlen-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        rows = benchmark(args.beitraege, args.runden, workdir, overrides, args.form)
        waits = preview_waits(args.beitraege, workdir, overrides, args.form)
    finally:
        if args.ordner is None:
            shutil.rmtree(workdir, ignore_errors=True)
    baseline, scale = None, 1.0
    if args.vergleich and args.vergleich.exists():
        saved = json.loads(args.vergleich.read_text(encoding="utf-8"))
        if saved["posts"] != args.beitraege and saved.get("form", "standard") == (
            args.form
        ):
            baseline = [Row(**row) for row in saved["rows"]]
            scale = args.beitraege / saved["posts"]
    rounds = f"{args.runden} Runde{'' if args.runden == 1 else 'n'}"
    print(f"{args.beitraege} Beiträge ({args.form}), Median aus {rounds}")
    for name, value in overrides.items():
        print(f"Geänderte Einstellung: {name} = {json.dumps(value)}")
    print(f"\n{table(rows)}\n\n{search_note(overrides)}\n{cpu_note(rows)}")
    print(f"{memory_note(rows)}\n")
    if baseline:
        print(f"Vergleichslauf: {saved['posts']} Beiträge ({args.vergleich})")
    print("\n".join(targets(rows, baseline, scale)))
    print(preview.report(waits, args.beitraege))
    if args.speichern:
        args.speichern.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "posts": args.beitraege,
            "form": args.form,
            "rounds": args.runden,
            "overrides": overrides,
            "rows": [asdict(r) for r in rows],
            "preview_seconds": waits,
        }
        args.speichern.write_text(
            json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
