"""Renderers for the sections of the larger pages, one module per section.

A module `<page>_<section>.py` defines `render(f: Filters, lang: str) -> None`, which reads
its own widgets, calls the analysis package through `cockpit.ui.query` and draws. The page
script stays a thin list of sections (tabs); the analysis stays in the package.
"""
