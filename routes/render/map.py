"""Build the folium map of a scenario. This module knows folium; it writes no files.

The page carries the scenario once as JSON (in a ``<script type="application/json">``
element, escaped so that no value can close the element) and the project's own scripts
(:data:`PAGE_SCRIPTS`, ``static/routes.js`` last) draw legs, nodes, popups, legend, title block
and sources from it with DOM text nodes. No user text goes into a folium Popup, Tooltip or
DivIcon.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from routes.render.assets import font_css, leaflet_css, leaflet_js, leaflet_marker_icons, projection_js, static_text
from routes.render.payload import build_payload

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas

    from routes.analysis.case import CaseModel
    from routes.load.scenario import Scenario
    from routes.render.elements import PageElement

#: A light, print-friendly tile basemap for online maps.
ONLINE_TILES = "Esri.WorldGrayCanvas"

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


#: The page's scripts, in load order. The JS has no modules: each file is an IIFE that reads
#: what the files before it put on ``window`` (``window.routesPage``, ``window.routesPopups`` ...)
#: and adds its own, so a file may use only the files above it (its header comment names them):
#: the page library, the marker shapes, the coordinate codec, the type (typeface and scale),
#: layout (panels, fit, drawer), labels, print layout, inset, evidence images, story, then the
#: parts of a case's map (projection, basemap, popups, time control, ledger, panels, shared
#: tracks) and last routes.js, which draws the scenario with all of them.
PAGE_SCRIPTS = (
    "page.js",
    "shapes.js",
    "codec.js",
    "type.js",
    "layout.js",
    "labels.js",
    "print.js",
    "inset.js",
    "evidence.js",
    "story.js",
    "projection.js",
    "basemap.js",
    "popups.js",
    "time.js",
    "ledger.js",
    "panels.js",
    "tracks.js",
    "observed.js",
    "routes.js",
)


def script_json(value: object) -> str:
    """JSON safe to place inside a ``<script>`` element: ``<``, ``>``, ``&`` are escaped.

    Examples
    --------
    >>> script_json({"a": "</script><b>"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def page_element_class() -> type[PageElement]:
    """A folium element that adds fixed head, body and script text to the page *verbatim*
    (:class:`routes.render.elements.PageElement`; imported here on first use)."""
    from routes.render.elements import PageElement

    return PageElement


def _routes_layer_class():
    from routes.render.elements import PageElement

    class RoutesLayer(PageElement):
        """Carries the scenario's JSON, the page script and styles; draws them on its map."""

        def __init__(self, payload: dict):
            super().__init__("RoutesLayer")
            self.payload = payload
            self.payload_json = script_json(payload)
            #: What render_map put on the map; anything else on it a notebook added.
            self.own: tuple = ()

        def parts(self, map_name: str) -> tuple[str, str, str]:
            name = self.get_name()
            # Layers a notebook added with folium: userlayers.js (only then, so a page without
            # them keeps its bytes) gives Leaflet's default marker its images and merges a
            # LayerControl of theirs with routes' own.
            siblings = self._parent._children.values() if self._parent is not None else ()
            added = [c for c in siblings if c is not self and not any(c is o for o in self.own)]
            page_scripts = (*PAGE_SCRIPTS, "userlayers.js") if added else PAGE_SCRIPTS
            scripts = "".join(f"<script>{static_text(name)}</script>\n" for name in page_scripts)
            # proj4js and Proj4Leaflet only where the page is projected: others keep their bytes.
            projected = f"<script>{projection_js()}</script>\n" if "projection" in self.payload else ""
            header = (
                f"<style>{font_css()}</style>\n<style>{leaflet_css()}</style>\n<script>{leaflet_js()}</script>\n{projected}"
                f"<style>{static_text('routes.css')}</style>\n{scripts}"
            )
            html = f'<script type="application/json" id="{name}-data">{self.payload_json}</script>\n'
            script = (
                f"var {name} = routesInit({map_name}, "
                f'JSON.parse(document.getElementById("{name}-data").textContent));\n'
            )
            if added:
                script = f"routesUserLayers({script_json(leaflet_marker_icons())});\n{script}"
            return header, html, script

    return RoutesLayer


def render_map(
    scenario: Scenario | CaseModel,
    legs: geopandas.GeoDataFrame | None = None,
    *,
    offline: bool = False,
    tiles: str | None = ONLINE_TILES,
    banner: str | None = None,
    view=None,
    places: bool = True,
    locator: bool | str = False,
    speeds=None,
    date=None,
    projection: str = "mercator",
    story: bool = False,
    story_caption: str = "full",
) -> folium.Map:
    """Build the interactive map of a scenario.

    Parameters
    ----------
    scenario
        A loaded scenario (:func:`routes.load_scenario`), or its :class:`routes.analysis.case.CaseModel`
        (whose legs and speeds are then used).
    legs
        Its legs (:func:`routes.build_legs`); built if not given.
    offline
        Fully self-contained: no tiles, and a vector basemap (land, sea, borders) from the
        shipped Natural Earth data inside the page. The page then makes no request at all.
    tiles
        A folium tile name for the online basemap, or None for none. Ignored when offline.
    banner
        A handling marking shown at the top of the map, e.g. ``"DRAFT"``.
    view
        Initial view: a ``(west, south, east, north)`` box, or a leg id or node id to zoom to.
    places
        Name the countries, seas and major cities around the route (GeoNames city names are
        credited). Labels that would collide with another label, a panel or the route are
        dropped at that zoom.
    locator
        Add a small globe with the map's area outlined, for readers who do not know the region;
        ``"auto"``: when the route spans less than a continent (what print layouts use).
    projection
        ``"mercator"`` (Web Mercator, as online maps), ``"conic"`` (a Lambert conformal conic
        fitted to the route, :mod:`routes.render.projection`, whose scale holds across a large
        frame) or ``"auto"`` (conic for an extent over 1,000 km). A projected page needs
        ``offline``: raster tiles cannot be reprojected.
    date
        A :class:`datetime.date`: the time control opens on that day (default: all dates).
    story
        Step through the case's story (``[[story]]``; the whole case as one step when it has
        none): a panel with the step's title, text and claims, back and next buttons, the
        arrow keys; the map goes to each step's view and the time control to its day.
    story_caption
        What the story panel shows: ``"full"``, ``"date"`` (only the day the map shows, for
        slides that carry the text), ``"none"``, or ``"slide"`` (a slide's picture: no
        caption, and in print no title block, no footer, a compact legend of the step's view).
    speeds
        The :class:`routes.model.speeds.Speeds` behind the durations and timeline verdicts shown
        (default: the typical speeds); give the same to :func:`routes.build_legs`.

    Returns
    -------
    folium.Map
        Displays inline in Jupyter; write it with :func:`routes.write_html`. Folium layers
        added to it draw offline too (a default marker's images come with the page), and a
        ``folium.LayerControl`` added to it replaces the map's own, routes' layers first.

    Examples
    --------
    >>> from routes import load_scenario
    >>> m = render_map(load_scenario("dprk-russia-2023"))
    >>> type(m).__name__
    'Map'
    """
    import folium

    from routes.analysis.case import CaseModel, case_model

    model = scenario if isinstance(scenario, CaseModel) else case_model(scenario, legs, speeds)
    if banner is not None:
        from routes.model.fields import bad_character

        banner = " ".join(banner.split())
        if not banner or bad_character(banner) or len(banner) > 200:
            raise ValueError("the banner must be 1-200 printable characters")
    payload = build_payload(
        model,
        offline=offline,
        banner=banner,
        view=view,
        places=places,
        locator=locator,
        date=date,
        story_caption=story_caption if story else None,
        projection=projection,
    )
    if "projection" in payload and not offline:
        raise ValueError(
            "a map in a projection other than Web Mercator needs offline=True (tiles cannot be reprojected)"
        )
    fmap = folium.Map(
        location=None,
        tiles=None,
        control_scale=True,
        zoom_control=True,
        prefer_canvas=False,
        width="100%",
        height="100%",
    )
    # Instance attributes: folium's class-level asset lists stay untouched for other maps.
    # Leaflet is inlined by RoutesLayer; jQuery, Bootstrap and Font Awesome are not needed.
    fmap.default_js = []
    fmap.default_css = []
    # RoutesLayer goes first so that Leaflet is in the page head before anything uses it.
    layer = _routes_layer_class()(payload)
    fmap.add_child(layer)
    if tiles and not offline:
        folium.TileLayer(tiles, control=False).add_to(fmap)
    layer.own = tuple(fmap._children.values())
    # No folium fit_bounds: the page fits the route itself, into the part of the map that its
    # panels leave free, once they are drawn and measured (layout.js).
    stabilise_ids(fmap.get_root())
    return fmap


def stabilise_ids(root) -> None:
    """Replace folium's random element ids with ones numbered in tree order.

    The same input then renders to the same bytes, and element names stay unique.
    """
    counter = 0

    def visit(element):
        nonlocal counter
        element._id = f"{counter:04d}"
        counter += 1
        for child in element._children.values():
            visit(child)

    visit(root)

    # _children is keyed by the old names: rebuild with the new ones, keeping the order.
    def rekey(element):
        element._children = type(element._children)((child.get_name(), child) for child in element._children.values())
        for child in element._children.values():
            rekey(child)

    rekey(root)
