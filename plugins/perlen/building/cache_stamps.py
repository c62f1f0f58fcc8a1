"""Content cache entries stamped with the version of the file that was read.

Pelican stamps a cache entry with the file's modification time taken *after*
reading it: a save during the read leaves the old text stamped as the new
version, and every later build serves the old text from the cache. The
preview builds while the writer saves, so here the stamp is the one taken
when the cache was asked, before reading; a save during the read then only
costs one more read in the next build.
"""

from __future__ import annotations

from pelican.cache import FileStampDataCacher

from perlen.pelican_glue import file_stamp


def stamp_before_reading(readers) -> None:
    """`readers_init` handler."""
    stamps: dict[str, object] = {}
    lookup = readers.get_cached_data

    def get_cached_data(filename, default=None):
        stamps[filename] = file_stamp(readers, filename)
        return lookup(filename, default)

    def cache_data(filename, data) -> None:
        if filename not in stamps:
            stamps[filename] = file_stamp(readers, filename)
        stamp = stamps.pop(filename)
        super(FileStampDataCacher, readers).cache_data(filename, (stamp, data))

    readers.get_cached_data = get_cached_data
    readers.cache_data = cache_data
