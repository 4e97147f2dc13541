"""The projection of a print layout: Web Mercator, or a Lambert conformal conic fitted to the
route, for a page of a large extent (a 9,000 km route at 43-56° N).

Web Mercator's scale grows with the secant of the latitude: on a frame from 35° to 70° N one
scale bar is wrong by a factor of 2.4 at one edge or the other. A conic projection whose two
standard parallels lie a sixth of the way in from the route's southern and northern limits
keeps the scale within a few per cent over the whole frame, and is conformal, so a scale bar
holds in every direction at a point. The page draws it with proj4js and Proj4Leaflet
(``static/vendor/``, inlined only in pages that use it) and ``static/projection.js``.

Online raster tiles are cut in Web Mercator and cannot be reprojected: a projected page draws
the offline vector basemap. The interactive page stays Web Mercator unless asked otherwise.
"""

from __future__ import annotations

import math

from routes.geo.geodesy import distance_km

#: The projections a page can be drawn in: ``"auto"`` picks the conic one for an extent whose
#: diagonal is at least :data:`CONIC_FROM_KM`, Web Mercator otherwise.
PROJECTIONS = ("mercator", "conic", "auto")
#: From this diagonal (km) a print layout is drawn in the conic projection: over 1,000 km at
#: mid-latitudes, Web Mercator's scale already differs by 10 % or more between top and bottom.
CONIC_FROM_KM = 1000.0
#: Web Mercator's metres per pixel at the equator at zoom 0 (256 px tiles, WGS 84 semi-major axis).
_EQUATOR_M_PER_PX = 2 * math.pi * 6378137.0 / 256
#: Zoom levels of the conic CRS: 0..20, as Web Mercator's.
_ZOOMS = 21


def uses_conic(extent: tuple[float, float, float, float], projection: str) -> bool:
    """Whether a page of ``extent`` (west, south, east, north) is drawn in the conic projection.

    >>> uses_conic((40.0, 42.0, 131.0, 56.0), "auto"), uses_conic((130.5, 42.2, 130.8, 42.5), "auto")
    (True, False)
    """
    if projection not in PROJECTIONS:
        raise ValueError(f"projection {projection!r} is not one of {', '.join(PROJECTIONS)}")
    if projection != "auto":
        return projection == "conic"
    west, south, east, north = extent
    return distance_km((west, south), (east, north)) >= CONIC_FROM_KM


def conic(extent: tuple[float, float, float, float]) -> dict:
    """The page's description of a Lambert conformal conic projection for ``extent``
    (west, south, east, north; longitudes as drawn, possibly past 180°).

    Standard parallels a sixth of the latitude range in from each limit (the usual rule for a
    conic map of a zone; at least 1° apart), the central meridian and the origin's latitude in
    the middle. Resolutions halve from zoom to zoom and are Web Mercator's at the middle
    latitude, so a zoom shows the same ground there in either projection and the basemap's
    levels and the labels' zoom limits keep their meaning.

    >>> p = conic((40.0, 42.0, 131.0, 56.0))
    >>> p["parallels"], p["centre"]
    ([44.3, 53.7], [49.0, 85.5])
    >>> p["proj4"].split()[:3]
    ['+proj=lcc', '+lat_1=44.3', '+lat_2=53.7']
    """
    west, south, east, north = (float(v) for v in extent)
    lat0 = round((south + north) / 2, 1)
    lon0 = round((west + east) / 2, 1)
    if lon0 > 180:
        lon0 = round(lon0 - 360, 1)
    span = max(north - south, 6.0)
    lat1 = round(max(-85.0, lat0 - span / 3), 1)
    lat2 = round(min(85.0, lat0 + span / 3), 1)
    if abs(lat1 + lat2) < 1e-9:  # parallels symmetric about the equator: no cone, shift north
        lat2 += 1.0
    base = _EQUATOR_M_PER_PX * math.cos(math.radians(lat0))
    definition = (
        f"+proj=lcc +lat_1={lat1} +lat_2={lat2} +lat_0={lat0} +lon_0={lon0} "
        "+x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
    )
    return {
        "code": "ROUTES:LCC",
        "name": f"Lambert conformal conic, standard parallels {_latitude(lat1)} and {_latitude(lat2)}",
        "proj4": definition,
        "parallels": [lat1, lat2],
        "centre": [lat0, lon0],
        "resolutions": [base / 2**zoom for zoom in range(_ZOOMS)],
    }


def _latitude(value: float) -> str:
    return f"{abs(value):g}° {'N' if value >= 0 else 'S'}"


def page_projection(extent: tuple[float, float, float, float], projection: str) -> dict | None:
    """The payload's ``projection`` entry: the conic projection's description, or None for
    Web Mercator (see :func:`uses_conic`)."""
    return conic(extent) if uses_conic(extent, projection) else None
