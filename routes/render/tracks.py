"""Shared tracks: legs drawn along the same line (either direction) get a slot each, so the
page draws them side by side instead of on top of one another.

Two legs share a track when at least half the vertices of the shorter one, rounded to 1e-5°
(about 1 m), are vertices of the other, and at least two are. Legs sharing a track with a
shared-track leg are in its group (transitively). Each leg of a group of ``n`` gets a slot
``i - (n - 1) / 2`` (..., -1, 0, +1, ... or -0.5, +0.5) in the group's order (the legs' order
on the page), and ``flip`` when it runs against the group's first leg: the page offsets it by
``slot`` line widths to the right of the first leg's direction, whatever its own.
"""

from __future__ import annotations

from itertools import pairwise

SHARED_FRACTION = 0.5  # of the shorter leg's vertices
MIN_SHARED = 2


def _key(point) -> tuple[int, int]:
    return round(point[0] * 1e5), round(point[1] * 1e5)


def shared_tracks(coords: list[list[list[float]]]) -> list[dict | None]:
    """For each leg's ``[lat, lon]`` line, ``{"group", "slot", "flip"}`` or None (no shared track)."""
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
            shared = len(sets[i] & sets[j])
            if shared >= MIN_SHARED and shared >= SHARED_FRACTION * min(len(sets[i]), len(sets[j])):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(coords)):
        groups.setdefault(root(i), []).append(i)
    result: list[dict | None] = [None] * len(coords)
    for number, members in enumerate(m for m in groups.values() if len(m) > 1):
        first = keys[members[0]]
        for index, leg in enumerate(members):
            result[leg] = {
                "group": number,
                "slot": index - (len(members) - 1) / 2,
                "flip": _runs_against(keys[leg], first),
            }
    return result


def _runs_against(line: list[tuple[int, int]], reference: list[tuple[int, int]]) -> bool:
    """Whether ``line`` meets the vertices it shares with ``reference`` in the reverse order."""
    position = {k: i for i, k in enumerate(reference)}
    shared = [position[k] for k in line if k in position]
    if len(shared) < 2:
        return False
    rising = sum(1 for a, b in pairwise(shared) if b > a)
    falling = sum(1 for a, b in pairwise(shared) if b < a)
    return falling > rising
