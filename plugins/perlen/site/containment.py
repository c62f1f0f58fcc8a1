"""The build reads only what lies in content/ (and the theme).

A `../` in an image link or a symbolic link to `/etc/ssl` would otherwise
put files from elsewhere on the machine into the published site.
"""

from __future__ import annotations

import os


def inside(root: str | os.PathLike, path: str | os.PathLike) -> bool:
    """Whether `path`, with every symbolic link followed, lies in `root`."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)
