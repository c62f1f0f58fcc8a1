"""The perlenmädchen Pelican plugin: German metadata, dates, slugs and text.

`register()` only connects signals. The work lives in one subpackage per
pipeline stage, top to bottom: `commands` (the writers' `perlen`), `build`
(atomic, checked builds), `publish` (steps on the written site), `site`
(the site as a whole), `content` (reading one post) and `text` (a post's
text). A module imports only from its own stage and those below it, and
`settings` and `problems` here at the base.
"""

import logging

from pelican import signals

from perlen.building import cache, cache_stamps, checked, progress, read_failures
from perlen.content import reader, reading_time, slug_rules
from perlen.publish import next_date, redirects, search_index, sitemap_fixes
from perlen.site import (
    authors,
    checks,
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

_HIDE_REPORTED = checked.HideReportedFailures()
_HIDE_EMPTY_ALT = checks.HideEmptyAltWarnings()
_GERMAN_CACHE_NOTE = cache.GermanCacheNote()


def register() -> None:
    signals.initialized.connect(cache.use_versioned_cache)
    signals.article_generator_init.connect(cache.atomic_cache_writes)
    signals.page_generator_init.connect(cache.atomic_cache_writes)
    signals.static_generator_init.connect(cache.atomic_cache_writes)
    signals.readers_init.connect(reader.add_reader)
    signals.readers_init.connect(read_failures.record_failures)
    signals.static_generator_finalized.connect(read_failures.contain)
    signals.readers_init.connect(cache_stamps.stamp_before_reading)
    signals.generator_init.connect(templating.add_filters)
    signals.content_object_init.connect(slug_rules.clean_content_slug)
    signals.content_object_init.connect(templating.localize_dates)
    signals.content_object_init.connect(reading_time.add_reading_time)
    signals.article_generator_finalized.connect(related.add_related)
    signals.article_generator_finalized.connect(urls.freeze_urls)
    signals.page_generator_finalized.connect(urls.freeze_urls)
    signals.article_generator_finalized.connect(listings.index_listings)
    signals.content_object_init.connect(schedule.mark_state)
    signals.content_object_init.connect(static_urls.encode_static_url)
    signals.article_generator_context.connect(schedule.leave_out_unpublished)
    signals.page_generator_context.connect(schedule.leave_out_unpublished)
    signals.all_generators_finalized.connect(schedule.announce_held_back)
    signals.article_generator_finalized.connect(cover_image.link_cover_images)
    signals.page_generator_finalized.connect(cover_image.link_cover_images)
    signals.page_generator_finalized.connect(legal.describe_external_services)
    signals.get_generators.connect(pictures.add_generator)
    signals.static_generator_finalized.connect(pictures.keep_originals_out)
    signals.all_generators_finalized.connect(pictures.hand_over_contents)
    signals.all_generators_finalized.connect(authors.add_author_profiles)
    signals.all_generators_finalized.connect(templating.add_agency)
    signals.article_generator_init.connect(progress.start_reading)
    signals.page_generator_init.connect(progress.start_reading)
    signals.article_generator_preread.connect(progress.file_read)
    signals.page_generator_preread.connect(progress.file_read)
    signals.article_generator_finalized.connect(progress.start_writing)
    signals.article_generator_write_article.connect(progress.article_written)
    signals.all_generators_finalized.connect(checked.fail_on_problems)
    signals.all_generators_finalized.connect(redirects.write_redirects)
    signals.initialized.connect(sitemap_fixes.forget_previous_build)
    signals.all_generators_finalized.connect(sitemap_fixes.date_by_content)
    signals.all_generators_finalized.connect(next_date.write_next_date)
    signals.finalized.connect(search_index.index_site)
    signals.feed_generated.connect(feed_text.keep_feed_text)
    logging.getLogger("pelican.generators").addFilter(_HIDE_REPORTED)
    logging.getLogger("pelican.contents").addFilter(_HIDE_REPORTED)
    logging.getLogger("pelican.cache").addFilter(_HIDE_REPORTED)
    logging.getLogger("pelican.cache").addFilter(_GERMAN_CACHE_NOTE)
    logging.getLogger("pelican.readers").addFilter(_HIDE_EMPTY_ALT)
