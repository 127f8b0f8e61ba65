"""The rotation cache: derived from the data file's bytes, never stale, never required."""

import os
from datetime import date
from pathlib import Path

import pytest

from nordefco_cli import cache
from nordefco_cli.datafile import DataFileError, default_path, load_rotation


def entry_for(path):
    return cache._entry_path(path)


def test_a_loaded_file_is_cached_and_the_cache_gives_the_same_rotation(shipped_text, write_data):
    path = write_data(shipped_text)
    built = load_rotation(path)
    assert os.path.exists(entry_for(path))
    source = Path(path).read_bytes()
    assert cache.cached_rotation(path, source) == built
    assert load_rotation(path) == built == load_rotation(path, use_cache=False)


def test_shipped_rotation_round_trips():
    rotation = load_rotation(default_path(), use_cache=False)
    assert cache._from_plain(cache._to_plain(rotation)) == rotation


def test_an_edit_of_the_same_size_and_time_is_picked_up(shipped_text, write_data):
    path = write_data(shipped_text)
    assert load_rotation(path).term_on(date(2026, 3, 1)).member.name == "Norway"
    before = os.stat(path)
    edited = shipped_text.replace('name = "Norway"', 'name = "Norvay"')
    assert len(edited) == len(shipped_text)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert load_rotation(path).term_on(date(2026, 3, 1)).member.name == "Norvay"


def test_a_file_broken_after_caching_is_reported(shipped_text, write_data):
    path = write_data(shipped_text)
    load_rotation(path)
    write_data(shipped_text.replace('chair = "DK"', 'chair = "XX"', 1))
    with pytest.raises(DataFileError, match="unknown member 'XX'"):
        load_rotation(path)


@pytest.mark.parametrize("garbage", [b"", b"not marshal data", b"\x00" * 64])
def test_a_corrupt_entry_is_rebuilt(shipped_text, write_data, garbage):
    path = write_data(shipped_text)
    built = load_rotation(path)
    with open(entry_for(path), "wb") as handle:
        handle.write(garbage)
    assert load_rotation(path) == built
    assert cache.cached_rotation(path, Path(path).read_bytes()) == built  # rewritten


def test_an_entry_from_other_code_is_not_used(shipped_text, write_data, monkeypatch):
    path = write_data(shipped_text)
    load_rotation(path)
    monkeypatch.setattr(cache, "_code_stamp", lambda: (("engine.py", 0, 0),))
    assert cache.cached_rotation(path, Path(path).read_bytes()) is None


def test_no_usable_cache_directory_still_works(shipped_text, write_data, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = write_data(shipped_text)
    assert load_rotation(path).body.short_name == "NORDEFCO"
    assert load_rotation(path).body.short_name == "NORDEFCO"
