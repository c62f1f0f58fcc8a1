"""The order of the plugin's steps is declared (`perlen.STEPS`), and the
dependencies between them hold."""

from __future__ import annotations

import perlen
import pytest
from pelican import signals
from perlen import settings
from perlen.building import cache, cache_stamps, checked, read_failures
from perlen.content import reader
from perlen.publish import next_date, redirects, sitemap_fixes
from perlen.site import listings, pictures, related, urls

# (signal, step that must run first, step that depends on it, why)
DEPENDENCIES = [
    (signals.readers_init, reader.add_reader, read_failures.record_failures,
     "the failures are recorded around the German reader's reading"),
    (signals.readers_init, reader.add_reader, cache_stamps.stamp_before_reading,
     "the cache is stamped for what the German reader reads"),
    (signals.initialized, settings.apply_profile, cache.use_versioned_cache,
     "the fingerprint covers the profile's switches"),
    (signals.initialized, cache.use_versioned_cache,
     sitemap_fixes.forget_previous_build, "the cache path is final first"),
    (signals.article_generator_finalized, urls.freeze_urls,
     listings.index_listings, "listings index frozen URLs"),
    (signals.article_generator_finalized, related.add_related,
     listings.index_listings, "listings see related posts"),
    (signals.all_generators_finalized, pictures.hand_over_contents,
     checked.fail_on_problems, "the image checks need every post's cover"),
    (signals.all_generators_finalized, checked.fail_on_problems,
     redirects.write_redirects, "a failing build writes nothing"),
    (signals.all_generators_finalized, checked.fail_on_problems,
     next_date.write_next_date, "a failing build writes nothing"),
    (signals.all_generators_finalized, checked.fail_on_problems,
     sitemap_fixes.date_by_content, "a failing build dates no sitemap"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("signal", "first", "then", "why"),
    DEPENDENCIES,
    ids=[f"{first.__name__}<{then.__name__}" for _, first, then, _ in DEPENDENCIES],
)
def test_a_step_runs_after_what_it_depends_on(signal, first, then, why):
    steps = perlen.STEPS[signal]
    assert steps.index(first) < steps.index(then), why


def test_the_cache_is_stamped_before_any_file_is_read():
    """Pelican sends `readers_init` when it makes the readers, before reading."""
    assert cache_stamps.stamp_before_reading in perlen.STEPS[signals.readers_init]


def test_each_signal_gets_one_handler_that_runs_its_steps_in_order():
    ran = []

    def step(name, result=None):
        def run(sender, **kwargs):
            ran.append((name, sender, kwargs))
            return result

        return run

    handler = perlen._Steps((step("a"), step("b", "Generator"), step("c")))
    assert handler("sender", x=1) == ("Generator",)
    assert ran == [("a", "sender", {"x": 1}), ("b", "sender", {"x": 1}),
                   ("c", "sender", {"x": 1})]  # fmt: skip

    perlen.register()
    perlen.register()  # Pelican registers the plugin again for every run
    for signal, handler in perlen._HANDLERS.items():
        ours = [r for r in signal.receivers_for(None) if isinstance(r, perlen._Steps)]
        assert ours == [handler]
        assert handler.steps == perlen.STEPS[signal]


def test_every_step_is_declared_once_per_signal():
    for signal, steps in perlen.STEPS.items():
        assert len(set(steps)) == len(steps), signal.name
