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
