"""Observations: AIS position reports reduced to tracks and the events they show.

The layer between ``geo`` (geodesy, the land check) and ``analysis``: it reads position files
(``sources``, ``layouts``, ``nmea``), reduces them one vessel at a time in an engine
(``engines``: DuckDB by default, Dask on a cluster) with the same per-vessel rules (``vessel``,
``identity``, ``reachable``), joins what needs several ships (``combine``) and turns the items
into file bytes (``write``). ``synthetic`` makes test data with known truth. The output format
is in docs/observations.md. Nothing here knows about claims.
"""
