"""The Markdown extension that turns a post's images into `<picture>`s.

It runs after `content.links` has written local images in Pelican's syntax
(`{static}bild.jpg`): a raster image becomes `<picture>` with its variants
(`markup`), a GIF or SVG keeps its file and gets its size and lazy loading.
`![Alt](bild.jpg "Bildunterschrift")` alone in a paragraph becomes
`<figure>` with `<figcaption>`; a credit ends the caption
(`"Am Strand. Bildnachweis: Anna Muster"`) or comes from the post's
`Bildnachweis:`. `![Alt](bild.jpg){.breit}` spans the wide column,
`{.voll}` the whole window (the theme's classes `wide` and `full`); several
images alone in one paragraph, one per line, are a gallery in a row
(`<div class="galerie">`, each a `<figure>`). Each gets the `sizes` of its
width (PERLEN_IMAGE_*SIZES). The reader hands each conversion a `Document` and keeps
the images it used in the post's metadata (`USED`), so that the build
writes their variants even when the post itself comes from the cache.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element, SubElement

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from perlen.images.markup import passthrough, picture
from perlen.images.source import SourceImage, is_image, read_source
from perlen.images.variants import plan, published_stem
from perlen.link_syntax import without_indicator
from perlen.problems import ProblemError
from perlen.settings import setting
from perlen.text.document import document_state
from perlen.text.pipeline import typeset_inline

# Metadata key: the content-relative paths of the images a post shows.
USED = "perlen_images"
# After `perlen_local_links` (-1), which writes `{static}…`.
PRIORITY = -2
_VARIANT = re.compile(r"-\d+\.(?:avif|webp|jpg|png)$")
_CREDIT = re.compile(r"\s*\bBildnachweis:\s*(?P<credit>.+?)\s*$", re.IGNORECASE)
# The writer's width classes (`{.breit}`, `{.voll}`) → the theme's columns.
WIDTHS = {"breit": "wide", "voll": "full"}
# Images alone in one paragraph from this many on are a gallery.
GALLERY_MIN = 2


@dataclass
class Document:
    """The post being converted: where it is, and what it has said so far."""

    source_path: str
    lang: str | None = None
    credit: str = ""  # the post's `Bildnachweis:`
    has_cover: bool = False  # a Titelbild above the text is the first image
    used: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImageOptions:
    """What the extension needs of Pelican's settings."""

    root: str  # PATH: the content folder
    base: str  # SITEURL + "/"
    widths: tuple[int, ...]
    sizes: str
    max_bytes: int
    max_pixels: int
    settings: Mapping[str, Any] = field(compare=False, hash=False)

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> ImageOptions:
        return cls(
            root=settings["PATH"],
            base=settings.get("SITEURL", "") + "/",
            widths=tuple(setting(settings, "PERLEN_IMAGE_WIDTHS")),
            sizes=setting(settings, "PERLEN_IMAGE_SIZES"),
            max_bytes=int(setting(settings, "PERLEN_IMAGE_MAX_MB") * 1e6),
            max_pixels=int(setting(settings, "PERLEN_IMAGE_MAX_MEGAPIXELS") * 1e6),
            settings=settings,
        )

    def read(self, path: str) -> SourceImage:
        return read_source(Path(self.root), path, self.max_bytes, self.max_pixels)


def content_path(src: str, source_path: str, root: str) -> str | None:
    """The content-relative path of a local image; None for another site's,
    and for one outside the content folder (`site.checks` reports those:
    nothing outside `content/` is read)."""
    value = without_indicator(src, ("static",))
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path or value.startswith("{"):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        relative = posixpath.normpath(path.lstrip("/"))
    else:
        folder = posixpath.relpath(
            posixpath.dirname(Path(source_path).resolve().as_posix()),
            Path(root).resolve().as_posix(),
        )
        relative = posixpath.normpath(posixpath.join(folder, path))
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(root, relative))
    if not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return None
    return relative


def written_source(src: str, used: Sequence[str], relative_dir: str) -> str | None:
    """The image as the writer named it, for the `src` of one of its variants
    (`/posts/2021/perlen-jpg-960.jpg` → `perlen.jpg`), so that checks of the
    built HTML can point at the writer's line."""
    stem = _VARIANT.sub("", unquote(urlsplit(src).path)).lstrip("/")
    for path in used:
        if published_stem(path) == stem or path == stem:
            return posixpath.relpath(path, relative_dir or ".")
    return None


def split_credit(title: str) -> tuple[str, str]:
    """("Am Strand.", "Anna Muster") from "Am Strand. Bildnachweis: Anna Muster"."""
    match = _CREDIT.search(title)
    if match is None:
        return title.strip(), ""
    return title[: match.start()].strip(), match["credit"]


class PictureTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: PictureExtension):
        super().__init__(md)
        self.extension = extension
        self.options = extension.options

    def _sizes(self, img: Element, in_gallery: bool) -> str:
        settings = self.options.settings
        if in_gallery:
            return setting(settings, "PERLEN_IMAGE_GALLERY_SIZES")
        width = _width(img)
        if width == "wide":
            return setting(settings, "PERLEN_IMAGE_WIDE_SIZES")
        if width == "full":
            return setting(settings, "PERLEN_IMAGE_FULL_SIZES")
        return self.options.sizes

    def _own_html(self, markup: str) -> str:
        """`markup` stashed as HTML the conversion wrote, not the writer."""
        document_state(self.md).own_html += 1
        return self.md.htmlStash.store(markup)

    def run(self, root: Element) -> None:
        document = self.extension.document
        if document is None:  # a conversion that is not of a post
            return
        if next(root.iter("img"), None) is None:
            return  # most texts: nothing to replace, no gallery, no figure
        first = not document.has_cover
        galleries = [p for p in root.iter("p") if _is_gallery(p)]
        in_gallery = {id(img) for p in galleries for img in p}
        widths: dict[int, str] = {}  # replaced image → its column
        titles: dict[int, str] = {}  # replaced image → the title it had
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "img":
                    continue
                sizes = self._sizes(child, id(child) in in_gallery)
                replacement = self._replace(child, document, first, sizes)
                if replacement is None:
                    continue
                first = False
                replacement.tail = child.tail
                parent[index] = replacement
                if child.get("title") is not None:
                    titles[id(replacement)] = child.get("title")
                if _width(child) and id(child) not in in_gallery:
                    widths[id(replacement)] = _width(child)
        for paragraph in galleries:
            self._gallery(paragraph, titles, document)
        for paragraph in list(root.iter("p")):
            children = list(paragraph)
            if (
                len(children) == 1
                and id(children[0]) in titles
                and self._figure(paragraph, titles[id(children[0])], document)
            ):
                del titles[id(children[0])]
            if len(children) == 1 and id(children[0]) in widths:
                paragraph.set("class", widths[id(children[0])])
        for element in root.iter():  # elsewhere, a title stays a tooltip
            if id(element) in titles:
                img = element.find("img") if element.tag == "picture" else element
                img.set("title", titles[id(element)])

    def _gallery(self, paragraph: Element, titles: dict, document: Document) -> None:
        """Images alone in a paragraph: a row of figures, captioned by title."""
        images = list(paragraph)
        paragraph.tag = "div"
        paragraph.attrib.clear()
        count = min(len(images), 3)
        paragraph.set("class", f"galerie galerie-{count}")
        paragraph.text = None
        for index, image in enumerate(images):
            figure = Element("figure")
            image.tail = None
            figure.append(image)
            paragraph[index] = figure
            title = titles.pop(id(image), None)
            caption, credit = split_credit(title or "")
            if caption or credit:
                figcaption = SubElement(figure, "figcaption")
                figcaption.text = self._own_html(
                    caption_html(caption, credit, self.options.settings, document.lang)
                )

    def _replace(
        self, img: Element, document: Document, first: bool, sizes: str
    ) -> Element | None:
        path = content_path(img.get("src", ""), document.source_path, self.options.root)
        if path is None or not is_image(path):
            return None
        if not (Path(self.options.root) / path).is_file():
            return None  # the link check names the missing file
        document.used.append(path)
        try:
            source = self.options.read(path)
        except (ProblemError, OSError):
            return None  # the build reports it (`site.pictures`)
        alt = img.get("alt", "")
        if source.passthrough:
            return passthrough(source, img.get("src", ""), alt, first=first)
        return picture(
            plan(source, self.options.widths),
            alt,
            sizes,
            self.options.base,
            first=first,
        )

    def _figure(self, paragraph: Element, title: str, document: Document) -> bool:
        """A captioned image alone in its paragraph becomes a `<figure>`."""
        image = paragraph[0]
        if (paragraph.text or "").strip() or (image.tail or "").strip():
            return False
        caption, credit = split_credit(title)
        credit = credit or document.credit
        paragraph.tag = "figure"
        paragraph.attrib.clear()
        image.tail = None
        if caption or credit:
            figcaption = SubElement(paragraph, "figcaption")
            figcaption.text = self._own_html(
                caption_html(caption, credit, self.options.settings, document.lang)
            )
        return True


def _width(img: Element) -> str:
    """The theme's column a writer asked for with `{.breit}` or `{.voll}`."""
    for name in img.get("class", "").split():
        if name in WIDTHS:
            return WIDTHS[name]
    return ""


def _is_gallery(paragraph: Element) -> bool:
    """Only images (one per line, nothing else) and at least two of them."""
    children = list(paragraph)
    return (
        len(children) >= GALLERY_MIN
        and all(child.tag == "img" for child in children)
        and not (paragraph.text or "").strip()
        and not any((child.tail or "").strip() for child in children)
    )


def caption_html(
    caption: str, credit: str, settings: Mapping[str, Any], lang: str | None
) -> str:
    """The caption and credit with German typography, as HTML."""
    parts = []
    if caption:
        parts.append(typeset_inline(html.escape(caption, quote=False), settings, lang))
    if credit:
        typeset = typeset_inline(html.escape(credit, quote=False), settings, lang)
        parts.append(f'<span class="credit">Bild: {typeset}</span>')
    return " ".join(parts)


class PictureExtension(Extension):
    """Pictures for a post's images; the post being converted is per-document
    state (`document`, set after `md.reset()`, cleared by it)."""

    def __init__(self, options: ImageOptions, **kwargs: Any):
        self.options = options
        self.document: Document | None = None
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(
            PictureTreeprocessor(md, self), "perlen_pictures", PRIORITY
        )
        md.registerExtension(self)

    def reset(self) -> None:
        self.document = None


def picture_extension(md: Markdown) -> PictureExtension | None:
    """`md`'s picture extension, if it has one."""
    return next(
        (e for e in md.registeredExtensions if isinstance(e, PictureExtension)), None
    )


def markdown_extensions(settings: Mapping[str, Any]) -> list[Extension]:
    return [PictureExtension(ImageOptions.of(settings))]
