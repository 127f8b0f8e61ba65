"""Data files people hand it, and the calendar's edges: 0001-01-01, 9999-12-31, 29 February."""

import json
import re
import tomllib
from datetime import date, timedelta
from itertools import islice, pairwise
from pathlib import Path

import pytest
from hypothesis import assume, event, example, given
from hypothesis import strategies as st

from nordefco_cli.core.model import joint_member
from nordefco_cli.core.rotation import NoChair
from nordefco_cli.core.rule import days_in_month
from nordefco_cli.data.cache import cached_rotation, store_rotation
from nordefco_cli.data.files import load_rotation, shipped_bodies
from nordefco_cli.data.validation import InvalidData, rotation_from_dict
from nordefco_cli.render.words import gap_reason

ONE_DAY = timedelta(days=1)


def problems_of(raw: dict) -> list[tuple[str, str]]:
    with pytest.raises(InvalidData) as caught:
        rotation_from_dict(raw)
    return [(p.field, p.message) for p in caught.value.problems]


def rotation_dict(history, month=1, day=1, term_months=12, order=("A", "B", "C"), members=None):
    """A data file as parsed TOML: members A, B and C, who chair in that order."""
    return {
        "body": {"name": "Test body", "short_name": "TB"},
        "rotation": {"handover_month": month, "handover_day": day,
                     "term_months": term_months, "order": list(order)},
        "members": members or [{"code": code, "name": f"Member {code}", "chairs": True}
                               for code in ("A", "B", "C")],
        "history": [dict(entry, chair=entry.get("chair", "ABC"[index % 3]),
                         source=f"https://example.org/{index}")
                    for index, entry in enumerate(history)],
    }


# Control characters: refused in every string, naming the field; never printed raw.

CONTROLS = ["\x1b", "\x07", "\x00", "\t", "\n", "\r", "\x7f", "\x85", "\x9b",
            # Bidi controls: they reorder what is shown (LRM, RLM, ALM, embeddings,
            # overrides, isolates).
            "\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d",
            "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


def shipped_dict(shipped_text):
    return tomllib.loads(shipped_text)


def _set(raw, path, value):
    *parents, last = path
    for key in parents:
        raw = raw[key]
    raw[last] = value


# (where in the parsed file, the field named)
STRING_FIELDS = [
    (("body", "name"), "body.name"),
    (("body", "short_name"), "body.short_name"),
    (("members", 0, "code"), "members[0].code"),
    (("members", 0, "name"), "members[0].name"),
    (("members", 0, "native_name"), "members[0].native_name"),
    (("members", 0, "aliases"), "members[0].aliases[0]"),
    (("rotation", "resume_with"), "rotation.resume_with"),
    (("history", 3, "chair"), "history[3].chair"),
    (("history", 3, "source"), "history[3].source"),
    (("history", 3, "note"), "history[3].note"),
]


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
@pytest.mark.parametrize(("path", "field"), STRING_FIELDS, ids=[f for _, f in STRING_FIELDS])
def test_control_characters_are_refused_naming_the_field(shipped_text, path, field, control):
    raw = shipped_dict(shipped_text)
    value = f"Nor{control}way"
    _set(raw, path, [value] if path[-1] == "aliases" else value)
    found = problems_of(raw)
    expected = (field, f"must not contain control characters (found U+{ord(control):04X} "
                       "at character 4)")
    assert expected in found, found


def test_printable_unicode_is_not_a_control_character(shipped_text):
    raw = shipped_dict(shipped_text)
    raw["members"][0]["name"] = "Dan\u00a0mark \u00c5land \u2014 \U0001f1e9\U0001f1f0"
    # Right-to-left text needs no control character; a joiner is not one either.
    raw["members"][0]["native_name"] = "\u05d3\u05e0\u05de\u05e8\u05e7 \u0915\u094d\u200d\u0937"
    assert rotation_from_dict(raw).members[0].name.startswith("Dan\u00a0mark")


def test_validate_refuses_a_bidi_override_without_printing_it(shipped_text, write_data, run):
    path = write_data(shipped_text.replace('name = "Norway"', 'name = "Nor\\u202eyaw"', 1))
    result = run("validate", path)
    assert result.exit_code == 1 and "\u202e" not in result.stderr
    assert (f"{path}: members[3].name: must not contain control characters (found U+202E at "
            "character 4)") in result.stderr.splitlines()


def test_validate_names_the_field_and_prints_nothing_raw(shipped_text, write_data, run):
    text = shipped_text.replace('name = "Norway"', 'name = "\\u001b[31mNorway\\u0007"', 1)
    text = text.replace("[body]\n", '[body]\n"\\u001b]0;x\\u0007" = 1\n', 1)
    path = write_data(text)
    for command in (["validate", path], ["chair", "--data", path]):
        result = run(*command)
        assert result.exit_code == 1 and result.stdout == ""
        assert not any(ch in result.stderr for ch in "\x1b\x07"), result.stderr
    listed = run("validate", path).stderr
    assert "members[3].name: must not contain control characters (found U+001B" in listed
    assert "body.'\\x1b]0;x\\x07': unknown field" in listed


# Aliases: other names a member may be typed as.

def with_aliases(shipped_text, **aliases_by_code):
    raw = shipped_dict(shipped_text)
    for member in raw["members"]:
        if member["code"] in aliases_by_code:
            member["aliases"] = aliases_by_code[member["code"]]
    return raw


def test_an_alias_finds_its_member_in_any_case(shipped_text):
    raw = with_aliases(shipped_text, DK=["Kingdom of Denmark", "Dänemark"])
    rotation = rotation_from_dict(raw)
    denmark = rotation.find_member("DK")
    assert denmark.aliases == ("Kingdom of Denmark", "Dänemark")
    for typed in ("kingdom of denmark", "KINGDOM OF DENMARK", " Dänemark ", "DÄNEMARK"):
        assert rotation.find_member(typed) is denmark
    assert rotation.find_member("Kingdom") is None


def test_an_alias_may_repeat_the_members_own_names(shipped_text):
    rotation = rotation_from_dict(with_aliases(shipped_text, DK=["Denmark", "danmark", "dk"]))
    assert rotation.find_member("danmark").code == "DK"


@pytest.mark.parametrize(("alias", "named", "field"), [
    ("no", "NO", "members[3].code"),              # another member's code
    ("NORWAY", "NO", "members[3].name"),          # its name
    ("sverige", "SE", "members[4].native_name"),  # its native name
    ("Sverigé", "SE", "members[4].native_name"),  # the same without regard to accents
])
def test_an_alias_must_not_name_another_member(shipped_text, alias, named, field):
    raw = with_aliases(shipped_text, DK=["Kongeriget", alias])
    assert problems_of(raw) == [
        ("members[0].aliases[1]", f"{alias!r} already names member {named!r} ({field})")]


def test_two_members_may_not_share_an_alias_in_any_case(shipped_text):
    # The first member to give it keeps it; the later one is named.
    raw = with_aliases(shipped_text, DK=["Norden"], SE=["NORDEN"])
    assert problems_of(raw) == [("members[4].aliases[0]",
                                 "'NORDEN' already names member 'DK' (members[0].aliases[0])")]


@pytest.mark.parametrize(("aliases", "field", "words"), [
    ("Danmark", "members[0].aliases", "expected an array, got a string 'Danmark'"),
    ([3], "members[0].aliases[0]", "expected a string, got a whole number 3"),
    (["ok", ""], "members[0].aliases[1]", "must not be empty"),
    (["ok", "   "], "members[0].aliases[1]", "must not be empty"),
])
def test_aliases_are_an_array_of_names(shipped_text, aliases, field, words):
    found = problems_of(with_aliases(shipped_text, DK=aliases))
    assert any(f == field and words in m for f, m in found), found


# Every name a member can be found by names one member only.

def with_member_field(shipped_text, code, key, value):
    raw = shipped_dict(shipped_text)
    for member in raw["members"]:
        if member["code"] == code:
            member[key] = value
    return raw


@pytest.mark.parametrize(("code", "key", "value", "problem"), [
    # Members are DK, FI, IS, NO, SE, in that order. Codes come first, then
    # names, native names and aliases: the later one in that order is named.
    ("NO", "native_name", "Sweden",
     ("members[3].native_name", "'Sweden' already names member 'SE' (members[4].name)")),
    ("NO", "native_name", "SVERIGE",
     ("members[4].native_name", "'Sverige' already names member 'NO' (members[3].native_name)")),
    ("NO", "native_name", "se",
     ("members[3].native_name", "'se' already names member 'SE' (members[4].code)")),
    ("NO", "name", "Dk",
     ("members[3].name", "'Dk' already names member 'DK' (members[0].code)")),
    ("NO", "name", "Danmark",
     ("members[0].native_name", "'Danmark' already names member 'NO' (members[3].name)")),
    # Compared as find_member compares them: without accents, too.
    ("NO", "native_name", "ISLAND",
     ("members[3].native_name", "'ISLAND' already names member 'IS' (members[2].native_name)")),
    ("FI", "native_name", "Norgé",
     ("members[3].native_name", "'Norge' already names member 'FI' (members[1].native_name)")),
])
def test_a_name_must_not_name_two_members(shipped_text, code, key, value, problem):
    assert problems_of(with_member_field(shipped_text, code, key, value)) == [problem]


@pytest.mark.parametrize("value", ["\u0301", "\u00a8", " \u0301\u0300 "])
def test_a_name_of_accents_alone_cannot_be_found_and_is_refused(shipped_text, value):
    assert problems_of(with_member_field(shipped_text, "NO", "native_name", value)) == [
        ("members[3].native_name", f"{value!r} is only accents: nothing is left to find it by")]


def test_a_member_may_repeat_its_own_name_in_any_field(shipped_text):
    raw = with_member_field(shipped_text, "IS", "native_name", "ICELAND")
    assert rotation_from_dict(raw).find_member("iceland").native_name == "ICELAND"


def test_a_native_name_that_names_another_member_is_refused_not_used(shipped_text, write_data,
                                                                      run):
    # The tester's file: validate said valid, and `next sweden` answered Norway.
    path = write_data(shipped_text.replace('native_name = "Norge"', 'native_name = "Sweden"', 1))
    result = run("validate", path)
    assert result.exit_code == 1
    assert (f"{path}: members[3].native_name: 'Sweden' already names member 'SE' "
            "(members[4].name)") in result.stderr.splitlines()
    result = run("next", "sweden", "--data", path)
    assert result.exit_code == 1 and result.stdout == ""
    assert "members[3].native_name: 'Sweden' already names member 'SE'" in result.stderr


# A member's names: (name, native name or None, aliases). Few letters, so clashes are common.
_NAME = st.text(alphabet="aAáÁbcD\u0301\u00a8 .", min_size=1, max_size=4)
_NAMES = st.tuples(_NAME, st.none() | _NAME, st.lists(_NAME, max_size=2))


@given(st.lists(_NAMES, min_size=2, max_size=5))
@example([("\u0301", None, []), ("a", None, [])])  # only an accent: nothing is left to type
@example([("\u00a8", None, []), ("a", None, [])])  # a spacing accent: a space and an accent
def test_find_member_finds_each_member_by_each_name_of_a_valid_file(names):
    """Whatever names a valid file gives, each finds its own member and no other."""
    members = [{"code": f"M{index}", "name": name, "chairs": True, "aliases": aliases}
               for index, (name, _, aliases) in enumerate(names)]
    for member, (_, native_name, _) in zip(members, names, strict=True):
        if native_name is not None:
            member["native_name"] = native_name
    raw = rotation_dict([{"year": 2020, "chair": "M0"}], order=[m["code"] for m in members],
                        members=members)
    try:
        rotation = rotation_from_dict(raw)
    except InvalidData:
        event("refused")
        return
    for member in rotation.members:
        for name in member.names:
            assert rotation.find_member(name) is member


# native_name is optional, and empty when not given.

def test_a_missing_native_name_stays_empty(shipped_text):
    raw = shipped_dict(shipped_text)
    del raw["members"][3]["native_name"]
    rotation = rotation_from_dict(raw)
    norway = rotation.find_member("norway")
    assert norway.native_name is None and norway.names == ("NO", "Norway")
    assert rotation.find_member("Norge") is None


def test_members_without_native_names_show_none(run):
    result = run("members", "--body", "eu-council", "--format", "tsv", "--no-header")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("AT\tAustria\t\t")
    record = json.loads(run("members", "--body", "eu-council", "--format", "json").stdout)[0]
    assert (record["country"], record["native_name"]) == ("Austria", None)
    table = run("members", "--body", "eu-council", "--format", "table", env={"COLUMNS": "120"})
    assert "Austria  Austria" not in table.stdout
    assert re.search(r"^AT\s+Austria\s+true\s", table.stdout, re.MULTILINE), table.stdout


def test_a_jointly_held_term_has_a_native_name_only_if_every_holder_has_one(rotation):
    norway, sweden = rotation.find_member("NO"), rotation.find_member("SE")
    assert joint_member((norway, sweden)).native_name == "Norge, Sverige"
    assert joint_member((norway, sweden._replace(native_name=None))).native_name is None


def test_shipped_aliases(run):
    for typed in ("denmark", "DENMARK", "Danmark", "kingdom of denmark"):
        result = run("next", typed, "--body", "arctic-council", "--date", "2026-01-01",
                     "--format", "tsv", "--no-header")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("2041\t2041-05-12\t2043-05-11\tDK\tKingdom of Denmark\t")
    result = run("next", "czechia", "--body", "eu-council", "--date", "2020-01-01",
                 "--format", "tsv", "--no-header")
    assert result.stdout.startswith("2022\t2022-07-01\t2022-12-31\tCZ\tCzech Republic\t")


def test_aliases_survive_the_cache(tmp_path):
    path = shipped_bodies()["arctic-council"]
    source = Path(path).read_bytes()
    rotation = load_rotation(path, use_cache=False)
    store_rotation(path, source, rotation)
    cached = cached_rotation(path, source)
    assert cached == rotation
    assert cached.find_member("denmark").code == "DK"


class CountedStr(str):
    """A str that counts the comparisons and case foldings made on it."""

    calls = 0

    def _count(method):
        def counted(self, *args):
            CountedStr.calls += 1
            return method(self, *args)
        return counted

    __eq__ = _count(str.__eq__)
    __hash__ = str.__hash__
    upper = _count(str.upper)
    lower = _count(str.lower)
    casefold = _count(str.casefold)
    del _count


def test_member_checks_are_linear_in_the_number_of_members(shipped_text):
    """16,000 extra members: a quadratic code or alias check would make ~10^8 calls."""
    raw = shipped_dict(shipped_text)
    count = 16_000
    raw["members"] += [
        {"code": CountedStr(f"X{index}"), "name": CountedStr(f"Extra {index}"),
         "aliases": [CountedStr(f"Alias {index}")], "chairs": False}
        for index in range(count)
    ]
    CountedStr.calls = 0
    rotation = rotation_from_dict(raw)
    assert len(rotation.members) == 5 + count
    assert CountedStr.calls <= 20 * count, CountedStr.calls
    raw["members"][-1]["code"] = CountedStr("x0")
    assert problems_of(raw) == [(f"members[{5 + count - 1}].code", "duplicate member code 'x0'")]


# A term that ends on 9999-12-31 can have nothing after it.

@pytest.mark.parametrize(("after", "message"), [
    ({"year": 9999}, "two chairs for 9999"),
    ({"start": date(9999, 12, 31)}, "two chairs for 9999"),
    ({"year": 2030}, "overlaps the term before it, which ends on 9999-12-31"),
])
def test_a_term_after_the_last_day_is_a_problem(after, message):
    raw = rotation_dict([{"year": 9998}, {"year": 9999}, after, {"year": 2031}])
    assert problems_of(raw)[0] == ("history[2]", message)


def test_a_term_after_the_last_day_is_one_line_from_every_command(write_data, run):
    path = write_data(
        '[body]\nname = "T"\nshort_name = "T"\n'
        '[rotation]\nhandover_month = 1\nhandover_day = 1\nterm_months = 12\norder = ["A"]\n'
        '[[members]]\ncode = "A"\nname = "A"\nchairs = true\n'
        '[[history]]\nyear = 9999\nchair = "A"\nsource = "s"\n'
        '[[history]]\nyear = 9999\nchair = "A"\nsource = "s"\n'
        '[[history]]\nstart = 9999-12-31\nchair = "A"\nsource = "s"\n')
    for command in (["validate", path], ["chair", "--data", path],
                    ["schedule", "--data", path], ["next", "--data", path],
                    ["members", "--data", path]):
        result = run(*command)
        assert result.exit_code == 1, (command, result.output)
        assert "Traceback" not in result.stderr and "OverflowError" not in result.stderr
        assert "history[1]: two chairs for 9999" in result.stderr


# A 29 February handover: a term ends the day before the next handover day.

def leap_rotation(*years, term_months=12):
    return rotation_from_dict(rotation_dict([{"year": y} for y in years], month=2, day=29,
                                            term_months=term_months))


def spans(terms):
    return [(t.start, t.end) for t in terms]


def test_29_february_one_recorded_year():
    rotation = leap_rotation(2023)
    assert spans(rotation.history) == [(date(2023, 2, 28), date(2024, 2, 28))]
    projected = list(islice(rotation.terms_between(date(2024, 2, 29), date.max), 3))
    assert spans(projected) == [(date(2024, 2, 29), date(2025, 2, 27)),
                                (date(2025, 2, 28), date(2026, 2, 27)),
                                (date(2026, 2, 28), date(2027, 2, 27))]


def test_29_february_two_recorded_years_touch():
    rotation = leap_rotation(2023, 2024)
    assert spans(rotation.history) == [(date(2023, 2, 28), date(2024, 2, 28)),
                                       (date(2024, 2, 29), date(2025, 2, 27))]
    assert rotation.term_on(date(2025, 2, 28)).start == date(2025, 2, 28)


def test_29_february_recorded_years_are_the_projection():
    recorded = leap_rotation(*range(2023, 2031))
    projected = leap_rotation(2023)
    assert spans(recorded.history) == spans(projected.terms_between(date(2023, 3, 1),
                                                                     date(2031, 2, 1)))


def handover_days():
    """(month, day) for days 28-31 in every month that has them."""
    return st.sampled_from([(month, day) for month in range(1, 13) for day in range(28, 32)
                            if day <= days_in_month(2000, month)])


def nth_handover(month, day, first_year, months):
    """The handover `months` after the one in `month` of `first_year`, clamped to its month."""
    year, month0 = divmod(month - 1 + months, 12)
    year += first_year
    return date(year, month0 + 1, min(day, days_in_month(year, month0 + 1)))


@given(handover_days(), st.integers(1, 24), st.integers(1890, 2200), st.integers(1, 6))
def test_recorded_terms_follow_the_rule_of_projected_ones(handover, term_months, first_year,
                                                         count):
    """Terms recorded by `year =` (or by `start =` alone) are those the projection computes."""
    month, day = handover
    entries = []
    for index in range(count):
        if index == 0 or term_months % 12 == 0:
            entries.append({"year": first_year + index * term_months // 12})
        else:
            entries.append({"start": nth_handover(month, day, first_year, index * term_months)})
    recorded = rotation_from_dict(rotation_dict(entries, month, day, term_months))
    only_first = rotation_from_dict(rotation_dict(entries[:1], month, day, term_months))
    starts = [nth_handover(month, day, first_year, index * term_months)
              for index in range(count + 1)]
    expected = [(start, following - ONE_DAY) for start, following in pairwise(starts)]
    assert spans(recorded.history) == expected
    assert spans(islice(only_first.terms_between(starts[0], date.max), count)) == expected
    # Across the end of the record, the schedule and the lookup agree, and terms touch.
    last = starts[-1] + timedelta(days=3 * 31 * term_months)
    terms = list(recorded.terms_between(starts[0], last))
    assert spans(terms[:count]) == expected
    for before, after in pairwise(terms):
        assert before.end + ONE_DAY == after.start
    for term in terms:
        for probe in (term.start, term.end):
            assert recorded.term_on(probe) == term


# Every computation near 0001-01-01 and 9999-12-31.

LOW = (date(1, 1, 1), date(6, 12, 31))
HIGH = (date(9993, 1, 1), date.max)


@st.composite
def edge_data(draw):
    """A data file near one end of the calendar, valid or not."""
    low_end = draw(st.booleans())
    first, last = LOW if low_end else HIGH
    years = st.integers(first.year, last.year)
    days = st.dates(first, last)
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, days_in_month(2000, month)))
    term_months = draw(st.one_of(st.integers(1, 30), st.sampled_from([60, 1200])))
    entry = st.one_of(
        st.builds(lambda y: {"year": y}, years),
        st.builds(lambda d: {"start": d}, days),
        st.builds(lambda a, b: {"start": min(a, b), "end": max(a, b)}, days, days),
    )
    if draw(st.booleans()):
        history = draw(st.lists(entry, min_size=1, max_size=4))
    else:  # a valid record: terms with their own days, then a `year =` one
        year = draw(years)
        handover = date(year, month, min(day, days_in_month(year, month)))
        assume(handover > first)
        starts = sorted(draw(st.sets(st.dates(first, handover - ONE_DAY), max_size=3)))
        history = [{"start": start, "end": following - ONE_DAY}
                   for start, following in pairwise([*starts, handover])]
        history.append({"year": year})
    order = draw(st.sampled_from([(), ("A",), ("A", "B", "C")]))
    raw = rotation_dict(history, month, day, term_months, order=order)
    if order == ("A",):
        for member in raw["members"][1:]:
            member["chairs"] = False
        for entry in raw["history"]:
            entry["chair"] = "A"
    return raw, days


def check_term(rotation, day, term):
    assert term.start <= day <= term.end
    assert list(rotation.terms_between(day, day)) == [term]
    after, before = rotation.term_after(term), rotation.term_before(term)
    if after is not None:
        assert after.start == term.end + ONE_DAY
        assert rotation.term_before(after) == term
    else:
        assert term.end == date.max or (not rotation.order and term == rotation.history[-1])
    if before is not None:
        assert before.end + ONE_DAY == term.start
        assert rotation.term_after(before) == term
    else:
        assert term == rotation.history[0]
    assert next(rotation.terms_starting_after(day), None) == after
    last_own = rotation.last_recorded_term_of(term.holder, day)
    assert last_own is None or last_own.start <= day


@given(edge_data(), st.data())
def test_no_overflow_near_the_ends_of_the_calendar(data, draw):
    """Valid or not, a file near 0001-01-01 or 9999-12-31 never raises but InvalidData/NoChair.

    On a valid one every day from the first has exactly one term, or NoChair
    when no order is decided after the record; schedules are contiguous.
    """
    raw, days = data
    try:
        rotation = rotation_from_dict(raw)
    except InvalidData:
        event("invalid")
        return
    event("valid, order" if rotation.order else "valid, no order")
    for year in (1, 9999, rotation.first_day.year, rotation.last_recorded_day.year):
        assert rotation.rule.handover_in(year).month == rotation.rule.handover_month
        try:
            _day, term = rotation.year_answer(year)
        except NoChair:
            continue
        assert term.start.year <= year <= term.end.year
    probes = [date.min, date.max, rotation.first_day, rotation.last_recorded_day,
              draw.draw(days), draw.draw(st.dates())]
    undecided = not rotation.order and rotation.last_recorded_day < date.max
    reason = gap_reason(rotation.gap(date.max))
    assert ("no order is decided" in reason) == undecided, reason
    for day in probes:
        assert gap_reason(rotation.gap(day))
        try:
            term = rotation.term_on(day)
        except NoChair:
            assert day < rotation.first_day or (
                not rotation.order and day > rotation.last_recorded_day)
            continue
        check_term(rotation, day, term)
    for first, last in ((date.min, date.max), (date.max - timedelta(days=800), date.max),
                        (rotation.first_day, rotation.first_day + min(
                            timedelta(days=800), date.max - rotation.first_day))):
        terms = list(islice(rotation.terms_between(first, last), 50))
        if not terms:  # nothing known in the window: only after an undecided order
            assert not rotation.order and first > rotation.last_recorded_day
            continue
        assert terms[0].start <= max(first, rotation.first_day)
        for before, after in pairwise(terms):
            assert before.end + ONE_DAY == after.start
        if rotation.order and last == date.max and len(terms) < 50:
            assert terms[-1].end == date.max
    assert list(rotation.terms_starting_after(date.max)) == []


def test_a_record_from_0001_to_9999(run, write_data):
    path = write_data(
        '[body]\nname = "T"\nshort_name = "T"\n'
        '[rotation]\nhandover_month = 1\nhandover_day = 1\nterm_months = 12\norder = ["A", "B"]\n'
        '[[members]]\ncode = "A"\nname = "A"\nchairs = true\n'
        '[[members]]\ncode = "B"\nname = "B"\nchairs = true\n'
        '[[history]]\nstart = 0001-01-01\nend = 9999-12-30\nchair = "A"\nsource = "s"\n'
        '[[history]]\nstart = 9999-12-31\nchair = "B"\nsource = "s"\n')
    for command, exit_code, lines in (
            (["chair", "--date", "0001-01-01"], 0, 1),
            (["chair", "--date", "9999-12-31"], 0, 1),
            (["next", "--date", "0001-01-01", "--count", "5"], 0, 1),
            (["next", "B", "--date", "0001-01-01"], 0, 1),
            (["next", "--date", "9999-12-31"], 1, 0),
            (["schedule", "--from", "0001-01-01", "--to", "9999-12-31"], 0, 2),
            (["members", "--date", "9999-12-31"], 0, 2)):
        result = run(*command, "--format", "tsv", "--no-header", "--data", path)
        assert result.exit_code == exit_code, (command, result.output)
        assert "Traceback" not in result.stderr
        assert len(result.stdout.splitlines()) == lines, (command, result.stdout)
    assert run("validate", path).exit_code == 0
