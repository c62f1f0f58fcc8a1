"""Generators of hand-written files' generated parts, run by `update_generated.py`."""
