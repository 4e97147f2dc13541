"""Importing a line file as a routable network file (``routes network import``).

:func:`import_network` reads any line file GDAL reads (GeoJSON, GeoPackage, Shapefile,
FlatGeobuf, an OpenStreetMap extract), reprojected to WGS84, and turns its lines into the
junctions and segments of a network file (:mod:`routes.load.networks`):

- Line ends within ``snap_m`` metres of each other (WGS84 geodesic) become one junction, and so
  do vertices that two lines share exactly (an OpenStreetMap way meeting another at a node). A
  line end within ``snap_m`` of another line, between its vertices, splits that line there (a
  T-junction, with or without a gap). Lines that cross without a shared vertex (a bridge over
  another line) are not joined. Grouping is single-linkage: points within ``snap_m`` of each
  other in a chain are one junction.
- Every stretch of line between two junctions becomes a segment. Its shape points are simplified
  (Douglas-Peucker on a sinusoidal projection centred on the segment) so that the line stays
  within ``simplify_m`` of the source's line, and rounded to 1e-5 degree (about 1 m).
- With nodes (a routes node file), each node within ``attach_km`` of a line is joined to the
  nearest point of it by a segment of its own, to the junction there if one is within ``snap_m``,
  else to a new junction that splits the line, so scenarios can route between those nodes.

The result reports what was read and built: lines, junctions, segments, km, the connected
components (the largest first, with bounding boxes) and the nodes left unattached.
"""

from routes.geo.netimport.importer import import_network
from routes.geo.netimport.options import Component, ImportOptions, ImportResult
from routes.geo.netimport.read import clean_name, read_lines, slugify

__all__ = ["Component", "ImportOptions", "ImportResult", "clean_name", "import_network", "read_lines", "slugify"]
