import pytest

from routes.model.speeds import KNOT_KMH, Speeds, parse_hours, parse_speed
from routes.model.vocabulary import Mode


@pytest.mark.parametrize(
    "text, kmh", [("12kn", 12 * KNOT_KMH), ("30 km/h", 30.0), ("900km/d", 37.5), ("1 knot", KNOT_KMH)]
)
def test_parse_speed(text, kmh):
    assert parse_speed(text) == pytest.approx(kmh)


@pytest.mark.parametrize("bad", ["fast", "12", "-3kn", "0km/h", "12 mph"])
def test_parse_speed_refuses(bad):
    with pytest.raises(ValueError, match="is not a speed; write e.g. 12kn"):
        parse_speed(bad)


def test_parse_hours():
    assert parse_hours("24h") == 24 and parse_hours("2d") == 48
    with pytest.raises(ValueError, match="is not a duration"):
        parse_hours("soon")


def test_overrides_and_their_description():
    speeds = Speeds().with_overrides(["rail=1000km/d", "top-sea=20kn", "transfer=24h", "border=12h"])
    assert speeds.typical_kmh[Mode.RAIL] == pytest.approx(1000 / 24)
    assert speeds.top_kmh[Mode.SEA] == pytest.approx(20 * KNOT_KMH)
    assert (speeds.transfer_hours, speeds.border_hours) == (24, 12)
    text = "\n".join(speeds.describe())
    assert "given on the command line" in text and "transfer between modes: typical 24 h" in text
    assert "express container train" in "\n".join(Speeds().describe())


def test_unknown_mode_in_override():
    with pytest.raises(ValueError, match="'ship' is not one of"):
        Speeds().with_overrides(["ship=12kn"])
