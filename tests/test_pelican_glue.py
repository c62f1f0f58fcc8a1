"""The contract with Pelican's internals (`perlen.pelican_glue`).

One test per private name and per matched log message, run against the
installed Pelican and sitemap plugin: after an upgrade, a failure here says
which name or message changed and where the plugin relies on it. And no
module but the glue touches a private Pelican name.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import logging
import re
from pathlib import Path

import pelican
import pytest
from perlen import pelican_glue
from perlen.building.strict import collect_warnings

PLUGIN = Path(pelican_glue.__file__).parent
PELICAN = Path(pelican.__file__).parent
UPGRADE = (
    "Pelican (or pelican-sitemap) changed: the plugin relies on {what} in "
    "{where} ({why}). Adapt perlen/pelican_glue.py to the new version."
)


def _resolve(dotted: str):
    """`pelican.cache.FileDataCacher` → the class (modules, then attributes)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            found = getattr(found, name)
        return found
    raise ImportError(dotted)


@pytest.mark.parametrize("name", sorted(pelican_glue.PRIVATE_NAMES))
def test_each_private_name_exists_where_the_glue_expects_it(name):
    where, why = pelican_glue.PRIVATE_NAMES[name]
    source = inspect.getsource(_resolve(where))
    assert re.search(rf"\b{name}\b", source), UPGRADE.format(
        what=name, where=where, why=why
    )


def _string_constants(module: str) -> set[str]:
    tree = ast.parse(Path(_resolve(module).__file__).read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


@pytest.mark.parametrize("message", sorted(pelican_glue.MESSAGES))
def test_each_matched_message_is_logged_by_pelican(message):
    module = pelican_glue.MESSAGES[message]
    constants = _string_constants(module)
    if message in pelican_glue.MATCHED_BY_BEGINNING:
        found = any(c.startswith(message) for c in constants)
    else:
        found = message in constants
    assert found, UPGRADE.format(
        what=f"the log message {message!r}", where=module, why="matched word for word"
    )


def test_the_sitemap_plugins_state_is_what_the_glue_resets():
    """`reset_sitemap` and `date_undated_sitemap_entries` write the sitemap
    plugin's generator: its attributes must still mean what they did."""
    sitemap = importlib.import_module(pelican_glue.SITEMAP_MODULE)
    generator = sitemap.generator
    assert {"_main_pelican", "page_queue", "now"} <= set(vars(generator)), (
        UPGRADE.format(
            what="_main_pelican, page_queue and now",
            where=pelican_glue.SITEMAP_MODULE,
            why="a fresh sitemap per build, dated by content",
        )
    )
    before = dict(vars(generator))
    try:
        generator._main_pelican, generator.page_queue = object(), [("x", None)]
        pelican_glue.reset_sitemap()
        assert generator._main_pelican is None and generator.page_queue == []
        source = inspect.getsource(sitemap.SitemapGenerator)
        assert "or self.now" in source, "sitemap no longer dates pages by `now`"
    finally:
        vars(generator).update(before)


@pytest.mark.parametrize(("method", "attribute"), pelican_glue.LISTING_PAGES)
def test_the_listing_pages_search_the_dates_the_glue_cuts_down(method, attribute):
    """`write_listings_in_linear_time` gives a listing page's method only that
    page's entry and posts in date order: right as long as the method finds
    a page's posts by searching `self.dates` and reads nothing else of them."""
    from pelican.generators import ArticlesGenerator

    source = inspect.getsource(getattr(ArticlesGenerator, method))
    assert f"in self.{attribute}" in source and (
        "[article for article in self.dates if article in articles]" in source
    ), UPGRADE.format(
        what=f"self.{attribute} and the search of self.dates",
        where=f"pelican.generators.ArticlesGenerator.{method}",
        why="listing pages written in linear time (site/listings)",
    )
    assert source.count("self.dates") == 1


def test_the_period_archives_search_what_the_glue_fills_in():
    """`build_period_archives_in_linear_time` lets Pelican build the archives
    with no posts to search and fills in each one's `articles`: right as
    long as that search is all Pelican does with `articles`, and each
    archive names its period as numbers (`period_num`)."""
    from pelican.generators import ArticlesGenerator

    source = inspect.getsource(ArticlesGenerator._build_period_archives)
    tree = ast.parse(inspect.cleandoc("\n" + source))
    reads = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id == "articles"
    ]
    assert (
        "[a for a in articles if a in dates]" in source
        and len(reads) == 1
        and 'archive["period_num"]' in source
    ), UPGRADE.format(
        what="the search of articles and period_num",
        where="pelican.generators.ArticlesGenerator._build_period_archives",
        why="yearly archives built in linear time (site/listings)",
    )


def test_forgetting_empties_what_pelican_memoises_for_a_post():
    """`forget_memoised_content` clears the caches Pelican's `memoized` keeps
    for `get_content` and `get_summary`: they must still be where it looks."""
    from datetime import datetime

    from pelican.contents import Article, Content
    from pelican.settings import DEFAULT_CONFIG

    post = Article(
        "<p>Text</p>",
        metadata={"title": "T", "date": datetime(2021, 9, 28), "summary": "<p>S</p>"},
        settings=dict(DEFAULT_CONFIG),
        context={},
    )
    assert (post.content, post.summary) == ("<p>Text</p>", "<p>S</p>")
    caches = (Content.get_content.cache, Content.get_summary.cache)
    assert all(any(key[0] is post for key in cache) for cache in caches), (
        UPGRADE.format(
            what="the memoised content and summary",
            where="pelican.contents.Content",
            why="forgotten by a forked process after a page "
            "(building/parallel_writing)",
        )
    )
    pelican_glue.forget_memoised_content()
    assert not any(caches)
    assert (post.content, post.summary) == ("<p>Text</p>", "<p>S</p>")


def test_every_record_reaches_a_handler_however_often_it_repeats():
    """Pelican's loggers drop repeated messages and the fifth of a group;
    a strict build must see each."""
    log = logging.getLogger("pelican.contents")
    group = {"limit_msg": "Other resources were not found"}
    with collect_warnings("/content") as found:
        for number in range(7):
            log.warning(pelican_glue.UNABLE_TO_FIND, f"fehlt-{number}.md", extra=group)
        log.warning(pelican_glue.UNABLE_TO_FIND, "fehlt-0.md", extra=group)
    assert [p.message for p in found] == [
        *(f"Das Link-Ziel „fehlt-{n}.md“ gibt es nicht." for n in range(7)),
        "Das Link-Ziel „fehlt-0.md“ gibt es nicht.",
    ]
    assert pelican.log.LimitLogger.limit_filter in log.filters


# -- No private Pelican name outside the glue ----------------------------------


def _private_names_defined(folder: Path) -> set[str]:
    """Names starting with one underscore that Pelican defines: methods,
    functions, attributes it assigns, module globals."""
    names = set()
    for file in folder.rglob("*.py"):
        if "tests" in file.parts or file.name.startswith("test_"):
            continue
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return {n for n in names if re.match(r"_[^_]", n)}


def _private_uses(file: Path) -> set[str]:
    """Private names a module reads or writes on objects other than its own
    (`x._name`, `getattr(x, "_name")`), and names it looks for in frames."""
    used = set()
    tree = ast.parse(file.read_text(encoding="utf-8"))
    own = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.ClassDef)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and not (
            isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
        ):
            used.add(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            used.add(node.value)
    return {n for n in used if re.match(r"_[^_]", n) and n not in own}


def test_no_module_but_the_glue_touches_a_private_pelican_name():
    pelicans = _private_names_defined(PELICAN)
    outside = {
        f"{file.relative_to(PLUGIN)}: {name}"
        for file in PLUGIN.rglob("*.py")
        if file.name != "pelican_glue.py"
        for name in _private_uses(file) & pelicans
    }
    assert not outside, (
        "Private Pelican names outside perlen/pelican_glue.py (move the access "
        f"there, with a contract test): {sorted(outside)}"
    )


def test_the_glue_lists_every_private_name_it_uses():
    pelicans = _private_names_defined(PELICAN)
    used = _private_uses(PLUGIN / "pelican_glue.py") & pelicans
    unlisted = used - set(pelican_glue.PRIVATE_NAMES)
    assert not unlisted, f"Listed in PRIVATE_NAMES, with a reason: {sorted(unlisted)}"


def test_the_scan_finds_a_private_name_in_a_module(tmp_path):
    """The scan itself: a module reading `content._content` is caught."""
    module = tmp_path / "spy.py"
    module.write_text(
        "def spy(content, readers):\n"
        "    return content._content, getattr(readers, '_get_file_stamp')\n"
    )
    found = _private_uses(module) & _private_names_defined(PELICAN)
    assert found == {"_content", "_get_file_stamp"}
