"""Caps checked before a parser runs (issue 24 item 3): each costly shape is refused with one
line, and routes' own files pass. Times are in benchmarks/input_caps.py, not here."""

import pytest
from click.testing import CliRunner

import routes
from routes.cli import cli
from routes.errors import ValidationError
from routes.load import prescan
from routes.load.files import read_json, read_text, read_toml
from routes.load.prescan import csv_problem, json_problem, toml_problem

HEAD = 'format_version = 1\nid = "x"\n'


def one_line(path, reader=read_toml):
    with pytest.raises(ValidationError) as exc:
        reader(path)
    assert len(exc.value.problems) == 1
    return str(exc.value.problems[0])


def test_routes_own_files_pass():
    for path in sorted(routes.data_dir().rglob("*.toml")):
        assert toml_problem(path.read_bytes()) is None, path
    for path in sorted(routes.data_dir().glob("*.geojson")):
        assert json_problem(path.read_bytes()) is None, path


def test_deeply_dotted_key_of_100_kb(tmp_path):
    """The issue's case: a key of 50,000 parts cost tomllib 135.6 s and 9.6 GB."""
    path = tmp_path / "deep.toml"
    path.write_text(HEAD + "title = 't'\n" + "a" + ".a" * 50_000 + " = 1\n")
    assert path.stat().st_size > 100_000
    assert one_line(path) == (
        f"{path}: line 4: a dotted key or table name of more than 32 parts; check the file: routes' keys have a few parts"
    )


@pytest.mark.parametrize(
    "key",
    [
        "[" + ".".join(["t"] * 40) + "]",  # a table name
        "x = {" + " . ".join(['"q"'] * 40) + " = 1}",  # quoted parts, spaces, in an inline table
    ],
)
def test_dotted_keys_in_every_form(tmp_path, key):
    path = tmp_path / "k.toml"
    path.write_text(HEAD + key + "\n")
    assert "a dotted key or table name of more than 32 parts" in one_line(path)


def test_a_key_of_32_parts_passes_to_the_parser():
    assert toml_problem(("a" + ".a" * 31 + " = 1\n").encode()) is None


def test_a_title_over_the_string_cap_is_refused_before_parsing(tmp_path):
    path = tmp_path / "title.toml"
    path.write_text(HEAD + 'title = "' + "x" * 5_000_000 + '"\n')
    assert one_line(path) == (
        f"{path}: line 3: a string of 5,000,002 bytes, over the limit of 100,000 "
        "(text fields hold at most 10,000 characters); shorten it"
    )


@pytest.mark.parametrize(
    "text",
    [
        'title = """\n' + "x" * 99 + "\n" * 2 + ("y" * 99 + "\n") * 2000 + '"""\n',  # multi-line
        "title = '''" + "z" * 200_000 + "'''\n",  # literal multi-line
        "title = '" + "z" * 200_000 + "'\n",  # literal
        'title = "' + 'a\\"' * 70_000 + '"\n',  # escaped quotes do not end it
    ],
)
def test_every_kind_of_long_string(text):
    found = toml_problem((HEAD + text).encode())
    assert found is not None and found[0].startswith("line 3: a string of ")


def test_quotes_in_comments_and_hashes_in_strings_are_read_as_toml_reads_them():
    text = HEAD + "# it's a \"comment\n" + 'title = "#not a comment"\nsummary = \'a\' # "\n'
    assert toml_problem(text.encode()) is None


def test_a_49_mb_title_is_refused_by_the_file_size_before_reading(tmp_path):
    path = tmp_path / "big.toml"
    with path.open("w") as out:
        out.write(HEAD + 'title = "')
        out.truncate(49_000_000)
    assert "file is 49,000,000 bytes, over the limit of 16,777,216 bytes" in one_line(path)


def test_nesting(tmp_path):
    path = tmp_path / "n.toml"
    path.write_text(HEAD + "a = " + "[" * 40 + "]" * 40 + "\n")
    assert "arrays or tables nested 40 deep, over the limit of 32" in one_line(path)


def test_entries_lines_and_line_length(monkeypatch):
    monkeypatch.setattr(prescan, "MAX_ENTRIES", 100)
    assert "entries (keys, items, cells), over the limit of 100" in toml_problem(b"a = [" + b"1," * 200 + b"]\n")[0]
    assert "over the limit of 100" in json_problem(b"[" + b"1," * 200 + b"1]")[0]
    assert "over the limit of 100" in csv_problem(b"lon,lat\n" + b"1,2\n" * 100)[0]
    monkeypatch.setattr(prescan, "MAX_LINES", 10)
    assert toml_problem(b"\n" * 20)[0] == "has 21 lines, over the limit of 10"
    monkeypatch.setattr(prescan, "MAX_LINE_BYTES", 50)
    assert toml_problem(b"a = " + b"1" * 60 + b"\n")[0] == "has a line of 64 bytes, over the limit of 50"


def test_an_integer_of_too_many_digits_is_one_line(tmp_path):
    path = tmp_path / "i.toml"
    path.write_text(HEAD + "title = 't'\nsize = " + "1" * 5000 + "\n")
    assert "invalid TOML: Exceeds the limit (4300 digits)" in one_line(path)


def test_json_node_file_with_too_many_values(tmp_path, monkeypatch):
    monkeypatch.setattr(prescan, "MAX_ENTRIES", 1000)
    path = tmp_path / "n.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [' + ",".join(["{}"] * 2000) + "]}")
    assert "over the limit of 1,000; split the file" in one_line(path, read_json)


def test_csv_node_file_with_too_many_cells(tmp_path, monkeypatch):
    monkeypatch.setattr(prescan, "MAX_ENTRIES", 1000)
    path = tmp_path / "n.csv"
    path.write_text("id,lon,lat\n" + "a,1,2\n" * 600)
    result = CliRunner().invoke(cli, ["validate", str(path), "--id-field", "id"])
    assert result.exit_code == 1
    assert "over the limit of 1,000; split the file" in result.stderr


def test_plain_text_has_no_caps_but_its_size(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("a.b" * 100)
    assert read_text(path) == "a.b" * 100


def test_csv_cell_over_the_csv_modules_limit_is_one_line(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("id,lon,lat,name\na,1,2," + "x" * 200_000 + "\n")
    result = CliRunner().invoke(cli, ["validate", str(path), "--id-field", "id"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"routes: error: {path}: after line 1: cannot be read as CSV (field larger than field limit (131072)); "
        "check the quoting and the long cells\n"
    )


def test_nesting_counts_tables_and_arrays_alike():
    assert toml_problem(b"a = [{ b = 1 }]\nc = " + b"[{x = " * 17 + b"1" + b"}]" * 17 + b"\n")[0] == (
        "arrays or tables nested 34 deep, over the limit of 32"
    )
    assert toml_problem(b"a = [{ b = 1 }]\nc = " + b"[{x = " * 16 + b"1" + b"}]" * 16 + b"\n") is None


def test_tables_and_keys_of_a_table(monkeypatch):
    flood = b"".join(b"k%d = 1\n" % i for i in range(1001))
    assert (
        toml_problem(b'id = "x"\n[[claims]]\nid = "c"\n' + flood)[0]
        == "line 2: a table of 1,002 keys, over the limit of 1,000"
    )
    assert toml_problem(b"[[claims]]\n" + flood[:-8]) is None  # 1,000 keys
    monkeypatch.setattr(prescan, "MAX_TABLES", 10)
    assert toml_problem(b"[[claims]]\n" * 11)[0] == "has 11 tables, over the limit of 10"


def test_a_file_of_many_problems_lists_a_thousand_and_counts_the_rest(mini):
    from routes.errors import MAX_PROBLEMS

    text = mini.read_text(encoding="utf-8") + "".join(f"\n[[claims]]\nid = 'x{i}'\n" for i in range(600))
    mini.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(mini)])
    lines = result.stderr.splitlines()
    assert result.exit_code == 1
    assert len(lines) == MAX_PROBLEMS + 1  # the problems, then the count of the rest
    assert lines[-1] == f"routes: error: {mini}: and 2,000 more problems, not listed; fix those above first"
