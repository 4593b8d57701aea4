"""The storage interface, the same for the local disk and an S3-compatible object store."""

import io

import pytest

from storyhub.media.s3 import S3Storage
from storyhub.media.storage import LocalStorage, get_storage

pytestmark = [pytest.mark.db_independent, pytest.mark.usefixtures("each_store")]
KEY = "ab/0123456789abcdef0123456789abcdef/photo-1200.webp"


def test_the_store_is_the_one_configured(app, each_store):
    expected = {"local": LocalStorage, "s3": S3Storage}[each_store]
    assert type(get_storage()) is expected


def test_bytes_are_saved_read_back_and_counted():
    store = get_storage()
    assert store.save(KEY, b"RIFF1234WEBP") == 12
    assert store.exists(KEY)
    with store.open(KEY) as stream:
        assert stream.read() == b"RIFF1234WEBP"


def test_a_large_stream_is_saved_whole():
    data = bytes(range(256)) * 40_000  # 10 MB: several parts in an object store
    store = get_storage()
    assert store.save(KEY, io.BytesIO(data)) == len(data)
    with store.open(KEY) as stream:
        assert stream.read() == data


def test_saving_again_replaces_the_file():
    store = get_storage()
    store.save(KEY, b"first")
    store.save(KEY, b"second")
    with store.open(KEY) as stream:
        assert stream.read() == b"second"


def test_a_deleted_file_is_gone_and_deleting_twice_is_harmless():
    store = get_storage()
    store.save(KEY, b"x")
    store.delete(KEY)
    assert not store.exists(KEY)
    store.delete(KEY)
    with pytest.raises(FileNotFoundError):
        store.open(KEY)


def test_keys_lists_one_items_folder_only():
    store = get_storage()
    folder = KEY.rsplit("/", 1)[0]
    for name in ("a.webp", "b.jpg"):
        store.save(f"{folder}/{name}", b"x")
    store.save("ab/ffffffffffffffffffffffffffffffff/c.webp", b"x")
    assert store.keys(folder) == [f"{folder}/a.webp", f"{folder}/b.jpg"]
    assert store.keys("cd/0000000000000000000000000000000") == []


@pytest.mark.parametrize(
    "key", ["", "../etc/passwd", "/abs/path", "ab/../../x", "ab//x", "AB/x", "ab/x y", "a" * 201]
)
def test_keys_that_are_not_ours_are_refused(key):
    store = get_storage()
    for operation in (store.exists, store.delete, store.open, store.path_for, store.url_for):
        with pytest.raises(ValueError):
            operation(key)
    with pytest.raises(ValueError):
        store.save(key, b"x")


def test_only_the_local_disk_has_paths_and_only_the_object_store_urls(each_store):
    store = get_storage()
    if each_store == "local":
        assert store.path_for(KEY) is not None and store.url_for(KEY) is None
    else:
        assert store.path_for(KEY) is None and store.url_for(KEY).startswith("http")
