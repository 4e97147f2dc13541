"""Where a segment the case's networks do not hold came from: the ``file`` labels that
:mod:`routes.geo.gaps` gives the segments it adds, and that :mod:`routes.geo.terrain` and the
exports read back (one home, so neither of the two imports the other for them)."""

from __future__ import annotations

#: The ``file`` of segments the world maritime network supplies.
WORLD_SEA_FILE = "world sea lanes (MARNET via searoute)"
#: The ``file`` of short joins from a stop off a land network to its nearest node.
CONNECTOR_FILE = "connector to the nearest network node (assumed)"
#: The ``file`` of segments drawn without a network.
NO_NETWORK_FILE = "no network (assumed line)"
