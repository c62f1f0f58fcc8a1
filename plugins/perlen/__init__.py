"""The perlenmädchen Pelican plugin: German metadata, dates, slugs and text.

`register()` only connects signals; the work lives in the modules named after
what they do (`dates`, `metadata`, `slugs`, `reader`, `textpipeline`, …).
"""

import logging

from pelican import signals

from . import build_problems, cache, reader, templating


_HIDE_REPORTED = build_problems.HideReportedFailures()


def register() -> None:
    signals.initialized.connect(cache.use_versioned_cache)
    signals.readers_init.connect(reader.add_reader)
    signals.generator_init.connect(templating.add_filters)
    signals.content_object_init.connect(templating.localize_dates)
    signals.all_generators_finalized.connect(build_problems.fail_on_problems)
    logging.getLogger("pelican.generators").addFilter(_HIDE_REPORTED)
