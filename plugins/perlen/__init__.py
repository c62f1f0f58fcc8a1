"""The perlenmädchen Pelican plugin: German metadata, dates, slugs and text.

`register()` connects one handler per Pelican signal, which runs that
signal's steps in the order `STEPS` declares, and adds the log filters that
hide Pelican's English lines the plugin reports in German. The work lives in
one subpackage per pipeline stage, top to bottom: `commands` (the writers'
`perlen`), `building` (atomic, checked builds), `publish` (steps on the
written site: redirects, search index, verification), `site` (the site as a
whole), `content` (reading one post), `images` and `text` (a post's text). A
module imports only from its own stage and those below it, and `settings`,
`problems`, `workers` and `pelican_glue` (the one seam into Pelican's
internals) here at the base.
"""

import logging
from collections.abc import Callable

from blinker import Signal
from pelican import signals

from perlen import settings
from perlen.building import (
    cache,
    cache_stamps,
    checked,
    parallel_reading,
    parallel_writing,
    progress,
    read_failures,
)
from perlen.content import reader, reading_time, slug_rules
from perlen.publish import editor, next_date, redirects, search_index, sitemap_fixes
from perlen.site import (
    authors,
    check_alt_text,
    cover_image,
    feed_text,
    legal,
    listings,
    pictures,
    related,
    schedule,
    static_urls,
    templating,
    urls,
)

# Each signal's steps, in the order they run. What depends on what (tested in
# tests/test_order.py): the build profile's switches are in the settings
# before the cache's fingerprint is taken of them; the versioned cache path
# is set before anything uses the cache; the German reader and the wrappers
# around reading are in place before the first file is read (readers_init);
# URLs are frozen before the listings index them; every post has its `cover`
# before the checks, and the checks stop a build before anything is written
# (redirects, next date).
STEPS: dict[Signal, tuple[Callable, ...]] = {
    signals.initialized: (
        settings.apply_profile,
        cache.use_versioned_cache,
        sitemap_fixes.forget_previous_build,
    ),
    signals.get_generators: (pictures.add_generator,),
    signals.generator_init: (templating.add_filters,),
    signals.readers_init: (
        reader.add_reader,
        read_failures.record_failures,
        cache_stamps.stamp_before_reading,
    ),
    signals.article_generator_init: (
        cache.atomic_cache_writes,
        parallel_reading.read_ahead,
        progress.start_reading,
        listings.archive_in_linear_time,
    ),
    signals.page_generator_init: (
        cache.atomic_cache_writes,
        parallel_reading.read_ahead,
        progress.start_reading,
    ),
    signals.static_generator_init: (cache.atomic_cache_writes,),
    signals.article_generator_preread: (progress.file_read,),
    signals.page_generator_preread: (progress.file_read,),
    signals.content_object_init: (
        slug_rules.clean_content_slug,
        templating.localize_dates,
        reading_time.add_reading_time,
        schedule.mark_state,
        static_urls.encode_static_url,
    ),
    signals.article_generator_context: (schedule.leave_out_unpublished,),
    signals.page_generator_context: (schedule.leave_out_unpublished,),
    signals.article_generator_finalized: (
        related.add_related,
        urls.freeze_urls,
        listings.index_listings,
        cover_image.link_cover_images,
        progress.start_writing,
    ),
    signals.page_generator_finalized: (
        urls.freeze_urls,
        cover_image.link_cover_images,
        legal.describe_external_services,
    ),
    signals.static_generator_finalized: (
        read_failures.contain,
        pictures.keep_originals_out,
    ),
    signals.all_generators_finalized: (
        parallel_reading.stop_workers,
        schedule.announce_held_back,
        pictures.hand_over_contents,
        authors.add_author_profiles,
        pictures.start_encoding,
        templating.add_agency,
        checked.fail_on_problems,
        redirects.write_redirects,
        sitemap_fixes.date_by_content,
        next_date.write_next_date,
        editor.add_editor,
    ),
    signals.article_generator_write_article: (progress.article_written,),
    signals.feed_generated: (feed_text.keep_feed_text,),
    signals.article_writer_finalized: (parallel_writing.write_pages,),
    signals.page_writer_finalized: (parallel_writing.write_pages,),
    signals.finalized: (parallel_writing.write_pages, search_index.index_site),
}


class _Steps:
    """One signal's handler: its steps in declared order. A step's result
    (e.g. `get_generators`' generator class) is handed back to Pelican."""

    def __init__(self, steps: tuple[Callable, ...]) -> None:
        self.steps = steps

    def __call__(self, *args, **kwargs) -> tuple:
        results = (step(*args, **kwargs) for step in self.steps)
        return tuple(result for result in results if result is not None)


# Module-level, so that blinker's weak references stay alive and connecting
# again (Pelican registers plugins per run) changes nothing.
_HANDLERS = {signal: _Steps(steps) for signal, steps in STEPS.items()}

_HIDE_REPORTED = checked.HideReportedFailures()
_HIDE_EMPTY_ALT = check_alt_text.HideEmptyAltWarnings()
_GERMAN_CACHE_NOTE = cache.GermanCacheNote()


def register() -> None:
    for signal, handler in _HANDLERS.items():
        signal.connect(handler)
    logging.getLogger("pelican.generators").addFilter(_HIDE_REPORTED)
    logging.getLogger("pelican.contents").addFilter(_HIDE_REPORTED)
    logging.getLogger("pelican.cache").addFilter(_HIDE_REPORTED)
    logging.getLogger("pelican.cache").addFilter(_GERMAN_CACHE_NOTE)
    logging.getLogger("pelican.readers").addFilter(_HIDE_EMPTY_ALT)
