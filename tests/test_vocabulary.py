import pytest

from routes.model.vocabulary import ClaimStatus, Mode, Unit


def test_parse_is_case_insensitive():
    assert Mode.parse(" Rail ") is Mode.RAIL
    assert Unit.parse("round trips") is Unit.ROUND_TRIPS


def test_refusal_lists_valid_values():
    with pytest.raises(ValueError, match="'train' is not one of 'sea', 'rail', 'road', 'air'"):
        Mode.parse("train")


def test_statuses_keep_observation_apart_from_claims_of_contents():
    assert "not contents" in ClaimStatus.OBSERVED.label
    assert ClaimStatus.CLAIMED.label != ClaimStatus.OBSERVED.label
