"""The writers' `perlen` command: new posts, checks, the preview, builds and publishing.

The top of the pipeline: it calls the build (`perlen.building`) and nothing calls it.
"""
