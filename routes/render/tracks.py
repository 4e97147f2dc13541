"""Shared tracks: legs drawn along the same line (either direction) get a slot at each vertex,
so the page draws them side by side instead of on top of one another.

Two legs share a track when at least half the vertices of the shorter one, rounded to 1e-5°
(about 1 m), are vertices of the other, and at least two are. Legs sharing a track with a
shared-track leg are in its group (transitively). At each vertex of a grouped leg, the ``n``
legs of its group through that vertex take slots ``i - (n - 1) / 2`` (..., -1, 0, +1, ... or
-0.5, +0.5) in the legs' order on the page; where a leg runs alone its slot is 0, so its ends
stay on their nodes. Two legs run together from the first to the last vertex they share. ``flip`` marks a leg running against the group's first leg: the page
offsets each leg ``slot`` steps to the right of the first leg's direction, whatever its own.
"""

from __future__ import annotations

from itertools import pairwise

SHARED_FRACTION = 0.5  # of the shorter leg's vertices
MIN_SHARED = 2


def _key(point) -> tuple[int, int]:
    return round(point[0] * 1e5), round(point[1] * 1e5)


def _shares(a: set, b: set) -> bool:
    shared = len(a & b)
    return shared >= MIN_SHARED and shared >= SHARED_FRACTION * min(len(a), len(b))


def shared_tracks(coords: list[list[list[float]]]) -> list[dict | None]:
    """For each leg's ``[lat, lon]`` line, ``{"group", "flip", "slots", "beside"}`` or None (no
    shared track); ``slots`` is the leg's slot along its vertices as runs ``[[first vertex, slot],
    ...]``, ``beside`` the indices of the legs running beside it somewhere."""
    keys = [[_key(p) for p in line] for line in coords]
    sets = [set(k) for k in keys]
    parent = list(range(len(coords)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(coords)):
        for j in range(i + 1, len(coords)):
            if _shares(sets[i], sets[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(coords)):
        groups.setdefault(root(i), []).append(i)
    result: list[dict | None] = [None] * len(coords)
    for number, members in enumerate(m for m in groups.values() if len(m) > 1):
        flips: dict[int, bool] = {}
        for leg in members:
            # Against the first earlier member it shares the track with (the first leg: False).
            partner = next((m for m in flips if _shares(sets[leg], sets[m])), None)
            flips[leg] = partner is not None and (_runs_against(keys[leg], keys[partner]) != flips[partner])
        for leg in members:
            # Another leg is beside this one from the first to the last vertex they share (gaps
            # of a few unshared vertices along the way do not make the lines jump across).
            stretch = {}
            for m in members:
                shared = [i for i, k in enumerate(keys[leg]) if k in sets[m]]
                if m != leg and len(shared) >= MIN_SHARED:
                    stretch[m] = (shared[0], shared[-1])
            runs: list[list[float]] = []
            for index in range(len(keys[leg])):
                here = [m for m in members if m == leg or (m in stretch and stretch[m][0] <= index <= stretch[m][1])]
                slot = here.index(leg) - (len(here) - 1) / 2
                if not runs or runs[-1][1] != slot:
                    runs.append([index, slot])
            result[leg] = {"group": number, "flip": flips[leg], "slots": runs, "beside": sorted(stretch)}
    return result


def _runs_against(line: list[tuple[int, int]], reference: list[tuple[int, int]]) -> bool:
    """Whether ``line`` meets the vertices it shares with ``reference`` in the reverse order."""
    position = {k: i for i, k in enumerate(reference)}
    shared = [position[k] for k in line if k in position]
    rising = sum(1 for a, b in pairwise(shared) if b > a)
    falling = sum(1 for a, b in pairwise(shared) if b < a)
    return falling > rising
