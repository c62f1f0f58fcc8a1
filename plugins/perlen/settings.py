"""The plugin's settings with their documented defaults.

Every setting can be overridden in `pelicanconf.py`; code reads them through
`setting()` so that a default lives in exactly one place.
"""

from collections.abc import Mapping
from typing import Any

DEFAULTS: dict[str, Any] = {
    # CLDR locale for dates and names.
    "PERLEN_LOCALE": "de",
    # CLDR pattern for `content.locale_date` and the `datum` filter's default.
    "PERLEN_DATE_PATTERN": "EEEE, d. MMMM y",
    # True in publishconf.py: drafts and future posts stay out of the site.
    "PERLEN_PUBLISH": False,
}


def setting(settings: Mapping[str, Any], name: str) -> Any:
    """Return `name` from Pelican's settings, falling back to our default."""
    return settings.get(name, DEFAULTS[name])
