"""The rotation cache: derived from the file's bytes, never stale, never required, checked."""

# Annotations stay text, as in engine.py: the cache reads the records' fields from them.
from __future__ import annotations

import marshal
import os
import pwd
import resource
import stat
import subprocess
import sys
import zlib
from datetime import date
from pathlib import Path

import pytest
from conftest import FAKE_HOME, subprocess_env
from hypothesis import given
from hypothesis import strategies as st

from nordefco_cli.core.model import Member, joint_member
from nordefco_cli.core.rotation import NoChair
from nordefco_cli.data import cache
from nordefco_cli.data.files import DataFileError, default_path, load_rotation, shipped_bodies

SMALL = """\
[body]
name = "Test body"
short_name = "TB"

[rotation]
handover_month = 1
handover_day = 1
term_months = 12
order = ["A", "B"]

[[members]]
code = "A"
name = "Alpha"
chairs = true

[[members]]
code = "B"
name = "Beta"
chairs = true

[[history]]
year = 2020
chair = "A"
source = "s"
"""


def entry_for(path):
    return cache._entry_path(path)


def folder():
    return os.path.join(os.environ["XDG_CACHE_HOME"], "nordefco")


def entry_bytes(source: bytes, plain) -> bytes:
    """An entry as store_rotation writes it: right magic, checksum, stamp and source."""
    body = marshal.dumps((cache._code_stamp(), source, plain))
    return cache._MAGIC + zlib.crc32(body).to_bytes(4, "little") + body


def forge(path: str, plain) -> None:
    """Replace the entry of `path` by one holding `plain`, valid in every other respect."""
    with open(entry_for(path), "wb") as handle:
        handle.write(entry_bytes(Path(path).read_bytes(), plain))


def chair_2026(path):
    return load_rotation(path).term_on(date(2026, 3, 1)).holder.name


# What an entry must be for the cache to be worth having at all.


def test_a_loaded_file_is_cached_and_the_cache_gives_the_same_rotation(shipped_text, write_data):
    path = write_data(shipped_text)
    built = load_rotation(path)
    assert os.path.exists(entry_for(path))
    source = Path(path).read_bytes()
    assert cache.cached_rotation(path, source) == built
    assert load_rotation(path) == built == load_rotation(path, use_cache=False)


def test_a_member_without_a_native_name_round_trips(write_data):
    path = write_data(SMALL.replace('name = "Alpha"', 'name = "Alpha"\nnative_name = "Alfa"'))
    built = load_rotation(path)
    assert [m.native_name for m in built.members] == ["Alfa", None]
    cached = cache.cached_rotation(path, Path(path).read_bytes())
    assert cached is not None and [m.native_name for m in cached.members] == ["Alfa", None]


@pytest.mark.parametrize("body", sorted(shipped_bodies()))
def test_every_shipped_body_is_stored_and_used(body):
    # Also guards the structural check: if it ever refused a valid rotation
    # (say, after the loader's rules change), the cache would silently never hit.
    path = shipped_bodies()[body]
    built = load_rotation(path, use_cache=False)
    assert cache._from_plain(cache._to_plain(built)) == built
    cache.store_rotation(path, Path(path).read_bytes(), built)
    assert cache.cached_rotation(path, Path(path).read_bytes()) == built


def test_an_edit_of_the_same_size_and_time_is_picked_up(shipped_text, write_data):
    path = write_data(shipped_text)
    assert chair_2026(path) == "Norway"
    before = os.stat(path)
    edited = shipped_text.replace('name = "Norway"', 'name = "Norvay"')
    assert len(edited) == len(shipped_text)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert chair_2026(path) == "Norvay"


def test_a_file_broken_after_caching_is_reported(shipped_text, write_data):
    path = write_data(shipped_text)
    load_rotation(path)
    write_data(shipped_text.replace('chair = "DK"', 'chair = "XX"', 1))
    with pytest.raises(DataFileError, match="unknown member 'XX'"):
        load_rotation(path)


def test_an_entry_from_other_code_is_not_used(shipped_text, write_data, monkeypatch):
    path = write_data(shipped_text)
    load_rotation(path)
    monkeypatch.setattr(cache, "_code_stamp", lambda: (("engine.py", 0, 0),))
    assert cache.cached_rotation(path, Path(path).read_bytes()) is None


def test_without_a_code_stamp_nothing_is_cached(shipped_text, write_data, monkeypatch):
    # A builder module that cannot be seen must not give a stamp that never changes.
    monkeypatch.setattr(cache, "_BUILDERS", ("engine.py", "no-such-module.py"))
    path = write_data(shipped_text)
    assert load_rotation(path).body.short_name == "NORDEFCO"
    assert not os.path.exists(folder())


def test_the_stamp_covers_every_module_that_loading_a_file_runs():
    script = ("import sys; from nordefco_cli.data.files import load_rotation, default_path; "
              "load_rotation(default_path(), use_cache=False); "
              "print(*(m.__file__ for n, m in sys.modules.items() "
              "if n.startswith('nordefco_cli')))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=subprocess_env(), check=True)
    package = os.path.dirname(os.path.dirname(cache.__file__))
    loaded = {os.path.relpath(name, package) for name in result.stdout.split()}
    # The __init__ modules hold the version and docstrings; xdg only finds the folder.
    loaded = {name for name in loaded if os.path.basename(name) != "__init__.py"}
    assert loaded - {"data/xdg.py"} <= set(cache._BUILDERS)
    assert set(cache._BUILDERS) <= loaded


def test_no_usable_cache_directory_still_works(shipped_text, write_data, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = write_data(shipped_text)
    assert load_rotation(path).body.short_name == "NORDEFCO"
    assert load_rotation(path).body.short_name == "NORDEFCO"


# Where the cache lives, and what it may create (issue 8).


def test_a_relative_xdg_cache_home_is_ignored(shipped_text, write_data, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", "relcache")
    monkeypatch.chdir(tmp_path)
    path = write_data(shipped_text)
    load_rotation(path)
    assert not (tmp_path / "relcache").exists()
    assert os.path.dirname(entry_for(path)) == str(home / ".cache" / "nordefco")
    assert os.path.exists(entry_for(path))


@pytest.mark.parametrize("variable", ["HOME", "XDG_CACHE_HOME"])
def test_a_missing_home_or_cache_base_is_never_created(run, shipped_text, write_data, tmp_path,
                                                       monkeypatch, variable):
    missing = tmp_path / "nonexistent"
    monkeypatch.setenv("HOME", str(missing if variable == "HOME" else tmp_path / "home"))
    if variable == "HOME":
        monkeypatch.delenv("XDG_CACHE_HOME")
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", str(missing / "cache"))
    result = run("chair", "--date", "2026-03-01", "--format", "tsv", "--no-header",
                 "--data", write_data(shipped_text))
    assert result.exit_code == 0 and "Norway" in result.stdout
    assert not missing.exists() and not (tmp_path / "home").exists()


def test_a_missing_cache_base_in_an_existing_home_is_created_private(shipped_text, write_data,
                                                                     tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME")
    path = write_data(shipped_text)
    load_rotation(path)
    modes = [stat.S_IMODE(os.stat(p).st_mode) for p in
             (home / ".cache", home / ".cache" / "nordefco", entry_for(path))]
    assert modes[0] & 0o077 == 0 and modes[1] & 0o077 == 0 and modes[2] & 0o077 == 0
    assert os.listdir(home) == [".cache"]


def test_a_write_that_fails_leaves_no_temporary_file(shipped_text, write_data):
    path = write_data(shipped_text)
    cache._folder(create=True)
    os.mkdir(entry_for(path))  # the entry's path is a directory: every rename fails
    for _ in range(3):
        assert chair_2026(path) == "Norway"
    assert os.listdir(folder()) == [os.path.basename(entry_for(path))]


def test_a_full_disk_leaves_no_temporary_file(shipped_text, write_data):
    path = write_data(shipped_text)

    def tiny_files():  # any write past 100 bytes fails with EFBIG, like a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))

    result = subprocess.run(
        [sys.executable, "-m", "nordefco_cli", "chair", "--date", "2026-03-01",
         "--format", "tsv", "--no-header", "--data", path],
        capture_output=True, text=True, preexec_fn=tiny_files,
        env=subprocess_env(PYTHONDONTWRITEBYTECODE="1"), timeout=120)
    assert result.returncode == 0 and "Norway" in result.stdout, result.stderr
    assert os.listdir(folder()) == []


def test_an_interrupted_write_leaves_no_temporary_file(shipped_text, write_data, monkeypatch):
    path = write_data(shipped_text)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cache.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load_rotation(path)
    assert os.listdir(folder()) == []


def test_the_suite_runs_with_a_home_of_its_own(run, shipped_text, write_data):
    # conftest points HOME at an empty folder before collection, and every
    # test fails if anything appears in it; this shows the CLI, in-process and
    # as a subprocess, writes its cache where XDG_CACHE_HOME says, not there.
    real_home = pwd.getpwuid(os.getuid()).pw_dir
    assert os.path.expanduser("~") == FAKE_HOME != real_home
    assert not os.environ["XDG_CACHE_HOME"].startswith(real_home + os.sep)
    path = write_data(shipped_text)
    assert run("chair", "--date", "2026-03-01", "--data", path).exit_code == 0
    subprocess.run([sys.executable, "-m", "nordefco_cli", "chair", "--date", "2026-03-01",
                    "--data", default_path()], env=subprocess_env(), check=True,
                   capture_output=True)
    assert len(os.listdir(folder())) == 2
    assert os.listdir(FAKE_HOME) == []


# What is read, and how (issue 13).


@pytest.mark.parametrize("through_a_link", [False, True])
def test_a_fifo_at_the_entry_path_does_not_block(shipped_text, write_data, tmp_path,
                                                 through_a_link):
    path = write_data(shipped_text)
    cache._folder(create=True)
    if through_a_link:
        os.mkfifo(tmp_path / "fifo")
        os.symlink(tmp_path / "fifo", entry_for(path))
    else:
        os.mkfifo(entry_for(path))
    # A subprocess, so that a regression fails the test instead of hanging the suite.
    result = subprocess.run(
        [sys.executable, "-m", "nordefco_cli", "chair", "--date", "2026-03-01",
         "--format", "tsv", "--no-header", "--data", path],
        capture_output=True, text=True, env=subprocess_env(), timeout=120)
    assert result.returncode == 0 and "Norway" in result.stdout, result.stderr
    assert os.path.isfile(entry_for(path)) and not os.path.islink(entry_for(path))


@pytest.mark.parametrize("entry", [
    b"(\xff\xff\xff\x7f",  # marshal: a tuple of 2**31 - 1 items
    cache._MAGIC + b"\0\0\0\0" + b"(\xff\xff\xff\x7f",  # the same behind a wrong checksum
])
def test_a_tiny_entry_claiming_a_huge_value_is_refused_before_decoding(
        shipped_text, write_data, monkeypatch, entry):
    path = write_data(shipped_text)
    built = load_rotation(path)
    with open(entry_for(path), "wb") as handle:
        handle.write(entry)
    decoded = []
    monkeypatch.setattr(cache.marshal, "loads", lambda data: decoded.append(data))
    assert cache.cached_rotation(path, Path(path).read_bytes()) is None
    assert decoded == []
    monkeypatch.undo()
    assert load_rotation(path) == built


def test_an_entry_larger_than_its_file_warrants_is_not_read(shipped_text, write_data):
    path = write_data(shipped_text)
    source = Path(path).read_bytes()
    load_rotation(path)
    with open(entry_for(path), "r+b") as handle:
        handle.truncate(cache._size_limit(source) + 1)  # sparse: costs no disk
    assert cache.cached_rotation(path, source) is None


@pytest.mark.parametrize("garbage", [b"", b"not marshal data", b"\x00" * 64])
def test_a_corrupt_entry_is_rebuilt(shipped_text, write_data, garbage):
    path = write_data(shipped_text)
    built = load_rotation(path)
    with open(entry_for(path), "wb") as handle:
        handle.write(garbage)
    assert load_rotation(path) == built
    assert cache.cached_rotation(path, Path(path).read_bytes()) == built  # rewritten


def test_every_single_bit_flip_and_every_truncation_is_detected(write_data, monkeypatch):
    path = write_data(SMALL)
    source = Path(path).read_bytes()
    built = load_rotation(path)
    good = Path(entry_for(path)).read_bytes()
    assert cache.cached_rotation(path, source) == built
    descriptor = os.open(entry_for(path), os.O_WRONLY)
    try:
        for position in range(len(good)):
            for bit in range(8):
                # In place, same size: rewriting the file each time is far slower.
                os.pwrite(descriptor, bytes([good[position] ^ 1 << bit]), position)
                assert cache.cached_rotation(path, source) is None, (position, bit)
            os.pwrite(descriptor, good[position:position + 1], position)
    finally:
        os.close(descriptor)
    assert cache.cached_rotation(path, source) == built
    for length in range(len(good)):
        monkeypatch.setattr(cache, "_read_entry", lambda *args, length=length: good[:length])
        assert cache.cached_rotation(path, source) is None, length
    monkeypatch.undo()
    Path(entry_for(path)).write_bytes(good[:-1])
    assert load_rotation(path) == built


def replaced(record: tuple, fields: tuple, name: str, value) -> tuple:
    """A plain record with one field, found by name, replaced."""
    index = fields.index(name)
    return record[:index] + (value,) + record[index + 1:]


# The plain form's layout (data/cache.py): a rotation, its rule, a term.
PLAIN_FIELDS = ("body", "members", "order", "rule", "history", "resume_index", "note")
RULE_FIELDS = ("handover_month", "handover_day", "term_months")
TERM_FIELDS = ("start", "end", "holder", "projected", "source", "note")
MEMBER_FIELDS = tuple(name for name in Member._fields if name != "parts")


def with_field(plain, name, value):
    if name in RULE_FIELDS:
        rule = replaced(plain[PLAIN_FIELDS.index("rule")], RULE_FIELDS, name, value)
        return replaced(plain, PLAIN_FIELDS, "rule", rule)
    return replaced(plain, PLAIN_FIELDS, name, value)


def members_of(plain):
    return plain[PLAIN_FIELDS.index("members")]


def with_member(plain, name, value):
    """`plain` with one field of its first member replaced."""
    first = replaced(members_of(plain)[0], MEMBER_FIELDS, name, value)
    return with_field(plain, "members", (first,) + members_of(plain)[1:])


def with_term(plain, number, name, value):
    history = history_of(plain)
    term = replaced(history[number], TERM_FIELDS, name, value)
    return with_field(plain, "history", history[:number] + (term,) + history[number + 1:])


def history_of(plain):
    return plain[PLAIN_FIELDS.index("history")]


def day_of(plain, number, name):
    """The ordinal of a recorded term's start or end."""
    return history_of(plain)[number][TERM_FIELDS.index(name)]


CRAFTED = {
    "not a rotation": lambda p: p + ((),),
    "a list for a tuple": lambda p: (list(p[0]), *p[1:]),
    "no members": lambda p: with_field(p, "members", ()),
    "a member without a field": lambda p: with_field(
        p, "members", (members_of(p)[0][:-1],) + members_of(p)[1:]),
    "a member with a number for a name": lambda p: with_member(p, "name", 7),
    "bytes for a name": lambda p: with_member(p, "name", b"x"),
    "an int for a bool": lambda p: with_member(p, "chairs", 1),
    "a projected term in the record": lambda p: with_term(p, 0, "projected", True),
    "zero-month terms": lambda p: with_field(p, "term_months", 0),
    "negative terms": lambda p: with_field(p, "term_months", -12),
    "a bool for a number": lambda p: with_field(p, "term_months", True),
    "a float for a number": lambda p: with_field(p, "term_months", 12.0),
    "month 13": lambda p: with_field(p, "handover_month", 13),
    "day 0": lambda p: with_field(p, "handover_day", 0),
    "day 32": lambda p: with_field(p, "handover_day", 32),
    "resume past the order": lambda p: with_field(p, "resume_index", 4),
    "resume before it": lambda p: with_field(p, "resume_index", -1),
    "an order naming no member": lambda p: with_field(p, "order", (99,)),
    "a negative member index": lambda p: with_field(p, "order", (-1,)),
    "no history": lambda p: with_field(p, "history", ()),
    "a term ending before it starts": lambda p: with_term(
        p, 0, "end", day_of(p, 0, "start") - 1),
    "a gap": lambda p: with_term(p, 1, "start", day_of(p, 1, "start") + 1),
    "an overlap": lambda p: with_term(p, 1, "start", day_of(p, 1, "start") - 1),
    "ordinal 0": lambda p: with_term(p, 0, "start", 0),
    "past the last date": lambda p: with_term(
        p, len(history_of(p)) - 1, "end", date.max.toordinal() + 1),
    "the last date mid-record": lambda p: with_term(p, 0, "end", date.max.toordinal()),
    "a record not ending before a handover": lambda p: with_term(
        p, len(history_of(p)) - 1, "end", day_of(p, -1, "end") - 1),
    "a chair past the members": lambda p: with_term(p, 0, "holder", 5),
    "a joint term of one": lambda p: with_term(p, 0, "holder", (0,)),
    "a term without a field": lambda p: with_field(
        p, "history", (history_of(p)[0][:-1],) + history_of(p)[1:]),
    "a term with an extra field": lambda p: with_field(
        p, "history", (history_of(p)[0] + (None,),) + history_of(p)[1:]),
}


@pytest.mark.parametrize("craft", CRAFTED.values(), ids=CRAFTED.keys())
def test_a_crafted_entry_with_valid_checksum_and_stamps_falls_back(shipped_text, write_data, craft):
    path = write_data(shipped_text)
    built = load_rotation(path)
    forge(path, craft(cache._to_plain(built)))
    assert cache.cached_rotation(path, Path(path).read_bytes()) is None
    assert load_rotation(path) == built


def test_a_forged_entry_for_the_same_bytes_is_used_when_it_keeps_every_rule(shipped_text,
                                                                            write_data):
    # The check proves the entry usable, not true: the trust comes from the
    # owner and mode checks, the same as for the user's own files.
    path = write_data(shipped_text)
    plain = cache._to_plain(load_rotation(path))
    code = MEMBER_FIELDS.index("code")
    forge(path, with_field(plain, "members", tuple(
        replaced(m, MEMBER_FIELDS, "name", "Morway") if m[code] == "NO" else m
        for m in members_of(plain))))
    assert chair_2026(path) == "Morway"


LEAVES = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 4_000_000) | st.text(max_size=3)
    | st.binary(max_size=3) | st.floats(allow_nan=False),
    lambda children: st.tuples(children) | st.tuples(children, children) | st.lists(children),
    max_leaves=6,
)


def leaf_paths(value, path=()):
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from leaf_paths(item, path + (index,))
    yield path


def put(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    return value[:head] + (put(value[head], rest, new),) + value[head + 1:]


@given(st.data())
def test_no_changed_value_in_an_entry_can_raise_or_give_a_backward_term(rotation, data):
    plain = cache._to_plain(rotation)
    where = data.draw(st.sampled_from(list(leaf_paths(plain))))
    crafted = put(plain, where, data.draw(LEAVES))
    try:
        loaded = cache._from_plain(crafted)
    except cache._Refused:
        return
    for term in loaded.history:
        assert term.start <= term.end
    for day in (date.min, loaded.first_day, loaded.last_recorded_day, date(2026, 3, 1), date.max):
        try:
            term = loaded.term_on(day)
        except NoChair:
            continue
        assert term.start <= day <= term.end
        assert term.start <= term.end


# Whose entries are trusted, and what is never followed.


def test_an_entry_writable_by_others_is_not_trusted(shipped_text, write_data):
    path = write_data(shipped_text)
    load_rotation(path)
    os.chmod(entry_for(path), 0o620)
    assert cache.cached_rotation(path, Path(path).read_bytes()) is None


def test_a_folder_writable_by_others_is_neither_read_nor_written(shipped_text, write_data):
    path = write_data(shipped_text)
    load_rotation(path)
    name = os.path.basename(entry_for(path))
    os.chmod(folder(), 0o777)
    os.unlink(os.path.join(folder(), name))
    assert chair_2026(path) == "Norway"
    assert os.listdir(folder()) == []
    assert entry_for(path) is None


def test_entries_of_another_user_are_not_trusted(shipped_text, write_data, monkeypatch):
    path = write_data(shipped_text)
    load_rotation(path)
    monkeypatch.setattr(cache.os, "geteuid", lambda: os.stat(folder()).st_uid + 1)
    assert cache.cached_rotation(path, Path(path).read_bytes()) is None


def test_a_linked_cache_folder_is_not_used(shipped_text, write_data, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    base = tmp_path / "base"
    base.mkdir()
    (base / "nordefco").symlink_to(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(base))
    path = write_data(shipped_text)
    assert chair_2026(path) == "Norway"
    assert list(elsewhere.iterdir()) == []


def test_a_linked_entry_is_not_followed_for_reading_or_writing(shipped_text, write_data,
                                                               tmp_path):
    path = write_data(shipped_text)
    built = load_rotation(path)
    victim = tmp_path / "victim"
    victim.write_bytes(Path(entry_for(path)).read_bytes())  # a valid entry, elsewhere
    os.unlink(entry_for(path))
    os.symlink(victim, entry_for(path))
    assert cache.cached_rotation(path, Path(path).read_bytes()) is None
    victim.write_text("precious")
    assert load_rotation(path) == built
    assert victim.read_text() == "precious"
    assert not os.path.islink(entry_for(path))


def test_a_link_planted_at_a_temporary_name_is_not_followed(shipped_text, write_data,
                                                            tmp_path, monkeypatch):
    path = write_data(shipped_text)
    cache._folder(create=True)
    victim = tmp_path / "victim"
    victim.write_text("precious")
    name = os.path.basename(entry_for(path))
    # The old predictable name, and the first name mkstemp will try.
    os.symlink(victim, entry_for(path) + f".{os.getpid()}.tmp")
    os.symlink(victim, os.path.join(folder(), f".{name}.planted.tmp"))
    import tempfile

    candidates = iter(["planted", "fresh"])
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: candidates)
    assert chair_2026(path) == "Norway"
    assert victim.read_text() == "precious"
    assert os.path.isfile(entry_for(path)) and not os.path.islink(entry_for(path))
    assert stat.S_IMODE(os.stat(entry_for(path)).st_mode) == 0o600




def test_every_field_and_jointly_held_terms_round_trip(rotation):
    """Aliases, departures, notes, a checked day and joint holders all come back as built."""
    members = tuple(m._replace(aliases=(m.name.upper(), "x" + m.code),
                               left=None if m.chairs else date(2030, 1, 1))
                    for m in rotation.members)
    by_code = {m.code: m for m in members}
    history = tuple(t._replace(holder=joint_member((by_code[t.holder.code], by_code["IS"])),
                               note="a note" if t.year % 2 else None)
                    for t in rotation.history)
    wider = rotation._replace(
        body=rotation.body._replace(checked=date(2026, 11, 30)), members=members,
        order=tuple(by_code[m.code] for m in rotation.order), history=history, note="why")
    assert cache._from_plain(cache._to_plain(wider)) == wider
