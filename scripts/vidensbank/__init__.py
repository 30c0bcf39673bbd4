"""Vidensbank: content tooling for the knowledge bank on culture, health and employment.

The package knows nothing about MkDocs: it loads the content (Markdown with YAML front matter and
BibTeX in ``research/``), checks it and generates derived Markdown. The MkDocs hooks in
``scripts/mkdocs_adapter/hooks.py`` only call into it.
"""

__version__ = "0.1.0"
