"""Output folders made ahead of the pages, while Pelican renders them.

Pretty URLs give every page a folder of its own (`2021/beitrag/index.html`),
so a build makes about as many folders as pages where stock Pelican's flat
output needs a handful. Pelican's writer makes each folder just before it
writes the page, and on ext4 a `mkdir` mostly waits for the file system
(0.2–0.6 ms with the CPU idle): 0.5–1.5 s per 1,000 posts. Once the
generators are finalized, the address of every post, page, tag, category and
author is known, so a thread makes their folders while the main thread
renders, and the writer finds them made. Only folders that get a page are
made, so the output stays the same.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import threading
from collections.abc import Iterable

from pelican.paginator import Paginator

from perlen.site.contents import contents_of

THREAD = "perlen-folders"


def page_folders(generators: Iterable) -> list[str]:
    """The folders, relative to the output, that the posts, pages and drafts
    and the home, tag, category and author pages (all pages of each list)
    are written into; parents before their children."""
    generators = list(generators)
    addresses = [content.save_as for content in contents_of(generators)]
    for generator in generators:
        if hasattr(generator, "dates"):  # the articles generator
            addresses += _list_pages(generator)
    folders: dict[str, None] = {}
    for address in addresses:
        folder = posixpath.dirname(address or "")
        chain = []
        while folder and folder not in folders:
            chain.append(folder)
            folder = posixpath.dirname(folder)
        folders.update(dict.fromkeys(reversed(chain)))
    return list(folders)


def _list_pages(generator) -> list[str]:
    """Where the articles generator writes the lists of posts, each of its
    pages as Pelican's writer paginates it (with Pelican's `Paginator`)."""
    settings = generator.settings
    lists = []
    if "index" in settings["DIRECT_TEMPLATES"]:
        index = settings.get("INDEX_SAVE_AS", "index.html")
        lists.append(
            ("index", index, settings.get("INDEX_URL", ""), generator.articles)
        )
    lists += [
        ("tag", tag.save_as, tag.url, posts) for tag, posts in generator.tags.items()
    ]
    for template, pairs in (
        ("category", generator.categories),
        ("author", generator.authors),
    ):
        lists += [(template, w.save_as, w.url, posts) for w, posts in pairs]
    addresses = []
    for template, save_as, url, posts in lists:
        if not save_as:
            continue
        addresses.append(save_as)
        if template not in settings["PAGINATED_TEMPLATES"]:
            continue
        per_page = (
            settings["PAGINATED_TEMPLATES"][template] or settings["DEFAULT_PAGINATION"]
        )
        paginator = Paginator(save_as, url, posts, settings, per_page)
        addresses += [paginator.page(n).save_as for n in paginator.page_range[1:]]
    return addresses


def make_folders(output: str, folders: list[str]) -> None:
    """Make `folders` below `output`, stopping if `output` goes away.

    Relative to a descriptor of `output`, so a failed build that removes its
    output while this runs is not brought back by it.
    """
    descriptor = os.open(output, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for folder in folders:
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder, dir_fd=descriptor)
    except OSError:
        return  # the output was removed: the build failed
    finally:
        os.close(descriptor)


def make_folders_ahead(generators: list) -> None:
    """Make the page folders in a thread while Pelican renders and writes;
    called once the checks passed, when nothing but an error in a template
    stops the build any more."""
    output = generators[0].output_path
    if os.mkdir not in os.supports_dir_fd or not os.path.isdir(output):
        return
    folders = page_folders(generators)
    threading.Thread(
        target=make_folders, args=(output, folders), name=THREAD, daemon=True
    ).start()


def wait_for_folders() -> None:
    """Wait until no thread makes folders, so that removing the output of a
    failed build removes all of it."""
    for thread in threading.enumerate():
        if thread.name == THREAD:
            thread.join()
