"""Pelican glue of the image pipeline (`perlen.images`): which images the
site shows, their checks, and the step that writes their variants.

- The reader's Markdown extension wrote `<picture>` markup and kept the
  paths of a post's images in its metadata (`images.markdown.USED`), also
  for posts that later come from the content cache.
- `cover`: the Titelbild shown above a post and in its card, and its
  1200×630 crop for `og:image`; a post without one gets a social card.
- `image_problems`: every image checked (size limits, HEIC, SVG scripts,
  unreadable files, a Titelbild too narrow), in German with file and line.
- `PicturesGenerator`: after the pages are rendered, makes what the cache
  lacks (`images.store`) and copies every variant into the site; the static
  generator no longer copies raster originals (`keep_originals_out`).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from markdown.serializers import to_html_string
from markupsafe import Markup
from pelican.contents import Article, Content

from perlen.content.dates import format_date
from perlen.content.source_lines import SourceLines, of_build
from perlen.images import encode, social_card, store
from perlen.images.markdown import USED, ImageOptions
from perlen.images.markup import passthrough, picture, url_path
from perlen.images.source import HEIC, RASTER, SourceImage
from perlen.images.variants import Plan, plan, published_stem
from perlen.problems import BuildFailed, Problem, ProblemError, Severity
from perlen.settings import setting
from perlen.site.containment import inside
from perlen.site.contents import contents_of
from perlen.site.cover_image import cover_path, cover_value, is_external
from perlen.site.templating import plaintext

OG_SIZE = (1200, 630)
CARD_NAME = "vorschau.png"
# The theme's self-hosted Fraunces (FreeType reads woff2 itself).
CARD_FONT = "fraunces-latin-600-normal.woff2"


@dataclass(frozen=True)
class Cover:
    """What the theme shows for a post's image and what it shares."""

    picture: Markup | None  # above the post
    card_picture: Markup | None  # in listings …
    first_card_picture: Markup | None  # … in the first card, fetched first
    share: str  # site-relative path of the preview, 1200×630 unless…
    alt: str
    share_size: tuple[int, int] | None = OG_SIZE  # … a GIF or SVG as it is


def _options(content: Content) -> ImageOptions:
    return ImageOptions.of(content.settings)


def cover_alt(content: Content) -> str:
    """`Titelbild-Text:`, or else the post's title."""
    value = content.metadata.get("cover_alt")
    return (
        value.strip()
        if isinstance(value, str) and value.strip()
        else plaintext(content.title)
    )


def _og_path(source: SourceImage) -> str:
    return f"{published_stem(source.path)}-{OG_SIZE[0]}x{OG_SIZE[1]}.jpg"


def card_path(content: Content) -> str:
    return posixpath.join(posixpath.dirname(content.save_as), CARD_NAME)


def _gets_card(content: Content) -> bool:
    return (
        isinstance(content, Article)
        and bool(content.save_as)
        and setting(content.settings, "PERLEN_SOCIAL_CARDS")
    )


def _read(content: Content, path: str) -> SourceImage | None:
    try:
        return _options(content).read(path)
    except (ProblemError, OSError):
        return None  # reported by `image_problems`


def cover(content: Content) -> Cover | None:
    """The Titelbild of `content` as the theme shows and shares it; a post
    without one shares its social card; None for a page without one."""
    if is_external(cover_value(content)):
        return None  # another website's image: shared as it is
    options = _options(content)
    path = cover_path(cover_value(content), content.relative_dir)
    leaves = path and not inside(options.root, os.path.join(options.root, path))
    source = _read(content, path) if path and not leaves else None
    alt = cover_alt(content)
    if source is None:
        if _gets_card(content):
            return Cover(None, None, None, card_path(content), alt)
        return None
    if source.passthrough:
        src = f"{options.base}{url_path(source.path)}"
        element = passthrough(source, src, alt, first=True)
        html = Markup(to_html_string(element))
        if _gets_card(content):
            return Cover(html, html, html, card_path(content), alt)
        return Cover(html, html, html, url_path(source.path), alt, None)
    planned = plan(source, options.widths)
    card_sizes = setting(content.settings, "PERLEN_IMAGE_CARD_SIZES")
    shown = picture(planned, alt, options.sizes, options.base, first=True)
    in_card = picture(planned, alt, card_sizes, options.base)
    in_first_card = picture(planned, alt, card_sizes, options.base, first=True)
    return Cover(
        Markup(to_html_string(shown)),
        Markup(to_html_string(in_card)),
        Markup(to_html_string(in_first_card)),
        url_path(_og_path(source)),
        alt,
    )


# -- Checks ------------------------------------------------------------------


def image_problems(contents: list[Content], sources: SourceLines) -> list[Problem]:
    """Every image a post shows, checked; the Titelbild also for its width."""
    problems = []
    for content in contents:
        options = _options(content)
        for path in dict.fromkeys(content.metadata.get(USED, ())):
            try:
                options.read(path)
            except (ProblemError, OSError) as error:
                problems.append(_problem(content, path, error, sources, None))
        path = cover_path(cover_value(content), content.relative_dir)
        full = os.path.join(options.root, path) if path else ""
        # A Titelbild outside content/ is `site.checks`' error; never read.
        if path is None or not (os.path.isfile(full) and inside(options.root, full)):
            continue
        line = sources.field(content.source_path, "image")
        try:
            source = options.read(path)
        except (ProblemError, OSError) as error:
            problems.append(_problem(content, path, error, sources, line))
            continue
        minimum = setting(content.settings, "PERLEN_COVER_MIN_WIDTH")
        if not source.passthrough and source.width and source.width < minimum:
            problems.append(
                Problem(
                    content.source_path,
                    line,
                    f"Das Titelbild „{posixpath.basename(path)}“ ist nur "
                    f"{source.width} Pixel breit; für die Vorschau in sozialen "
                    f"Netzwerken braucht es mindestens {minimum}.",
                    "Bitte eine größere Fassung des Bildes nehmen.",
                    Severity.WARNING,
                )
            )
    return problems


def _problem(content, path, error, sources, line) -> Problem:
    problem = (
        error.problem
        if isinstance(error, ProblemError)
        else Problem("", None, f"„{posixpath.basename(path)}“ lässt sich nicht lesen.")
    )
    if line is None:
        line = sources.find(content.source_path, posixpath.basename(path))
    return problem.placed(content.source_path, line)


# -- Writing the variants ----------------------------------------------------


def keep_originals_out(generator) -> None:
    """`static_generator_finalized` handler: the static generator does not
    copy the images the pipeline processes; the site gets their variants.

    (An image only raw HTML names, `<img src="…">`, is the writer's own and
    is copied as it is, as are files that no post shows.)"""
    processed: set[str] = set()
    for content in generator.context["generated_content"].values():
        if isinstance(content, Content):
            processed.update(content.metadata.get(USED, ()))
            cover_file = cover_path(cover_value(content), content.relative_dir)
            if cover_file:
                processed.add(cover_file)
    generator.staticfiles[:] = [
        static
        for static in generator.staticfiles
        if static.relative_source_path not in processed
        or posixpath.splitext(static.relative_source_path)[1].lower()
        not in RASTER | HEIC
    ]


def _encode_job(
    root: Path, source: SourceImage, planned: Plan, quality, where: tuple
) -> store.Job:
    file = root / source.path
    variants = [(v.path, v.width, v.height, v.format) for v in planned.variants]
    return store.Job(
        store.cache_key(store.file_digest(file), variants, sorted(quality.items())),
        tuple(v.path for v in planned.variants),
        partial(encode.encode_all, file, planned, dict(quality)),
        *where,
        source=source.path,
    )


def card_text(content: Content) -> social_card.CardText:
    """What a post's social card says: title, site, category, author, date."""
    settings = content.settings
    date = format_date(
        content.date, "d. MMMM y", locale=setting(settings, "PERLEN_LOCALE")
    )
    authors = ", ".join(a.name for a in getattr(content, "authors", []))
    category = getattr(content, "category", None)
    return social_card.CardText(
        plaintext(content.title),
        settings.get("SITENAME", ""),
        category.name if category else "",
        " · ".join(part for part in (authors, date) if part),
    )


def _og_job(
    content: Content, root: Path, source: SourceImage, quality, where: tuple, font: str
) -> store.Job:
    """The Titelbild's 1200×630 crop, with the card's text on a panel for a post."""
    file = root / source.path
    share = _og_path(source)
    text = card_text(content) if _gets_card(content) else None
    return store.Job(
        store.cache_key(
            store.file_digest(file),
            "og",
            OG_SIZE,
            quality["jpeg"],
            repr(text),
            social_card.font_digest(font) if text else b"",
        ),
        (share,),
        partial(_crop_files, file, share, quality["jpeg"], text, font),
        *where,
        source=source.path,
    )


def _crop_files(
    file: Path, path: str, quality: int, text: social_card.CardText | None, font: str
) -> dict[str, bytes]:
    crop = encode.crop(file, OG_SIZE, quality)
    if text is not None:
        crop = social_card.render_photo(text, font, crop, quality)
    return {path: crop}


def _card_job(content: Content, font: str) -> store.Job:
    text = card_text(content)
    path = card_path(content)
    return store.Job(
        store.cache_key("card", repr(text), social_card.font_digest(font)),
        (path,),
        partial(social_card.render_files, text, font, path),
    )


def jobs(contents: list[Content], settings: dict[str, Any]) -> list[store.Job]:
    """Everything the site's images need: variants, crops, cards."""
    quality = setting(settings, "PERLEN_IMAGE_QUALITY")
    font = os.path.join(settings["THEME"], "static", "fonts", CARD_FONT)
    found = []
    for content in contents:
        options = _options(content)
        root = Path(options.root)
        paths = list(content.metadata.get(USED, ()))
        cover_file = cover_path(cover_value(content), content.relative_dir)
        if cover_file:
            paths.append(cover_file)
        for path in dict.fromkeys(paths):
            source = _read(content, path)
            if source is None or source.passthrough:
                continue
            # The line is looked up only for a message (`job_line`).
            where = (content.source_path, None)
            planned = plan(source, options.widths)
            found.append(_encode_job(root, source, planned, quality, where))
            if path == cover_file:
                found.append(_og_job(content, root, source, quality, where, font))
        shown = getattr(content, "cover", None)
        if shown is not None and shown.share == card_path(content):
            found.append(_card_job(content, font))
    return found


def job_line(job: store.Job, sources: SourceLines) -> int | None:
    """The line of the writer's file that names the job's image: its first
    mention in the text, else in the header (a Titelbild only named there)."""
    if job.line is not None or not job.origin or not job.source:
        return job.line
    return sources.find(job.origin, posixpath.basename(job.source))


def planned_jobs(generators, contents: list[Content]) -> list[store.Job]:
    """The build's image jobs: the pictures generator's list (every post's
    and author's images, listed once per build), else those of `contents`."""
    for generator in generators:
        if isinstance(generator, PicturesGenerator):
            return generator.jobs()
    return jobs(contents, generators[0].settings)


def photo_job(
    source: SourceImage, planned: Plan, where: tuple, settings: dict[str, Any]
) -> store.Job:
    """The variants of an image that no post shows (an author's photo)."""
    root = Path(ImageOptions.of(settings).root)
    quality = setting(settings, "PERLEN_IMAGE_QUALITY")
    return _encode_job(root, source, planned, quality, where)


# The build's image jobs begin while its pages are rendered only inside
# `encoding_ahead` (the atomic build), which stops them however the run ends.
_AHEAD: ContextVar[list[store.Encoding] | None] = ContextVar(
    "perlen_encoding_ahead", default=None
)


@contextmanager
def encoding_ahead() -> Iterator[None]:
    """Around one Pelican run: its images may be encoded from the moment the
    posts are read (`start_encoding`); what still runs when the run ends is
    stopped."""
    started: list[store.Encoding] = []
    token = _AHEAD.set(started)
    try:
        yield
    finally:
        _AHEAD.reset(token)
        for encoding in started:
            encoding.close()


class PicturesGenerator:
    """Writes the processed images after Pelican rendered the pages."""

    def __init__(self, context, settings, path, theme, output_path, **_: Any):
        self.settings = settings
        self.sources = of_build(context)
        self.output_path = output_path
        self.contents: list[Content] = []
        self.extra_jobs: list[store.Job] = []  # images no post shows (authors)
        self.encoding: store.Encoding | None = None
        self.planned: list[store.Job] | None = None

    def jobs(self) -> list[store.Job]:
        """The build's image jobs, listed once (every post and author is
        known when `start_encoding` asks first)."""
        if self.planned is None:
            self.planned = jobs(self.contents, self.settings) + self.extra_jobs
        return self.planned

    def new_encoding(self) -> store.Encoding:
        cache = Path(
            self.settings.get("PERLEN_IMAGE_CACHE_PATH")
            or os.path.join(self.settings["CACHE_PATH"], "bilder")
        )
        workers = setting(self.settings, "PERLEN_IMAGE_WORKERS") or os.cpu_count() or 1
        return store.Encoding(cache, workers)

    def generate_output(self, writer) -> None:
        del writer  # the images are not pages
        with self.encoding or self.new_encoding() as encoding:
            report = encoding.finish(self.jobs(), Path(self.output_path))
        if report.failed:
            failed = report.failed
            raise BuildFailed(
                [
                    e.problem.placed(j.origin, job_line(j, self.sources))
                    for j, e in failed
                ]
            )


def start_encoding(generators) -> None:
    """`all_generators_finalized` handler, once every image is known (posts,
    pages, authors): the images are encoded beside the checks and the
    rendering of the pages."""
    started = _AHEAD.get()
    if started is None:
        return
    for generator in generators:
        if isinstance(generator, PicturesGenerator):
            generator.encoding = generator.new_encoding()
            started.append(generator.encoding)
            generator.encoding.start(generator.jobs())


def add_generator(pelican) -> type:
    """`get_generators` handler."""
    return PicturesGenerator


def hand_over_contents(generators) -> None:
    """`all_generators_finalized` handler: the pictures generator learns every
    post and page of the build, and each gets its `cover` (the writer's
    `image` stays as written; what is shared is `cover.share`)."""
    contents = contents_of(generators)
    for content in contents:
        content.cover = cover(content)
    for generator in generators:
        if isinstance(generator, PicturesGenerator):
            generator.contents = contents
