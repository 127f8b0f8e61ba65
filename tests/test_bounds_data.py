"""Issue 18, the data layer: bounded against any user file, and names that read alike.

Slow cases are tested as bounds on work (the parser never called, calls
counted, operations counted), never by timing.
"""

from __future__ import annotations

import tomllib

import pytest
from test_cache import SMALL
from test_loader_edges import STRING_FIELDS, _set, problems_of, shipped_dict
from test_several import complete, my_council

from nordefco_cli.data import files
from nordefco_cli.data.files import MAX_LINE_CHARS, MAX_LINE_DOTS, DataFileError, load_rotation
from nordefco_cli.data.validation import rotation_from_dict


@pytest.fixture
def no_parser(monkeypatch):
    """Fail the test if tomllib parses anything."""

    def refuse(*args, **kwargs):
        raise AssertionError("tomllib was called")

    monkeypatch.setattr(tomllib, "loads", refuse)


@pytest.fixture
def parses(monkeypatch):
    """A list that gets one entry per call of the TOML parser."""
    calls = []
    real = tomllib.loads

    def counted(text, **kwargs):
        calls.append(len(text))
        return real(text, **kwargs)

    monkeypatch.setattr(tomllib, "loads", counted)
    return calls


# 1. The shape of a file is bounded before the parser sees it.


def test_a_key_of_twenty_thousand_dotted_parts_is_refused_before_parsing(write_data,
                                                                         no_parser):
    path = write_data("# a user file\n" + "x" + ".a" * 20_000 + " = 1\n")
    with pytest.raises(DataFileError, match=f"line 2: longer than {MAX_LINE_CHARS} characters"):
        load_rotation(path, use_cache=False)


def test_a_short_line_with_a_long_dotted_key_is_refused_naming_its_line(write_data, no_parser):
    key = ".".join(["a"] * (MAX_LINE_DOTS + 2))
    path = write_data(SMALL + f"\n{key} = 1\n")
    line = SMALL.count("\n") + 2
    with pytest.raises(DataFileError,
                       match=f"line {line}: more than {MAX_LINE_DOTS} dots outside strings"):
        load_rotation(path, use_cache=False)


def test_a_key_of_digits_and_an_inline_table_count_too(write_data, no_parser):
    for text in ("1" + ".1" * 40 + " = 1\n", "x = {" + "a." * 40 + "b = 1}\n",
                 "[" + "t." * 40 + "u]\n"):
        with pytest.raises(DataFileError, match="line 1: more than"):
            load_rotation(write_data(text), use_cache=False)


def test_dots_in_strings_and_comments_do_not_count(write_data):
    dotted = "a." * 100
    text = SMALL.replace('source = "s"',
                         f'source = "https://example.org/{dotted}"  # {dotted}\n'
                         f"note = '{dotted}'")
    rotation = load_rotation(write_data(text), use_cache=False)
    assert rotation.history[0].note == dotted


def test_a_multi_line_string_keeps_the_line_numbers_true(write_data, no_parser):
    text = 'x = """\n' + "a.\n" * 30 + '"""\n' + "y." * 20 + "z = 1\n"
    with pytest.raises(DataFileError, match="line 33: more than"):
        load_rotation(write_data(text), use_cache=False)


def test_blanking_strings_is_linear_in_the_file(write_data):
    # Counted in regular-expression matches: each string is blanked once.
    line = 'note = "' + "a." * 1000 + '"\n'
    calls = []
    import re

    real = re.sub

    def counting_sub(pattern, repl, string, *args, **kwargs):
        def counted(match):
            calls.append(1)
            return repl(match)

        return real(pattern, counted, string, *args, **kwargs)

    for copies in (100, 200):
        calls.clear()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(re, "sub", counting_sub)
            assert files._shape_problem(line * copies) is None
        assert len(calls) == copies


# 1b. A broken file is remembered by its bytes, like a valid one.


def test_a_broken_file_is_parsed_once(write_data, parses):
    path = write_data(SMALL.replace('chair = "A"', 'chair = "X"'))
    for _ in range(3):
        with pytest.raises(DataFileError, match="unknown member 'X'"):
            load_rotation(path)
    assert len(parses) == 1


def test_a_file_of_the_wrong_shape_is_refused_once_then_from_the_cache(write_data, monkeypatch):
    path = write_data("x" + ".a" * 20_000 + " = 1\n")
    shaped = []
    real = files._shape_problem
    monkeypatch.setattr(files, "_shape_problem", lambda text: shaped.append(1) or real(text))
    for _ in range(3):
        with pytest.raises(DataFileError, match="longer than"):
            load_rotation(path)
    assert len(shaped) == 1


def test_every_problem_comes_back_from_the_cache(write_data):
    path = write_data(SMALL.replace('chair = "A"', 'chair = "X"').replace("= 12", "= 0"))
    with pytest.raises(DataFileError) as first:
        load_rotation(path)
    with pytest.raises(DataFileError) as second:
        load_rotation(path)
    assert second.value.problems == first.value.problems
    assert len(first.value.problems) >= 1


def test_a_fixed_file_is_read_afresh(write_data, parses):
    path = write_data(SMALL.replace('chair = "A"', 'chair = "X"'))
    with pytest.raises(DataFileError):
        load_rotation(path)
    write_data(SMALL)
    assert load_rotation(path).history[0].holder.code == "A"
    assert len(parses) == 2


def test_validate_never_uses_the_negative_cache(write_data, parses):
    path = write_data(SMALL.replace('chair = "A"', 'chair = "X"'))
    for _ in range(2):
        with pytest.raises(DataFileError):
            load_rotation(path, use_cache=False)
    assert len(parses) == 2


def test_an_entry_of_problems_is_checked_like_a_rotations(write_data, parses):
    import os

    from nordefco_cli.data import cache

    path = write_data(SMALL.replace('chair = "A"', 'chair = "X"'))
    with pytest.raises(DataFileError):
        load_rotation(path)
    entry = cache._entry_path(path, cache._broken_name(path))
    os.chmod(entry, 0o666)  # writable by others: not trusted
    with pytest.raises(DataFileError, match="unknown member 'X'"):
        load_rotation(path)
    assert len(parses) == 2
    with open(entry, "r+b") as handle:  # a flipped bit: refused by the checksum
        handle.seek(30)
        byte = handle.read(1)
        handle.seek(30)
        handle.write(bytes([byte[0] ^ 1]))
    with pytest.raises(DataFileError, match="unknown member 'X'"):
        load_rotation(path)
    assert len(parses) == 3


def test_a_broken_user_body_is_not_parsed_again_by_every_listing(run, user_body, parses):
    user_body("mine", "x" * 10 + " = \n")
    for _ in range(2):
        result = run("bodies", "--format", "tsv")
        assert result.exit_code == 0
        assert "broken: TOML syntax error" in result.stdout
    first = len(parses)
    run("bodies", "--format", "tsv")
    assert len(parses) == first  # the shipped files come from the cache, the broken one too


# 2. Validation is linear in the members and in the holders of a joint term.


def many_members(count: int, joint: bool = False) -> str:
    codes = [f"M{number}" for number in range(count)]
    # One code a line: no line of a data file is longer than MAX_LINE_CHARS.
    listed = "\n" + "".join(f'  "{code}",\n' for code in codes)
    parts = ['[body]\nname = "Big"\nshort_name = "BIG"\n',
             "[rotation]\nhandover_month = 1\nhandover_day = 1\nterm_months = 12\n",
             f"order = [{listed}]\n", 'resume_with = "M0"\n' if joint else ""]
    parts += [f'[[members]]\ncode = "{code}"\nname = "Member {code}"\nchairs = true\n'
              for code in codes]
    chair = f"[{listed}]" if joint else f'"{codes[-1]}"'
    parts.append(f'[[history]]\nyear = 2020\nchair = {chair}\nsource = "https://e.org/"\n')
    return "".join(parts)


def test_twenty_thousand_members_validate(write_data):
    rotation = load_rotation(write_data(many_members(20_000)), use_cache=False)
    assert len(rotation.order) == 20_000
    assert rotation.term_on(rotation.first_day.replace(year=2021)).holder.code == "M0"


def test_a_joint_term_of_twenty_thousand_holders_validates(write_data):
    rotation = load_rotation(write_data(many_members(20_000, joint=True)), use_cache=False)
    assert len(rotation.history[0].holder.parts) == 20_000


def member_comparisons(monkeypatch, text: str) -> int:
    """How many times validating `text` compares two members (Member.__eq__)."""
    from nordefco_cli.core.model import Member
    from nordefco_cli.data import validation

    count = [0]

    class CountedMember(Member):
        __slots__ = ()

        def __eq__(self, other):
            count[0] += 1
            return tuple.__eq__(self, other)

        __hash__ = Member.__hash__

    with monkeypatch.context() as patch:
        patch.setattr(validation, "Member", CountedMember)
        validation.rotation_from_dict(tomllib.loads(text))
    return count[0]


@pytest.mark.parametrize("joint", [False, True])
def test_validation_compares_members_a_number_of_times_linear_in_them(monkeypatch, joint):
    small = member_comparisons(monkeypatch, many_members(500, joint))
    large = member_comparisons(monkeypatch, many_members(2_000, joint))
    # Quadratic work (a member looked up in a list) would compare 16 times as often.
    assert large <= 4 * small + 50


# 3. No character that is invisible or breaks a line, in any string.

HIDDEN = ["\u2028", "\u2029", "\u200b", "\u00ad", "\ufeff", "\u2060", "\u180e", "\u034f",
          "\u3164", "\u115f", "\ufe0f", "\U000e0041", "\u200c", "\u200d"]


@pytest.mark.parametrize("hidden", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
@pytest.mark.parametrize(("path", "field"), STRING_FIELDS, ids=[f for _, f in STRING_FIELDS])
def test_invisible_characters_and_line_breaks_are_refused_naming_the_field(
        shipped_text, path, field, hidden):
    raw = shipped_dict(shipped_text)
    value = f"S{hidden}E"
    _set(raw, path, [value] if path[-1] == "aliases" else value)
    found = dict(problems_of(raw))
    assert found[field].startswith("must not contain invisible characters or line breaks "
                                   f"(found U+{ord(hidden):04X} at character 2, ")


def test_the_message_names_the_character(shipped_text):
    raw = shipped_dict(shipped_text)
    raw["members"][0]["code"] = "S\u200bE"
    assert ("members[0].code", "must not contain invisible characters or line breaks (found "
            "U+200B at character 2, ZERO WIDTH SPACE)") in problems_of(raw)


def test_a_joiner_inside_a_word_of_a_script_that_needs_it_is_kept(shipped_text):
    raw = shipped_dict(shipped_text)
    raw["members"][0]["native_name"] = "\u0915\u094d\u200d\u0937"  # Devanagari half form
    raw["members"][1]["native_name"] = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert rotation_from_dict(raw).members[1].native_name.count("\u200c") == 1


def test_a_joiner_at_the_edge_or_beside_ascii_is_refused(shipped_text):
    for value in ("\u200d\u0915", "\u0915\u200d", "S\u200cE", "\u0915\u200d E"):
        raw = shipped_dict(shipped_text)
        raw["members"][0]["native_name"] = value
        assert any(field == "members[0].native_name" for field, _ in problems_of(raw))


def test_finding_a_hidden_character_is_linear_in_the_text():
    from nordefco_cli.data.validation import _hidden_character

    # Every distinct character is looked up once, however long the text.
    calls = []
    import nordefco_cli.data.validation as validation

    real = validation._hidden
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "_hidden", lambda char: calls.append(char) or real(char))
        assert _hidden_character("\u00e5\u00e4\u00f6" * 100_000 + "\u200b").endswith(
            "ZERO WIDTH SPACE)")
    assert len(calls) == 4


def test_a_line_separator_in_a_user_file_cannot_split_a_tsv_record(run, write_data,
                                                                   shipped_text):
    path = write_data(shipped_text.replace('name = "Norway"', 'name = "Nor\\u2028way"', 1))
    result = run("chair", "--data", path, "--format", "tsv")
    assert result.exit_code == 1 and result.stdout == ""
    assert "members[3].name: must not contain invisible characters or line breaks" in (
        result.stderr)
    assert len(result.stderr.splitlines()) == 1 and "\u2028" not in result.stderr


# 5. Every problem, and only true ones.


def small_problems(*edits: tuple[str, str]) -> list[tuple[str, str]]:
    text = SMALL
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    return problems_of(tomllib.loads(text))


def test_a_mistyped_chairs_is_one_problem_not_two():
    found = small_problems(('code = "B"\nname = "Beta"\nchairs = true',
                            'code = "B"\nname = "Beta"\nchairs = "yes"'))
    assert found == [("members[1].chairs", "expected a boolean (true or false), got a string "
                                           "'yes'")]


def test_a_missing_chairs_claims_nothing_else():
    found = small_problems(('name = "Alpha"\nchairs = true', 'name = "Alpha"'))
    assert found == [("members[0].chairs", "missing (expected a boolean (true or false))")]


def test_a_bad_term_months_hides_no_other_problem():
    found = small_problems(("term_months = 12", "term_months = 0"),
                           ('chair = "A"', 'chair = "X"'),
                           ('source = "s"', "source = 5"))
    assert found == [("rotation.term_months", "must be 1 to 1200, got 0"),
                     ("history[0].source", "expected a string, got a whole number 5"),
                     ("history[0].chair", "unknown member 'X'")]


def test_a_bad_handover_month_still_checks_terms_with_their_own_days():
    text = SMALL.replace("handover_month = 1", "handover_month = 13").replace(
        "year = 2020", "start = 2020-01-01\nend = 2019-12-31")
    found = problems_of(tomllib.loads(text))
    assert ("history[0].end", "is before start (2020-01-01)") in found


def test_a_code_refused_for_a_space_is_not_also_unknown():
    found = small_problems(('code = "B"', 'code = "B B"'), ('["A", "B"]', '["A", "B B"]'))
    assert found == [("members[1].code", "must not contain spaces: 'B B'")]


def test_a_member_who_chairs_and_is_not_in_the_order_must_have_left_by_the_projection():
    found = small_problems(('["A", "B"]', '["A"]'),
                           ('name = "Beta"\nchairs = true',
                            'name = "Beta"\nchairs = true\nleft = 2099-01-01'))
    assert found == [("rotation.order", "leaves out 'B', who chairs and is a member until "
                      "2099-01-01, after the projection starts on 2021-01-01; put it in the "
                      "order, or record terms up to its departure")]
    # Left by the day the projection starts: it is rightly out of the order.
    assert load_rotation_text(SMALL.replace('["A", "B"]', '["A"]').replace(
        'name = "Beta"\nchairs = true', 'name = "Beta"\nchairs = true\nleft = 2021-01-01')
    ).order[0].code == "A"


def load_rotation_text(text: str):
    return rotation_from_dict(tomllib.loads(text))


def test_a_member_who_never_chairs_may_have_a_departure_announced_ahead():
    text = SMALL.replace('name = "Beta"\nchairs = true',
                         'name = "Beta"\nchairs = false\nleft = 2099-01-01').replace(
        '["A", "B"]', '["A"]')
    assert load_rotation_text(text).members[1].left.year == 2099


def test_a_record_may_not_start_before_the_body_was_established():
    found = small_problems(('short_name = "TB"', 'short_name = "TB"\nestablished = 9999-01-01'))
    assert found == [("history[0]", "starts on 2020-01-01, before the body was established "
                                    "(body.established = 9999-01-01)")]


def test_a_member_may_not_leave_before_the_body_was_established():
    found = small_problems(('short_name = "TB"', 'short_name = "TB"\nestablished = 2019-01-01'),
                           ('name = "Beta"\nchairs = true',
                            'name = "Beta"\nchairs = true\nleft = 2018-01-01'))
    assert found == [("members[1].left",
                      "2018-01-01 is not after the body was established (2019-01-01)")]


def test_the_shipped_records_start_on_or_after_their_establishment():
    for path in files.shipped_bodies().values():
        rotation = load_rotation(path, use_cache=False)
        assert rotation.body.established is None or (
            rotation.body.established <= rotation.first_day)


# 6. A body whose members have all left says that nothing is projected, and why.

ALL_LEFT = SMALL.replace("chairs = true", "chairs = true\nleft = 2021-01-01")


def test_a_body_whose_members_have_all_left_says_no_order_is_decided(run, write_data):
    path = write_data(ALL_LEFT)
    result = run("chair", "--data", path, "--date", "2023-01-01")
    assert result.exit_code == 1
    assert result.stderr == ("Error: TB has no chair on 2023-01-01: no order is decided after "
                             "2020-12-31 (every member in the order has left)\n")
    assert load_rotation(path).order == ()


def test_its_record_need_not_end_where_a_projection_could_follow():
    text = ALL_LEFT.replace("left = 2021-01-01", "left = 2020-07-01").replace(
        "year = 2020", "start = 2020-01-01\nend = 2020-06-30")
    rotation = load_rotation_text(text)
    assert rotation.stops_at(rotation.last_recorded_day.replace(year=2030)) is not None
    assert rotation.note == "every member in the order has left"


def test_its_own_note_wins():
    text = ALL_LEFT.replace("term_months = 12", 'term_months = 12\nnote = "dissolved"')
    assert load_rotation_text(text).note == "dissolved"


# 4. Bodies that cannot be told apart.


def user_bodies_listed(run) -> dict[str, str | None]:
    import json

    return {record["body"]: record["problem"]
            for record in map(json.loads, run("bodies", "--format", "jsonl").stdout.splitlines())
            if record["origin"] == "user"}


@pytest.mark.parametrize("name", [" ncm", "ncm ", "my body", "\uff4e\uff43\uff4d", "nc\u043c",
                                  "*", "a?b", "$x", "-rf", ".hidden", "caf\u00e9",
                                  "cafe\u0301", "x\u3164"])
def test_a_user_body_name_of_other_characters_is_refused(run, user_body, name):
    user_body(name, my_council())
    listed = user_bodies_listed(run)
    assert listed[name].startswith("refused: its name may have only ASCII letters, digits, "
                                   "'-', '_' and '.', and start with a letter or digit")
    # Never offered by completion, never used by --body all.
    assert name not in complete(run, "nordefco chair --body ")
    every = run("chair", "--body", "all", "--date", "2026-03-01", "--format", "tsv")
    assert every.exit_code == 0 and f"\n{name}\t" not in every.stdout
    assert "is not used: its name may have only" in every.stderr


def test_names_of_letters_digits_dashes_underscores_and_dots_are_used(run, user_body):
    user_body("My_Council-2.0", my_council())
    assert user_bodies_listed(run) == {"My_Council-2.0": None}
    assert "My_Council-2.0" in complete(run, "nordefco chair --body ")


def test_the_found_character_is_named_not_printed_when_it_is_not_ascii(run, user_body):
    user_body("cafe\u0301", my_council())
    assert "(found U+0301)" in user_bodies_listed(run)["cafe\u0301"]


def test_a_full_width_body_name_typed_finds_the_body(run):
    result = run("chair", "--body", "\uff4e\uff43\uff4d", "--date", "2026-03-01", "--format",
                 "tsv", "--no-header")
    assert result.exit_code == 0 and "\tDK\tDenmark\t" in result.stdout


def test_a_user_body_with_a_shipped_short_name_is_refused_where_bodies_are_listed(run,
                                                                                user_body):
    path = user_body("fake", my_council("nordefco"))
    reason = ("its short name 'nordefco' is nordefco's (a shipped body); change short_name in "
              "the file")
    assert user_bodies_listed(run) == {"fake": f"refused: {reason}"}
    for args in (["chair", "--body", "all", "--date", "2026-03-01"],
                 ["timeline", "--from", "2026", "--years", "2"],
                 ["country", "dk", "--from", "2026", "--years", "2"],
                 ["chair", "--body", "fake", "--body", "nordefco", "--date", "2026-03-01"]):
        result = run(*args, "--format", "jsonl")
        assert result.exit_code == 0, (args, result.stderr)
        assert "fake" not in [line.split('"')[3] for line in result.stdout.splitlines()], args
        assert f"Note: {path} is not used: {reason}.\n" in result.stderr, args
    # Alone, it is one row and cannot be mistaken: it answers.
    alone = run("chair", "--body", "fake", "--date", "2026-03-01", "--format", "tsv")
    assert alone.exit_code == 0 and alone.stderr == ""


@pytest.mark.parametrize("short_name", ["NCM", "\uff2e\uff23\uff2d", " ncm"])
def test_short_names_are_compared_in_compatibility_form_and_any_case(run, user_body,
                                                                     short_name):
    user_body("mine", my_council(short_name))
    assert user_bodies_listed(run)["mine"].startswith("refused: its short name")


def test_of_two_user_bodies_with_one_short_name_the_first_listed_is_used(run, user_body):
    user_body("alpha", my_council("Same"))
    second = user_body("beta", my_council("SAME"))
    listed = user_bodies_listed(run)
    assert listed["alpha"] is None
    assert listed["beta"] == (f"refused: its short name 'SAME' is alpha's ({second[:-9]}"
                              "alpha.toml); change short_name in the file")


def test_completion_reads_no_body_file(run, user_body, monkeypatch):
    user_body("fake", my_council("NORDEFCO"))
    opened = []
    real = files._read_bytes
    monkeypatch.setattr(files, "_read_bytes", lambda path: opened.append(path) or real(path))
    assert "fake" in complete(run, "nordefco chair --body ")
    assert opened == []


def test_a_file_of_very_many_problems_is_remembered_in_a_small_entry(write_data, parses):
    import os

    from nordefco_cli.data import cache

    path = write_data("".join(f"k{number} = 1\n" for number in range(20_000)))
    for _ in range(2):
        with pytest.raises(DataFileError) as caught:
            load_rotation(path)
    assert len(parses) == 1
    assert len(caught.value.problems) == cache._KEPT_PROBLEMS + 1
    assert caught.value.problems[-1].message.startswith("and ")
    assert os.path.getsize(cache._entry_path(path, cache._broken_name(path))) < 65536
