"""docs/scenario.schema.json agrees with the loader on the bundled and starter scenarios."""

import json
import tomllib

import jsonschema
import pytest

import routes
from routes.outputs.starter import starter_files
from tests.conftest import REPO


@pytest.fixture(scope="module")
def schema():
    schema = json.loads((REPO / "docs" / "scenario.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.mark.parametrize("ident", list(routes.bundled_scenarios()))
def test_bundled_scenarios_match_the_schema(schema, ident):
    data = tomllib.loads(routes.bundled_scenarios()[ident].read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_starter_matches_the_schema(schema):
    jsonschema.validate(tomllib.loads(starter_files("my-case")["my-case.toml"]), schema)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(titel="x"),
        lambda d: d["claims"][0].update(quantity="1,000"),
        lambda d: d["claims"][0].update(published="07/09/2023"),
        lambda d: d["claims"][0]["sources"][0].update(url="javascript:alert(1)"),
        lambda d: d["routes"][0]["legs"][0].update(mode="train"),
        lambda d: d.update(id="My Case"),
    ],
)
def test_schema_refuses_what_the_loader_refuses(schema, change):
    data = tomllib.loads(starter_files("my-case")["my-case.toml"])
    change(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
