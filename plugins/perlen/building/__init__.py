"""Atomic, checked builds: Pelican runs into a fresh folder, every problem is
collected and reported together, and the previous output survives a failure.

Orchestrates the stages below: publish steps run here, after Pelican wrote
the site.
"""
