"""The text pipeline's cost against stock typogrify, in CPU time.

The build benchmark (`benchmarks.run`) measures whole builds, whose wall
time on a shared machine varies with the file system and the load. This one
converts the same generated posts (`corpus`) three ways in one process and
reports CPU time: Python-Markdown with Pelican's extensions alone (and the
reader's quicker inline step, `inline_triggers`, in all three); that plus
typogrify on the body, title and summary, as Pelican does with
`TYPOGRIFY = True`; and our reader's Markdown with the text pipeline and the
headings extension. The pipeline must add less than typogrify does.

    .venv/bin/python -m benchmarks.text_pipeline --beitraege 1000
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence

from markdown import Markdown
from pelican.settings import DEFAULT_CONFIG
from perlen.commands.german_argparse import GermanArgumentParser
from perlen.settings import DEFAULTS
from perlen.text import pipeline
from perlen.text.inline_triggers import InlineTriggersExtension
from typogrify.filters import typogrify

from benchmarks import corpus

_CONFIGS = DEFAULT_CONFIG["MARKDOWN"]["extension_configs"]


def _markdown(ours: bool) -> Markdown:
    extensions = [e for e in _CONFIGS if e != "markdown.extensions.meta"]
    # Our quicker inline step (same HTML) in all three ways, so that only the
    # text rules differ: the reader's Markdown is faster than stock anyway.
    extensions.append(InlineTriggersExtension())
    if ours:
        extensions += pipeline.markdown_extensions(DEFAULTS)
    return Markdown(
        extensions=extensions, extension_configs=_CONFIGS, output_format="html5"
    )


def _converter(kind: str) -> Callable[[corpus.Post], None]:
    md = _markdown(ours=kind == "perlen")

    def convert(post: corpus.Post) -> None:
        md.reset()
        html = md.convert(post.body)
        if kind == "typogrify":
            typogrify(html)
            typogrify(post.title)
            typogrify(post.summary)
        elif kind == "perlen":
            pipeline.typeset_inline(post.title, DEFAULTS)
            pipeline.typeset_inline(post.summary, DEFAULTS)

    return convert


def cpu_seconds(posts: Sequence[corpus.Post], kind: str, rounds: int) -> float:
    """The best of `rounds` CPU times for converting all `posts` one way."""
    convert = _converter(kind)
    convert(posts[0])  # warm caches (emoji data, regexes) outside the clock
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for post in posts:
            convert(post)
        best = min(best, time.process_time() - start)
    return best


def report(count: int, rounds: int) -> tuple[str, float]:
    """The table, and the pipeline's added cost as a share of typogrify's."""
    posts = corpus.generate(count)
    times = {
        k: cpu_seconds(posts, k, rounds) for k in ("markdown", "typogrify", "perlen")
    }
    typogrify_cost = times["typogrify"] - times["markdown"]
    perlen_cost = times["perlen"] - times["markdown"]
    share = perlen_cost / typogrify_cost
    lines = [
        f"| {count} Beiträge, CPU-Sekunden (beste von {rounds}) | Zeit | zusätzlich |",
        "| --- | --: | --: |",
        f"| Markdown (Pelicans Erweiterungen) | {times['markdown']:.2f} | – |",
        f"| + typogrify (Text, Titel, Zusammenfassung) | {times['typogrify']:.2f} "
        f"| {typogrify_cost:.2f} |",
        f"| + perlenmädchen-Textpipeline und Überschriften | {times['perlen']:.2f} "
        f"| {perlen_cost:.2f} |",
        "",
        f"{'✓' if share < 1 else '✗'} Textpipeline: {share:.2f}× der Kosten von "
        "typogrify (Ziel < 1)",
    ]
    return "\n".join(lines), share


def main(argv: Sequence[str] | None = None) -> int:
    options = GermanArgumentParser(
        prog="python -m benchmarks.text_pipeline",
        description="Misst die Textpipeline gegen typogrify (CPU-Zeit).",
    )
    options.add_argument("--beitraege", type=int, default=1000, metavar="N")
    options.add_argument("--runden", type=int, default=3, metavar="R")
    args = options.parse_args(argv)
    text, share = report(args.beitraege, args.runden)
    print(text)
    return 0 if share < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
