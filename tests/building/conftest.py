"""Fixtures of the building stage's tests."""

from __future__ import annotations

import pytest
from perlen.building import parallel_reading
from perlen.settings import DEFAULTS


@pytest.fixture(params=[1, 2], ids=["ein-prozess", "zwei-prozesse"])
def workers(request, monkeypatch) -> int:
    """Builds with one process reading and with two (`PERLEN_WORKERS`), the
    second reading even the few posts of a test in a worker."""
    monkeypatch.setitem(DEFAULTS, "PERLEN_WORKERS", request.param)
    monkeypatch.setattr(parallel_reading, "MINIMUM_POSTS", 0)
    return request.param
