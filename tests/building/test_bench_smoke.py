"""The build benchmark keeps working: its corpus, and a small untimed run."""

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from perlen.content.dates import parse_date
from perlen.content.metadata import split_header

from benchmarks import corpus, run
from benchmarks.run import process_memory_kb, tree_memory_kb

ROOT = Path(__file__).resolve().parents[2]


def test_corpus_is_reproducible_with_unique_slugs():
    posts = corpus.generate(300)
    assert posts == corpus.generate(300)
    assert len({post.slug for post in posts}) == 300
    assert posts != corpus.generate(300, seed=1)


def test_both_spellings_carry_the_same_post():
    post = corpus.generate(3)[2]
    german = split_header(corpus.german_markdown(post))
    stock = split_header(corpus.stock_markdown(post))
    assert german.body == stock.body == post.body
    fields = {field.name: field.value for field in german.fields}
    assert parse_date(fields["Datum"]).replace(tzinfo=None) == post.date.replace(
        second=0, microsecond=0
    )
    assert {field.name: field.value for field in stock.fields}["Tags"] == fields[
        "Schlagwörter"
    ]


def test_posts_carry_what_the_text_pipeline_works_on():
    text = "\n".join(post.body for post in corpus.generate(30))
    words = [len(post.body.split()) for post in corpus.generate(30)]
    assert 500 < sum(words) / len(words) < 700
    for sample in (
        '"',
        " - ",
        " -- ",
        "...",
        "<3",
        ":wink:",
        "😉",
        "\n## ",
        "\n- ",
        "```",
    ):
        assert sample in text


def test_the_tag_pool_grows_with_the_corpus():
    def tags(count):
        return {tag for post in corpus.generate(count) for tag in post.tags}

    assert len(tags(2000)) > len(tags(200)) + 50


def test_the_varied_shape_stresses_what_the_standard_one_leaves_easy():
    posts = corpus.generate(400, form="vielfalt")
    assert posts == corpus.generate(400, form="vielfalt")
    articles = [post for post in posts if not post.page]
    pages = [post for post in posts if post.page]
    assert (len(articles), len(pages)) == (400, 20)
    assert len({post.path for post in posts}) == 420
    words = sorted(len(post.body.split()) for post in articles)
    assert words[len(words) // 4] < 200 and words[-len(words) // 10] > 2500
    assert len({tag for post in articles for tag in post.tags}) > 150
    assert sum(len(post.tags) for post in articles) / len(articles) > 6
    assert len({post.author for post in articles}) > 30
    assert len({post.category for post in articles}) > 25
    assert 0 < sum(post.draft for post in articles) < 20
    assert sum(bool(post.coauthor) for post in articles) > 30
    assert sum(not post.summary for post in articles) > 150
    text = "\n".join(post.body for post in posts)
    for sample in ("![", "](/images/", ".md)", "[^1]", "| --: |", "\n> "):
        assert sample in text


def test_stock_pelican_gets_the_same_links_in_its_own_syntax():
    post = next(p for p in corpus.generate(60, form="vielfalt") if "/images/" in p.body)
    german = split_header(corpus.german_markdown(post)).body
    stock = split_header(corpus.stock_markdown(post)).body
    assert german == post.body
    assert "](/images/" in german and "]({static}/images/" in stock
    assert stock.replace("{static}", "").replace("{filename}", "") == german


def _small_run(tmp_path, *options: str) -> tuple[str, dict]:
    """A benchmark run on 20 posts, one round: its output and saved results."""
    saved = tmp_path / "ergebnis.json"
    arguments = ["--beitraege", "20", "--runden", "1"]
    arguments += ["--ordner", str(tmp_path / "arbeit"), "--speichern", str(saved)]
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", *arguments, *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout, json.loads(saved.read_text(encoding="utf-8"))


@pytest.mark.langsam
def test_small_benchmark_run_prints_every_variant(tmp_path):
    stdout, result = _small_run(tmp_path)
    rows = result["rows"]
    assert [row["variant"] for row in rows] == [
        "stock",
        "typogrify",
        "full-1",
        "full",
        "rebuild",
        "search",
    ]
    for row in rows:
        assert 0 < row["seconds"] < 120
        assert row["pages"] > 20
        assert 10 < row["peak_mb"] < 2000
    stock, typogrify, one, full, rebuild, search = rows
    assert stock["pages"] == typogrify["pages"]
    assert one["pages"] == full["pages"] == rebuild["pages"] == search["pages"]
    # The rebuild reads only the edited post; the rest comes from the cache.
    assert (one["read"], full["read"], rebuild["read"]) == (20, 20, 1)

    table = [line for line in stdout.splitlines() if line.startswith("| ")]
    assert [line.split(" | ")[0].removeprefix("| ") for line in table[2:]] == [
        "Pelican 4.12, Standard",
        "Pelican 4.12 + Typogrify",
        "perlenmädchen, voller Bau, 1 Prozess",
        "perlenmädchen, voller Bau, alle Kerne",
        "perlenmädchen, 1 Beitrag geändert",
        "Suchindex allein (Pagefind)",
    ]
    assert table[2].split(" | ")[2] == "1,00"
    assert "Neubau nach 1 Änderung / voller Bau" in stdout
    # The memory row: all of a build's processes at one moment, at least its
    # largest one; Pelican runs in one process.
    for row in (stock, one, full):
        assert row["tree_peak_mb"] >= row["peak_mb"] * 0.9
    memory = next(line for line in stdout.splitlines() if "Spitzenspeicher (" in line)
    assert memory.startswith("Spitzenspeicher (alle Prozesse zugleich): Pelican ")
    assert "voller Bau, 1 Prozess" in memory and "voller Bau, alle Kerne" in memory
    assert "Spitzenspeicher voller Bau / Pelican" in stdout


@pytest.mark.langsam
def test_small_benchmark_run_of_the_varied_shape(tmp_path):
    stdout, result = _small_run(tmp_path, "--form", "vielfalt")
    assert result["form"] == "vielfalt"
    stock, _, _, full, rebuild, _ = result["rows"]
    # 20 posts and a page are read; a rebuild reads only the edited post.
    assert (full["read"], rebuild["read"]) == (21, 1)
    assert full["pages"] > stock["pages"] > 20
    assert 0 < full["cpu_seconds"] < 120
    assert "20 Beiträge (vielfalt)" in stdout
    assert "CPU-Zeit (Benutzer + System, alle Prozesse): Pelican " in stdout


@contextmanager
def _waiting(code: str) -> Iterator[subprocess.Popen]:
    """A Python process running `code` that talks over text pipes; it ends
    when its input is closed."""
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        process.stdin.close()
        process.wait(timeout=30)


def test_the_memory_row_adds_up_a_process_and_its_descendants():
    """`tree_memory_kb` counts a build's workers with it: here a process that
    holds 60 MB and its child that holds 60 MB, both waiting on their input."""
    hold = "b = bytearray(60 * 2**20); b[::4096] = b'x' * len(b[::4096])"
    child = f"import sys; {hold}; print('da', flush=True); sys.stdin.read()"
    parent = (
        f"import subprocess, sys; {hold}; "
        f"c = subprocess.Popen([sys.executable, '-c', {child!r}], "
        "stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True); "
        "c.stdout.readline(); print('da', flush=True); sys.stdin.read(); "
        "c.stdin.close(); c.wait()"
    )
    with _waiting(parent) as process:
        assert process.stdout.readline() == "da\n"
        assert tree_memory_kb(process.pid) > 2 * 60 * 1024
        assert tree_memory_kb(process.pid) > process_memory_kb(process.pid) + 60 * 1024


def test_the_memory_row_counts_pages_a_forked_child_shares_once():
    """A child forked from a process holding 120 MB shares those pages: the
    two resident sets add up to about 240 MB, the memory they take to 120."""
    hold = (
        "import os, sys; b = bytearray(120 * 2**20); "
        "b[::4096] = b'x' * len(b[::4096]); pid = os.fork(); "
        "print('da', flush=True) if pid else None; sys.stdin.read()"
    )
    with _waiting(hold) as process:
        assert process.stdout.readline() == "da\n"
        both = tree_memory_kb(process.pid)
        assert 120 * 1024 < both < 180 * 1024, both


def test_a_memory_sample_taken_while_a_process_ends_is_left_out(monkeypatch):
    """The figures of a sample are of one moment: when a process of the tree
    ends while they are read (here the child, right after its parent's
    figure), the sample is None rather than a sum of different moments."""
    child = "import sys; print('da', flush=True); sys.stdin.read()"
    parent = (
        "import subprocess, sys; "
        f"c = subprocess.Popen([sys.executable, '-c', {child!r}], "
        "stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True); "
        "c.stdout.readline(); print(c.pid, flush=True); sys.stdin.readline(); "
        "c.stdin.close(); c.wait(); print('weg', flush=True); sys.stdin.read()"
    )
    with _waiting(parent) as process:
        child_pid = int(process.stdout.readline())
        assert tree_memory_kb(process.pid) > 0  # a steady tree: a figure
        read = run.process_memory_kb

        def read_then_end_child(pid: int) -> int:
            figure = read(pid)
            if pid == process.pid:  # read once per sample
                process.stdin.write("\n")
                process.stdin.flush()
                assert process.stdout.readline() == "weg\n"
            return figure

        monkeypatch.setattr(run, "process_memory_kb", read_then_end_child)
        assert child_pid in run._tree(process.pid)
        assert tree_memory_kb(process.pid) is None
        monkeypatch.undo()
        assert run._tree(process.pid) == {process.pid}
        assert tree_memory_kb(process.pid) > 0
