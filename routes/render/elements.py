"""Folium (branca) elements that add fixed head, body and script text to a page *verbatim*.

branca compiles what a MacroElement's macros return as a new Jinja template; page data that
went that way would be evaluated as Jinja (``{{ 7*7 }}`` in a claim became ``49``, and worse).
:class:`PageElement` never passes its text through Jinja, and is faster for large data too.
This module imports branca, so :mod:`routes.render.map` imports it on first use only.
"""

from __future__ import annotations

from branca.element import Element, Figure, MacroElement


class Raw(Element):
    """Text that renders as itself."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class PageElement(MacroElement):
    """An element of a map whose :meth:`parts` go into the page's head, body and script."""

    def __init__(self, name: str):
        super().__init__()
        self._name = name

    def parts(self, map_name: str) -> tuple[str, str, str]:  # pragma: no cover - overridden
        """The head, body and script text, given the JavaScript name of the map."""
        raise NotImplementedError

    def render(self, **kwargs) -> str:
        figure = self.get_root()
        if not isinstance(figure, Figure) or self._parent is None:
            raise TypeError(f"{type(self).__name__} renders only on a map in a page (a folium Figure)")
        header, html, script = self.parts(self._parent.get_name())
        figure.header.add_child(Raw(header), name=self.get_name())
        figure.html.add_child(Raw(html), name=self.get_name())
        figure.script.add_child(Raw(script), name=self.get_name())
        return ""  # the parts go into the page's head, body and script; nothing renders in place
