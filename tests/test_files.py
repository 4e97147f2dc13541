import pytest

from routes.errors import ValidationError
from routes.load.files import read_json, read_text, read_toml


def messages(excinfo):
    return [str(p) for p in excinfo.value.problems]


def test_missing_file(tmp_path):
    with pytest.raises(ValidationError) as exc:
        read_text(tmp_path / "nope.toml")
    assert messages(exc) == [f"{tmp_path / 'nope.toml'}: file not found; check the path"]


def test_directory(tmp_path):
    with pytest.raises(ValidationError, match="is a directory, not a file; give the path of a file inside it"):
        read_text(tmp_path)


def test_empty_file(tmp_path):
    (tmp_path / "e.toml").write_text("  \n")
    with pytest.raises(ValidationError, match="file is empty"):
        read_text(tmp_path / "e.toml")


def test_binary_garbage(tmp_path):
    (tmp_path / "g.geojson").write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ValidationError, match="is a binary file, not text"):
        read_text(tmp_path / "g.geojson")


def test_not_utf8(tmp_path):
    (tmp_path / "l.toml").write_bytes("title = 'Дунай'".encode("koi8-r"))
    with pytest.raises(ValidationError, match="is not UTF-8 text"):
        read_text(tmp_path / "l.toml")


def test_too_large_names_the_limit(tmp_path):
    (tmp_path / "big.geojson").write_text("x" * 2000)
    with pytest.raises(ValidationError, match="file is 2,000 bytes, over the limit of 1,000 bytes"):
        read_text(tmp_path / "big.geojson", limit=1000)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.toml"
    path.write_text("a = 1")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "open", refuse)
    with pytest.raises(ValidationError, match=r"cannot be read \(Permission denied\)"):
        read_text(path)


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"a": 1,}', "invalid JSON at line 1"),
        ('{"a": NaN}', "NaN is not a number JSON allows"),
        ('{"a": Infinity}', "Infinity is not a number JSON allows"),
        ('{"a": 1, "a": 2}', "duplicate key 'a'"),
        ("[" * 100000, "nested too deeply|invalid JSON"),
    ],
)
def test_strict_json(tmp_path, text, message):
    (tmp_path / "f.geojson").write_text(text)
    with pytest.raises(ValidationError, match=message):
        read_json(tmp_path / "f.geojson")


def test_toml_syntax_and_duplicate_keys(tmp_path):
    (tmp_path / "s.toml").write_text('id = "a"\nid = "b"\n')
    with pytest.raises(ValidationError, match="invalid TOML"):
        read_toml(tmp_path / "s.toml")
