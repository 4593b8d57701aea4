"""The links of every page's footer: one list, which each area extends (help, privacy, ...).

An area adds its page with `add_footer_link(endpoint, label)` when its blueprint is registered;
templates/_partials/_footer_links.html renders the list in the order added.
"""

from flask import Flask

FOOTER_KEY = "storyhub_footer_links"


def add_footer_link(app: Flask, endpoint: str, label) -> None:
    """Add a link (endpoint, lazily translated label) to the footer of every page."""
    links = app.extensions.setdefault(FOOTER_KEY, [])
    if endpoint not in [known for known, _label in links]:
        links.append((endpoint, label))


def footer_links(app: Flask) -> list:
    """The footer's links, in the order they were added."""
    return list(app.extensions.get(FOOTER_KEY, []))
