"""The document store on a real file system: what is on disk, and when it is flushed."""

import pytest

from legal_flows.documents import storage
from legal_flows.documents.storage import DocumentStore, sha256


class Counted:
    """Counts the calls to a real flush function and makes them."""

    def __init__(self, real):
        self.real, self.calls = real, []

    def __call__(self, target):
        self.calls.append(target)
        return self.real(target)


@pytest.mark.skipif(storage._SYNCFS is None, reason="syncfs(2) is Linux's")
def test_a_batch_flushes_its_files_with_one_syncfs_when_it_ends(tmp_path, monkeypatch):
    syncfs = Counted(storage._SYNCFS)
    monkeypatch.setattr(storage, "_SYNCFS", syncfs)
    fsync = Counted(storage._fsync)
    monkeypatch.setattr(storage, "_fsync", fsync)
    store = DocumentStore(tmp_path)
    bodies = [f"document {n}".encode() * 100 for n in range(3)]
    with store.batch():
        digests = [store.put(body, "docx") for body in bodies]
        assert syncfs.calls == []  # nothing flushed yet…
        assert fsync.calls == []
    assert len(syncfs.calls) == 1  # …one flush for the three, when the batch ends
    assert fsync.calls == []
    assert [store.get(d, "docx") for d in digests] == bodies
    assert store.partials() == []


def test_without_syncfs_a_batch_flushes_each_file_and_each_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "_SYNCFS", None)
    fsync = Counted(storage._fsync)
    monkeypatch.setattr(storage, "_fsync", fsync)
    store = DocumentStore(tmp_path)
    with store.batch():
        digests = [store.put(f"document {n}".encode(), "docx") for n in range(3)]
    paths = {store.path(d, "docx") for d in digests}
    assert set(fsync.calls) == paths | {p.parent for p in paths}


def test_a_put_outside_a_batch_is_on_disk_with_its_folder_when_it_returns(tmp_path, monkeypatch):
    fsync = Counted(storage._fsync)
    monkeypatch.setattr(storage, "_fsync", fsync)
    store = DocumentStore(tmp_path)
    digest = store.put(b"one document", "pdf")
    assert fsync.calls == [store.path(digest, "pdf").parent]  # the file itself via os.fsync
    assert store.matches(digest, "pdf")


def test_a_batch_that_fails_flushes_nothing_and_leaves_no_partial_file(tmp_path, monkeypatch):
    flushes = []
    monkeypatch.setattr(DocumentStore, "_flush", lambda self, files: flushes.append(files))
    store = DocumentStore(tmp_path)

    def chunk_that_fails() -> None:
        with store.batch():
            store.put(b"first document", "docx")
            raise RuntimeError("render failed")

    with pytest.raises(RuntimeError, match="render failed"):
        chunk_that_fails()
    assert flushes == []
    assert store.partials() == []
    store.put(b"later document", "docx")  # the store is out of batch mode again
    assert flushes == []


def test_a_stored_file_spoiled_on_disk_is_written_again(tmp_path):
    store = DocumentStore(tmp_path)
    body = b"the complaint" * 50
    digest = store.put(body, "docx")
    path = store.path(digest, "docx")
    path.write_bytes(b"\0" * len(body))  # same size, other bytes: a torn write
    assert not store.matches(digest, "docx")
    assert store.put(body, "docx") == digest
    assert sha256(path.read_bytes()) == digest
