"""The build benchmark keeps working: its corpus, and a small untimed run."""

import json
import subprocess
import sys
from pathlib import Path

from perlen.content.dates import parse_date
from perlen.content.metadata import split_header

from benchmarks import corpus

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


def test_small_benchmark_run_prints_every_variant(tmp_path):
    saved = tmp_path / "ergebnis.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--beitraege",
            "20",
            "--runden",
            "1",
            "--ordner",
            str(tmp_path / "arbeit"),
            "--speichern",
            str(saved),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(saved.read_text(encoding="utf-8"))["rows"]
    assert [row["variant"] for row in rows] == [
        "stock",
        "typogrify",
        "full",
        "rebuild",
        "search",
    ]
    for row in rows:
        assert 0 < row["seconds"] < 120
        assert row["pages"] > 20
        assert 10 < row["peak_mb"] < 2000
    stock, typogrify, full, rebuild, search = rows
    assert stock["pages"] == typogrify["pages"]
    assert full["pages"] == rebuild["pages"] == search["pages"]
    # The rebuild reads only the edited post; the rest comes from the cache.
    assert (full["read"], rebuild["read"]) == (20, 1)

    table = [line for line in run.stdout.splitlines() if line.startswith("| ")]
    assert [line.split(" | ")[0].removeprefix("| ") for line in table[2:]] == [
        "Pelican 4.12, Standard",
        "Pelican 4.12 + Typogrify",
        "perlenmädchen, voller Bau",
        "perlenmädchen, 1 Beitrag geändert",
        "Suchindex allein (Pagefind)",
    ]
    assert table[2].split(" | ")[2] == "1,00"
    assert "Neubau nach 1 Änderung / voller Bau" in run.stdout
