"""Rendering: folium maps of scenarios. Only this package imports folium."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from routes.render.map import render_map

__all__ = ["render_map"]


def __getattr__(name: str):
    # render_map is imported on first use: a module of this package that a lower layer reads
    # (orientation, basemap, locator) can then be imported without the whole renderer.
    if name == "render_map":
        from routes.render.map import render_map

        return render_map
    raise AttributeError(f"module 'routes.render' has no attribute {name!r}")
