"""The two engines that reduce positions to items, around the same per-vessel function.

- ``duckdb`` (the default, embedded): DuckDB scans and checks the files, keeps what the cut
  keeps, sorts by vessel and time (spilling to disk when it must) and streams Arrow record
  batches; each vessel's rows go to :func:`routes.observe.vessel.reduce_vessel` as they complete.
- ``dask``: the positions (checked and cut by the same SQL, written once as Parquet) are read as
  a Dask dataframe on a ``distributed`` cluster (a ``LocalCluster`` unless a client is given),
  shuffled so each vessel's rows share a partition, and reduced there by the same function. On a
  real cluster the Parquet would already be upstream (docs/observations.md).

Both hand their items to :func:`routes.observe.combine.combine`, so the output is the same bytes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd

from routes.observe.combine import combine
from routes.observe.layouts import COLUMNS
from routes.observe.params import Thresholds
from routes.observe.ports import Ports
from routes.observe.sources import Cut, kind_of, open_positions
from routes.observe.vessel import reduce_vessel

BATCH_ROWS = 1 << 20
MEMORY_LIMIT = "1GB"
ENGINES = ("duckdb", "dask")


def _duckdb():
    try:
        import duckdb
    except ImportError as exc:  # a dependency: only a broken install gets here
        from routes.errors import RoutesError

        raise RoutesError("routes observe needs DuckDB; pip install duckdb") from exc
    return duckdb


def observe(
    paths: list[Path],
    ports: Ports,
    thresholds: Thresholds,
    *,
    mapping: dict[str, str] | None = None,
    cut: Cut | None = None,
    engine: str = "duckdb",
    client=None,
    progress: Callable[[str], None] = lambda message: None,
) -> list[dict]:
    """Every item the positions in ``paths`` give (see :mod:`routes.observe.combine`), and the
    events of the GFW JSON files among them."""
    from routes.errors import Problems
    from routes.observe.gfw import read_gfw_events

    events, problems = [], Problems("routes observe")
    for path in (p for p in paths if kind_of(p) == "json"):
        file_problems = Problems(str(path))
        if path.is_file():
            events += read_gfw_events(path, thresholds, file_problems)
        problems.extend(file_problems)
    problems.raise_if_any()
    paths = [p for p in paths if kind_of(p) != "json"]
    if not paths:
        return combine(events, thresholds)
    with tempfile.TemporaryDirectory(prefix="routes-observe-spill-") as spill:
        items = _reduce(paths, ports, thresholds, mapping or {}, cut or Cut(), engine, client, progress, spill)
    return combine(items + events, thresholds)


def _reduce(
    paths: list[Path],
    ports: Ports,
    thresholds: Thresholds,
    mapping: dict[str, str],
    cut: Cut,
    engine: str,
    client,
    progress: Callable[[str], None],
    spill: str,
) -> list[dict]:
    con = _duckdb().connect()
    try:
        return _run(con, paths, ports, thresholds, mapping, cut, engine, client, progress, spill)
    finally:
        con.close()


def _run(con, paths, ports, thresholds, mapping, cut, engine, client, progress, spill: str) -> list[dict]:
    # DuckDB spills its sort to the system's temporary folder (not the working one), removed after.
    con.execute("SET temp_directory = '" + spill.replace("'", "''") + "'")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")  # progress is ours, on stderr, one line at a time
    # The sort spills to a temporary folder beyond this: memory stays flat however big the input.
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    open_positions(con, paths, mapping, cut)
    total = con.execute("SELECT count(*) FROM positions").fetchall()[0][0]
    progress(f"observe: {total:,} reports to reduce ({engine})")
    if engine == "dask":
        return _dask(con, ports, thresholds, client, progress)
    return _stream(con, ports, thresholds, total, progress)


def _stream(con, ports: Ports, t: Thresholds, total: int, progress) -> list[dict]:
    reader = con.sql(f"SELECT {', '.join(COLUMNS)} FROM positions ORDER BY mmsi, t").to_arrow_reader(BATCH_ROWS)
    items: list[dict] = []
    carry: pd.DataFrame | None = None
    done = vessels = 0
    for batch in reader:
        frame = batch.to_pandas()
        if carry is not None:
            frame = pd.concat([carry, frame], ignore_index=True)
        mmsi = frame["mmsi"].to_numpy()
        starts = np.concatenate([[0], np.flatnonzero(mmsi[1:] != mmsi[:-1]) + 1])
        for a, b in pairwise(starts):  # the last vessel may go on
            items.extend(reduce_vessel(frame.iloc[a:b], ports, t))
            vessels += 1
        carry = frame.iloc[starts[-1] :]
        done += batch.num_rows
        progress(f"observe: {done:,} of {total:,} reports read, {vessels:,} vessels reduced")
    if carry is not None and len(carry):
        items.extend(reduce_vessel(carry, ports, t))
    return items


def _reduce_partition(frame: pd.DataFrame, ports: Ports, t: Thresholds) -> pd.DataFrame:
    items = []
    for _, group in frame.groupby("mmsi", sort=True):
        items.extend(reduce_vessel(group, ports, t))
    return pd.DataFrame({"item": pd.Series(items, dtype=object)})


def _dask(con, ports: Ports, t: Thresholds, client, progress) -> list[dict]:
    try:
        import dask.dataframe as dd
        from distributed import Client, LocalCluster
    except ImportError as exc:
        from routes.errors import RoutesError

        raise RoutesError("--engine dask needs dask and distributed; pip install 'routes-map[cluster]'") from exc
    with tempfile.TemporaryDirectory(prefix="routes-observe-") as folder:
        target = Path(folder) / "positions.parquet"
        literal = "'" + str(target).replace("'", "''") + "'"
        con.execute(f"COPY (SELECT {', '.join(COLUMNS)} FROM positions) TO {literal} (FORMAT parquet)")
        own = None
        if client is None:
            own = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, processes=True)
            client = Client(own)
        try:
            frame = dd.read_parquet(str(target))
            shuffled = frame.shuffle(on="mmsi", npartitions=max(1, frame.npartitions), shuffle_method="tasks")
            meta = pd.DataFrame({"item": pd.Series([], dtype=object)})
            reduced = shuffled.map_partitions(_reduce_partition, ports, t, meta=meta)
            progress("observe: reducing on the Dask cluster ...")
            result = client.compute(reduced).result()
        finally:
            if own is not None:
                client.close()
                own.close()
    return list(result["item"])
