import pytest

from routes.errors import OutputError
from routes.outputs.export import write_atomic


def test_writes_and_creates_folders(tmp_path):
    path = write_atomic(tmp_path / "a" / "b" / "out.html", b"hello")
    assert path.read_bytes() == b"hello"
    assert [p.name for p in path.parent.iterdir()] == ["out.html"]


def test_failure_leaves_existing_output_untouched_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "out.html"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("routes.outputs.export.os.replace", broken_replace)
    with pytest.raises(OutputError, match="cannot write .No space left on device."):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_directory_as_target(tmp_path):
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path, b"x")


def test_writing_to_a_pipe_writes_into_it_and_never_replaces_it(tmp_path):
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []

    def read():
        with open(fifo, "rb") as pipe:
            received.append(pipe.read())

    reader = threading.Thread(target=read)
    reader.start()
    write_atomic(fifo, b"map")
    reader.join(timeout=10)
    assert received == [b"map"]
    assert fifo.is_fifo()  # still the pipe, not a regular file put in its place


def test_writing_over_a_link_keeps_the_link_and_replaces_its_target(tmp_path):
    (tmp_path / "shared").mkdir()
    target = tmp_path / "shared" / "map.html"
    target.write_bytes(b"old")
    link = tmp_path / "map.html"
    link.symlink_to(target)
    assert write_atomic(link, b"new") == link
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["map.html"]  # no temp file left


def test_a_dangling_link_gets_its_target_written(tmp_path):
    link = tmp_path / "map.html"
    link.symlink_to(tmp_path / "elsewhere.html")
    write_atomic(link, b"new")
    assert link.is_symlink() and (tmp_path / "elsewhere.html").read_bytes() == b"new"


def test_a_missing_folder_needs_mkdir(tmp_path):
    from routes.outputs.export import check_outputs

    out = tmp_path / "reports" / "ledger.md"
    with pytest.raises(OutputError) as exc:
        check_outputs([out])
    assert str(exc.value) == (
        f"{out.parent}: no such folder for the output {out}; create it, or add --mkdir to create it"
    )
    assert not out.parent.exists()
    check_outputs([out], mkdir=True)
    assert out.parent.is_dir()
