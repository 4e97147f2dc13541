import datetime as dt
import itertools

import pytest
from click.testing import CliRunner
from matplotlib.dates import date2num
from matplotlib.text import Text

import routes
from routes.cli import cli
from routes.outputs.chart import (
    CUMULATIVE_GID,
    FOOTER_GID,
    KEY_GID,
    OTHER_GID,
    SINGLE_GID,
    ChartError,
    chart_bytes,
    claims_figure,
)
from routes.outputs.chart_plan import chart_plan, point_day
from routes.outputs.ledger import ledger_rows
from tests.conftest import MINIMAL_NODES, MINIMAL_SCENARIO, write

HEAD = MINIMAL_SCENARIO[: MINIMAL_SCENARIO.index("[[claims]]")].replace(
    'title = "Minimal case"', 'title = "Minimal case"\nas_of = "2024-03-01"'
)


def claim_toml(
    ident,
    claimant="Someone",
    value=1000,
    kind=None,
    restates=None,
    published="2023-10-13",
    start="2023-09-07",
    end="2023-10-01",
    text=None,
    publisher="Pub",
    source_date="2023-10-13",
):
    lines = ["[[claims]]", f'id = "{ident}"', f'claimant = "{claimant}"', f'published = "{published}"']
    lines += [f'period_start = "{start}"'] if start else []
    lines += [f'period_end = "{end}"'] if end else []
    lines += [
        f'quantity_text = "{text or f"more than {value:,} containers"}"',
        f"quantity = {value}",
        'unit = "containers"',
        'qualifier = "more than"',
        'covers = ["a-b"]',
        'evidence = "statement"',
        'status = "claimed"',
    ]
    lines += [f'kind = "{kind}"'] if kind else []
    lines += [f'restates = "{restates}"'] if restates else []
    lines += [
        (
            f'sources = [{{ publisher = "{publisher}", title = "T {publisher}", date = "{source_date}", '
            f'url = "https://example.org/{publisher.lower()}" }}]'
        )
    ]
    return "\n".join(lines) + "\n"


def case(tmp_path, *claims):
    write(tmp_path / "nodes.geojson", MINIMAL_NODES)
    return routes.load_scenario(write(tmp_path / "case.toml", HEAD + "\n".join(claims)))


def panel(figure, name):
    found = [a for a in figure.axes if a.get_label() == name]
    return found[0] if found else None


def points(axes) -> list[tuple[str, float, float]]:
    """(gid, x, y) of every plotted claim point of a panel."""
    if axes is None:
        return []
    return [
        (c.get_gid(), *c.get_offsets()[0])
        for c in axes.collections
        if (c.get_gid() or "").startswith("point-")
        for _ in c.get_offsets()
    ]


def footer(figure) -> str:
    return "\n".join(t.get_text() for t in panel(figure, FOOTER_GID).texts)


def test_only_cumulative_totals_sit_on_the_cumulative_axis(tmp_path):
    scenario = case(
        tmp_path,
        claim_toml("total", value=5000, kind="cumulative", published="2024-02-01", end=None),
        claim_toml("seen", "Imagery", value=73, kind="snapshot", start="2023-10-05", end="2023-10-05"),
        claim_toml("moved", "Other", value=1000, kind="flow"),
        claim_toml("part", "Ship", value=2000, kind="share"),
        claim_toml("unsure", "Vague", value=3000),
    )
    figure = claims_figure(scenario)
    assert [gid for gid, *_ in points(panel(figure, CUMULATIVE_GID))] == ["point-total"]
    lower = sorted(gid for gid, *_ in points(panel(figure, OTHER_GID)))
    assert lower == ["point-moved", "point-part", "point-seen", "point-unsure"]
    # The key's legend of the lower panel names each kind (and "kind not stated") by its marker.
    legends = [a for a in panel(figure, KEY_GID).artists if hasattr(a, "get_texts")]
    assert [" ".join(t.get_text().split()) for t in legends[0].get_texts()] == [
        "flow in a stated period",
        "snapshot (one observation)",
        "share (one vessel's or route's part of a flow)",
        "kind not stated",
    ]
    assert "Only cumulative totals are on the cumulative axis" in footer(figure)


def test_kind_not_stated_is_never_on_the_cumulative_axis(tmp_path):
    figure = claims_figure(case(tmp_path, claim_toml("a"), claim_toml("b", "Other", value=5000)))
    assert panel(figure, CUMULATIVE_GID) is None
    assert len(points(panel(figure, OTHER_GID))) == 2
    assert "No claim in containers is stated to be a cumulative total" in panel(figure, OTHER_GID).get_title(loc="left")


def test_a_restatement_adds_no_point(tmp_path):
    first = claim_toml("wh", "White House", kind="cumulative")
    plain = claim_toml(
        "rok", "ROK MND", published="2023-10-16", start=None, end=None, publisher="KBS", source_date="2023-10-16"
    )
    restated = plain.replace('status = "claimed"', 'status = "claimed"\nkind = "restatement"\nrestates = "wh"')
    # Without the kind, the second claim is a point of its own; with it, it is not.
    assert len(points(panel(claims_figure(case(tmp_path, first, plain)), OTHER_GID))) == 1
    figure = claims_figure(case(tmp_path, first, restated))
    # One claim left: the chart is its value, worded, with the restatement beside it.
    assert [p[0] for a in figure.axes for p in points(a)] == [] and panel(figure, SINGLE_GID) is not None
    labels = [t.get_text() for t in figure.findobj(Text) if (t.get_gid() or "").startswith(SINGLE_GID)]
    assert any("restated by ROK MND, 16 Oct 2023 [2] (not a new point)" in " ".join(t.split()) for t in labels)
    assert "Restatements, not plotted as new points: ROK MND, 16 Oct 2023 [2] repeats White House" in " ".join(
        footer(figure).split()
    )
    svg = chart_bytes(case(tmp_path, first, restated), "svg").decode()
    assert 'id="single-value-wh"' in svg and 'id="point-rok"' not in svg and 'rok"' not in svg


def test_whiskers_start_at_the_period_start(tmp_path):
    scenario = case(
        tmp_path,
        claim_toml("since", value=10000, kind="cumulative", published="2024-02-23", start="2023-09", end=None),
        claim_toml("window", "Other", kind="flow"),
        claim_toml("bare", "Third", value=5000, kind="cumulative", published="2023-12-29", start=None, end=None),
    )
    figure = claims_figure(scenario)
    axes = [a for a in figure.axes if a.get_label() in (CUMULATIVE_GID, OTHER_GID)]
    whiskers = {
        c.get_gid(): c.get_segments()[0]
        for a in axes
        for c in a.collections
        if (c.get_gid() or "").startswith("whisker-")
    }
    assert set(whiskers) == {"whisker-since", "whisker-window"}  # no start stated, no whisker
    (x0, y0), (x1, y1) = whiskers["whisker-since"]
    assert (x0, x1, y0, y1) == (date2num(dt.date(2023, 9, 1)), date2num(dt.date(2024, 2, 23)), 10000, 10000)
    (x0, _), (x1, _) = whiskers["whisker-window"]
    assert (x0, x1) == (date2num(dt.date(2023, 9, 7)), date2num(dt.date(2023, 10, 1)))
    # The point sits at the whisker's end: the period end, or the published date for an open period.
    by_id = {c.id: c for c in scenario.claims}
    assert point_day(by_id["window"]) == dt.date(2023, 10, 1) and point_day(by_id["since"]) == dt.date(2024, 2, 23)
    gid, x, y = next(p for p in points(panel(figure, OTHER_GID)))
    assert (gid, x, y) == ("point-window", date2num(dt.date(2023, 10, 1)), 1000)
    labels = " ".join(t.get_text() for t in panel(figure, CUMULATIVE_GID).texts)
    assert "(period start not stated)" in labels


def test_footer_has_the_as_of_date_and_the_numbered_sources_of_the_ledger(tmp_path):
    scenario = case(
        tmp_path,
        claim_toml(
            "b",
            "Other",
            value=5000,
            kind="cumulative",
            published="2024-01-05",
            publisher="Second",
            source_date="2024-01-05",
        ),
        claim_toml("a", kind="cumulative"),
    )
    text = " ".join(footer(claims_figure(scenario)).split())
    assert text.startswith("As of 1 Mar 2024.")
    assert "Sources: [1] Pub, 13 Oct 2023; [2] Second, 5 Jan 2024." in text
    _, ledger_sources = ledger_rows(scenario)  # the same numbers as the ledger (and the map)
    assert [s.split("]")[0] for s in ledger_sources] == ["[1", "[2"] and "Pub" in ledger_sources[0]
    labels = [t.get_text() for a in claims_figure(scenario).axes for t in a.texts]
    assert any(t.endswith("[2]") and "5,000" in t for t in labels)


def test_labels_are_wrapped_never_cut_and_dates_carry_years(tmp_path):
    words = "more than 10,000 containers of munitions or munitions-related materials since September"
    figure = claims_figure(
        case(
            tmp_path,
            claim_toml("long", kind="cumulative", text=words),
            claim_toml(
                "late", "Other", value=3000, kind="cumulative", published="2025-05-29", start="2024-01-01", end=None
            ),
        )
    )
    labels = [t.get_text() for t in panel(figure, CUMULATIVE_GID).texts]
    assert any(" ".join(t.split()).startswith(words) and "\n" in t for t in labels)
    assert not any("…" in t.get_text() for a in figure.axes for t in a.texts)
    figure.draw_without_rendering()
    ticks = [t.get_text() for t in panel(figure, CUMULATIVE_GID).get_xticklabels() if t.get_text()]
    assert ticks and all(any(str(year) in t for year in range(2022, 2027)) for t in ticks)


def test_one_series_per_claimant_and_no_line_between_claims(tmp_path):
    figure = claims_figure(
        case(
            tmp_path,
            claim_toml("c-1", kind="cumulative"),
            claim_toml("c-2", "Other", value=5000, kind="cumulative", published="2024-01-01", end=None),
        )
    )
    axes = panel(figure, CUMULATIVE_GID)
    assert [t.get_text() for t in panel(figure, KEY_GID).get_legend().get_texts()] == ["Someone", "Other"]
    # Nothing joins claims: every Line2D is a single whisker-start tick.
    assert all(len(line.get_xdata()) == 1 for line in axes.get_lines())
    assert any(" ".join(t.get_text().split()).startswith("more than 1,000 containers") for t in axes.texts)


def test_plan_leaves_out_what_has_no_number_and_says_so(tmp_path):
    none = (
        claim_toml("words", "Other")
        .replace("quantity = 1000\n", "")
        .replace('unit = "containers"\n', "")
        .replace('qualifier = "more than"\n', "")
    )
    scenario = case(tmp_path, claim_toml("c-1", kind="cumulative"), none)
    plan = chart_plan(scenario)
    assert [c.id for c in plan.cumulative] == ["c-1"] and [c.id for c in plan.left_out] == ["words"]
    assert "Not charted: 1 claim with no number in containers" in " ".join(footer(claims_figure(scenario)).split())


def test_svg_is_deterministic_and_png_is_a_png(tmp_path):
    scenario = case(tmp_path, claim_toml("c-1", kind="cumulative"), claim_toml("c-2", "Other", value=5000))
    assert chart_bytes(scenario, "svg") == chart_bytes(scenario, "svg")
    assert chart_bytes(scenario, "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_nothing_to_chart(mini):
    mini.write_text(
        mini.read_text()
        .replace("quantity = 1000\n", "")
        .replace('unit = "containers"\n', "")
        .replace('qualifier = "more than"\n', "")
    )
    with pytest.raises(ChartError, match="gives a number to chart"):
        claims_figure(routes.load_scenario(mini))


def test_chart_command(tmp_path):
    out = tmp_path / "claims.svg"
    result = CliRunner().invoke(cli, ["chart", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    bad = CliRunner().invoke(cli, ["chart", "-o", str(tmp_path / "claims.gif")])
    assert bad.exit_code == 2 and "does not end in .png or .svg" in bad.stderr


def test_no_two_point_labels_print_over_each_other():
    figure = claims_figure(routes.load_scenario("dprk-russia-2023-2025"))
    renderer = figure.canvas.get_renderer()
    # The text of each label (an Annotation's own extent includes its leader line).
    labels = [t for ax in figure.axes for t in ax.texts if (t.get_gid() or "").startswith("label-")]
    for label in labels:
        label.update_positions(renderer)
    boxes = [Text.get_window_extent(t, renderer) for t in labels]
    assert len(boxes) >= 10
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = max(0, min(a.x1, b.x1) - max(a.x0, b.x0)) * max(0, min(a.y1, b.y1) - max(a.y0, b.y0))
            assert overlap < 1.0, (a, b)


def test_a_case_without_as_of_dates_its_footer_by_the_latest_claim(tmp_path):
    write(tmp_path / "nodes.geojson", MINIMAL_NODES)
    head = MINIMAL_SCENARIO[: MINIMAL_SCENARIO.index("[[claims]]")]  # no as_of
    scenario = routes.load_scenario(
        write(tmp_path / "case.toml", head + claim_toml("c-1") + claim_toml("c-2", published="2024-02-01", value=2000))
    )
    assert scenario.as_of is None
    text = footer(claims_figure(scenario))
    assert "1 Feb 2024" in text


def clipped(figure) -> list:
    """The boxes (pixels) of what the figure draws beyond its own edges: the tight box of the
    axes (ticks, titles, labels) and, unclipped, every legend, text and packed box an axes
    holds (matplotlib clips an added artist's box to its axes in the tight box, so a legend
    added beside an axes would not count there)."""
    renderer = figure.canvas.get_renderer()
    frame = figure.bbox
    boxes = [figure.get_tightbbox(renderer).transformed(figure.dpi_scale_trans)]
    for axes in figure.axes:
        held = [*axes.artists, *axes.texts, axes.get_legend()]
        boxes += [a.get_window_extent(renderer) for a in held if a is not None and a.get_visible()]
    return [
        b.bounds
        for b in boxes
        if b.x0 < frame.x0 - 1 or b.y0 < frame.y0 - 1 or b.x1 > frame.x1 + 1 or b.y1 > frame.y1 + 1
    ]


def test_the_clipping_check_sees_a_legend_beyond_the_edge():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 3))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.plot([0, 1], [0, 1], label="a label long enough to leave the figure")
    assert clipped(figure) == []
    axes.legend(loc="lower left", bbox_to_anchor=(0.9, 0.0))
    assert clipped(figure) != []
    axes.get_legend().remove()
    assert clipped(figure) == []
    axes.add_artist(axes.legend(loc="lower left", bbox_to_anchor=(0.9, 0.0)))  # as the old kind legend was
    axes.get_legend().remove()
    assert clipped(figure) != []


@pytest.mark.parametrize("name", ["dprk-russia-2023", "dprk-russia-2023-2025", "iran-russia-caspian"])
def test_nothing_in_the_bundled_charts_is_clipped(name):
    figure = claims_figure(routes.load_scenario(name))
    assert clipped(figure) == []


def test_the_iran_chart_defaults_to_the_drones_of_its_title():
    scenario = routes.load_scenario("iran-russia-caspian")
    figure = claims_figure(scenario)
    assert chart_plan(scenario).unit.value == "drones"
    drawn = {gid for a in figure.axes for gid, *_ in points(a)}
    assert {"point-hur-2022-11-01", "point-guardian-2023-02-12", "point-wh-2023-05-15"} <= drawn
    assert "claimed drones by claimant" in " ".join(panel(figure, CUMULATIVE_GID).get_title(loc="left").split())


def test_a_tie_in_numbers_goes_to_the_unit_more_claims_name(tmp_path):
    shells = claim_toml("shells", "A", value=300000, text="300,000 artillery shells").replace(
        'unit = "containers"', 'unit = "shells"'
    )
    # One number each; the earlier claim counts shells, but three claims name drones.
    drones = claim_toml("drones", "B", value=200, published="2023-11-01", text="more than 200 combat drones")
    drones = drones.replace('unit = "containers"', 'unit = "drones"')
    words = [
        claim_toml(f"w{i}", "C", text=text, published="2023-12-01")
        .replace("quantity = 1000\n", "")
        .replace('unit = "containers"\n', "")
        .replace('qualifier = "more than"\n', "")
        for i, text in enumerate(["a limited number of drones", "hundreds of one-way attack drones"])
    ]
    assert chart_plan(case(tmp_path, shells, drones, *words)).unit.value == "drones"
    assert chart_plan(case(tmp_path, shells, drones)).unit.value == "shells"  # a true tie: the earlier claim's


def test_claimants_differ_in_colour_and_line_style_in_the_legend():
    from routes.model.palette import CLAIMANT_COLOURS

    figure = claims_figure(routes.load_scenario("dprk-russia-2023-2025"))
    handles = panel(figure, KEY_GID).get_legend().legend_handles
    styles = [(h.get_color(), h.get_linestyle()) for h in handles]
    assert len(styles) >= 8 and len({c for c, _ in styles}) == len(styles)
    assert {c for c, _ in styles} <= set(CLAIMANT_COLOURS)
    # Neighbouring rows never share a line style, so colours that merge for a reader still differ.
    assert all(a[1] != b[1] for a, b in itertools.pairwise(styles))
    whiskers = [c for a in figure.axes for c in a.collections if (c.get_gid() or "").startswith("whisker-")]
    assert len({str(c.get_linestyle()) for c in whiskers}) >= 3


def test_claims_of_one_day_get_a_date_axis_of_days_not_hours(tmp_path):
    figure = claims_figure(
        case(
            tmp_path, claim_toml("a", start=None, end=None), claim_toml("b", "Other", value=2000, start=None, end=None)
        )
    )
    low, high = panel(figure, OTHER_GID).get_xlim()
    assert high - low >= 60
    ticks = [t.get_text() for t in panel(figure, OTHER_GID).get_xticklabels() if t.get_text()]
    assert ticks and not any(":" in t for t in ticks)
