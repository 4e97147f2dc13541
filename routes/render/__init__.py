"""Rendering: folium maps of scenarios. Only this package imports folium."""

from routes.render.map import render_map

__all__ = ["render_map"]
