"""Files with spaces or umlauts in their names just work: `perle im büro.png`.

Pelican writes a static file's URL as its path, spaces and all; browsers
cope, but the HTML is invalid (the publish check rejects it) and feeds and
social networks may not. The URL is percent-encoded once, where Pelican
makes it, so that every link, image and Titelbild uses the encoded form.

It asks with `get_url_setting`, not `content.url`: reading a static file's
`url` or `save_as` marks its location as referenced, and `{attach}` then no
longer moves the file next to the post that links it.
"""

from __future__ import annotations

from pelican.contents import Static

from perlen.images.markup import url_path


def encode_static_url(content) -> None:
    """`content_object_init` handler: a static file's URL, percent-encoded."""
    if isinstance(content, Static) and not hasattr(content, "override_url"):
        url = content.get_url_setting("url")
        encoded = url_path(url)
        if encoded != url:
            content.override_url = encoded
