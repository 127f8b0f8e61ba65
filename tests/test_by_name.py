"""An order by name among the members seated (core.seating): the engine, the loader's
checks, the horizon and `members --date` for a body of seats."""

import tomllib
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nordefco_cli.core.model import Body, Member, Term
from nordefco_cli.core.rotation import BEYOND_HORIZON, NoChair, Rotation
from nordefco_cli.core.rule import Rule
from nordefco_cli.core.seating import MAX_SEAT_CHANGES, follower, seated, segments
from nordefco_cli.data.validation import InvalidData, rotation_from_dict

MINI = """\
[body]
name = "Mini Council"
short_name = "MINI"
established = 2020-01-01

[rotation]
handover_month = 1
handover_day = 1
term_months = 1
order_by = "name"
horizon = 2021-12-31
horizon_note = "the members for 2022 are not recorded"

[[members]]
code = "CN"
name = "China"
chairs = true

[[members]]
code = "FR"
name = "France"
chairs = true

[[members]]
code = "RU"
name = "Russia"
sort_name = "Russian Federation"
chairs = true

[[members]]
code = "DK"
name = "Denmark"
chairs = true
seats = [{ from = 2020-01-01, to = 2021-12-31 }]

[[members]]
code = "KR"
name = "South Korea"
sort_name = "Republic of Korea"
chairs = true
seats = [{ from = 2021-01-01, to = 2022-12-31 }]

[[members]]
code = "AL"
name = "Albania"
chairs = true
seats = [{ from = 2020-01-01, to = 2020-12-31 }]

[[history]]
start = 2020-01-01
chair = "AL"
source = "https://example.org/1"

[[history]]
start = 2020-02-01
chair = "CN"
source = "https://example.org/2"

[[history]]
start = 2020-03-01
chair = "DK"
source = "https://example.org/3"
"""


def mini(text: str = MINI) -> Rotation:
    return rotation_from_dict(tomllib.loads(text))


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidData) as raised:
        mini(text)
    return [str(problem) for problem in raised.value.problems]


def codes(rotation: Rotation, first: date, last: date) -> list[str]:
    return [term.holder.code for term in rotation.terms_between(first, last)]


def test_the_order_runs_by_sort_name_among_the_seated_and_carries_on_across_years():
    rotation = mini()
    # 2020 seats AL CN DK FR RU(ssian Federation); 2021 CN DK FR KR (Republic of Korea) RU.
    assert codes(rotation, date(2020, 1, 1), date(2020, 12, 31)) == [
        "AL", "CN", "DK", "FR", "RU", "AL", "CN", "DK", "FR", "RU", "AL", "CN"]
    # December 2020 was China; 2021 goes on from the name after it, Albania's seat gone
    # and Republic of Korea sorted under R, before Russian Federation.
    assert codes(rotation, date(2021, 1, 1), date(2021, 6, 30)) == [
        "DK", "FR", "KR", "RU", "CN", "DK"]


def test_projected_terms_are_monthly_and_contiguous():
    terms = list(mini().terms_between(date(2020, 2, 15), date(2021, 12, 31)))
    assert terms[0].start == date(2020, 2, 1) and not terms[0].projected
    assert terms[2].start == date(2020, 4, 1) and terms[2].projected
    for before, after in zip(terms, terms[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
        assert after.start.day == 1
    assert terms[-1].end == date(2021, 12, 31)


def test_past_the_horizon_there_is_no_answer_and_it_says_why():
    rotation = mini()
    assert rotation.projected_to == date(2021, 12, 31)
    assert rotation.term_on(date(2021, 12, 31)).holder.code
    with pytest.raises(NoChair) as raised:
        rotation.term_on(date(2022, 1, 1))
    gap = raised.value.gap
    assert gap.kind == BEYOND_HORIZON and gap.unrecorded
    assert gap.horizon == date(2021, 12, 31)
    assert gap.note == "the members for 2022 are not recorded"
    assert rotation.stops_at(date(2023, 1, 1)) == date(2021, 12, 31)
    assert rotation.coverage(date(2021, 1, 1), date(2022, 6, 1)).after
    assert not rotation.coverage(date(2021, 1, 1), date(2021, 12, 31)).outside


def test_a_projected_note_is_said_of_every_projected_term():
    text = MINI.replace('horizon_note =', 'projected_note = "nominal day"\nhorizon_note =')
    terms = list(mini(text).terms_between(date(2020, 3, 1), date(2020, 5, 31)))
    assert [term.note for term in terms] == [None, "nominal day", "nominal day"]


def test_without_a_horizon_the_projection_runs_to_the_end_of_dates_by_arithmetic():
    text = MINI.replace("horizon = 2021-12-31\n", "").replace(
        "to = 2022-12-31", "to = 2030-12-31")
    rotation = mini(text)
    # From 2031 only the three without seats sit: China, France, Russian Federation.
    last = rotation.term_on(date(9999, 12, 31))
    assert last.end == date.max and last.holder.code in ("CN", "FR", "RU")
    # From 2020-04 (the anchor), 2021 (AL out, KR in), 2022 (DK out), 2031 (KR out).
    assert [segment.first_index for segment in rotation.seating] == [0, 9, 21, 129]
    # December 2030 was held by the name before January 2031's, among the three.
    december = rotation.term_on(date(2030, 12, 1)).holder.code
    cycle = ["CN", "FR", "RU"]
    start = (cycle.index(december) + 1) % 3 if december in cycle else 0
    expected = (cycle[start:] + cycle[:start]) * 2
    assert codes(rotation, date(2031, 1, 1), date(2031, 6, 30)) == expected


def naive_holders(rotation: Rotation, count: int) -> list[str]:
    """The first `count` projected holders, walked term by term by the rule itself."""
    rule, day = rotation.rule, rotation.last_recorded_day + timedelta(days=1)
    previous, found = rotation.history[-1].holder, []
    for index in range(count):
        start = rule.start_after(day, index)
        holders = seated(rotation.members, start)
        previous = holders[follower(previous, holders)]
        found.append(previous.code)
    return found


NAMES = ["Angola", "Bahrain", "Chad", "Chile", "Côte d'Ivoire", "Denmark", "Egypt",
         "Estonia", "Gabon", "Japan", "Kenya", "Malta", "Niger", "Peru", "Sweden"]


@st.composite
def seated_bodies(draw):
    """A body whose members have random seats, a short record and a term of 1, 3 or 6 months."""
    term_months = draw(st.sampled_from([1, 3, 6]))
    count = draw(st.integers(2, len(NAMES)))
    members = []
    for number, name in enumerate(NAMES[:count]):
        seats = []
        if number >= 1:  # the first sits throughout: someone is always seated
            year = 2020
            for _ in range(draw(st.integers(0, 3))):
                year += draw(st.integers(0, 3))
                length = draw(st.integers(1, 3))
                seats.append((date(year, 1, 1), date(year + length - 1, 12, 31)))
                year += length
        if number >= 1 and not seats:
            seats = [(date(2020, 1, 1), date.max)]
        members.append(Member(f"M{number}", name, None, True, None, seats=tuple(seats)))
    first = members[0]
    history = (Term(date(2020, 1, 1), Rule(1, 1, term_months).end_of_term(date(2020, 1, 1)),
                    first, False, "https://example.org"),)
    horizon = draw(st.none() | st.dates(date(2020, 1, 1), date(2040, 12, 31)))
    return Rotation(Body("Seats", "SEATS", None), tuple(members), (),
                    Rule(1, 1, term_months), history, by_name=True, horizon=horizon).seated()


@given(seated_bodies())
def test_segments_give_what_the_rule_gives_walked_term_by_term(rotation):
    terms = list(rotation.terms_between(rotation.last_recorded_day + timedelta(days=1),
                                        date(2045, 12, 31)))
    assert [term.holder.code for term in terms] == naive_holders(rotation, len(terms))
    for before, after in zip([rotation.history[-1], *terms], terms, strict=False):
        assert after.holder == rotation.holder_after(before)  # the rule, term by term
        assert after.holder.seated_on(after.start)
    if rotation.horizon is not None and terms:
        assert terms[-1].start <= rotation.horizon <= terms[-1].end


@given(seated_bodies(), st.dates(date(2020, 1, 1), date(2045, 12, 31)))
def test_term_on_agrees_with_terms_between(rotation, day):
    try:
        term = rotation.term_on(day)
    except NoChair as error:
        assert error.gap.kind == BEYOND_HORIZON
        assert day > rotation.projected_to
        return
    assert term.start <= day <= term.end
    assert term in list(rotation.terms_between(day, day))


# The loader's checks.

def test_a_term_out_of_order_needs_a_note():
    text = MINI.replace('chair = "DK"', 'chair = "FR"')
    assert any("history[2].chair: by name, 'DK' (Denmark) follows 'CN'" in problem
               and "record why in a note" in problem for problem in problems(text))
    noted = text.replace('source = "https://example.org/3"',
                         'source = "https://example.org/3"\nnote = "swapped with Denmark"')
    rotation = mini(noted)
    assert rotation.history[-1].holder.code == "FR"
    # The projection continues from the record: France, then Russian Federation.
    assert rotation.term_on(date(2020, 4, 1)).holder.code == "RU"


def test_a_holder_must_be_seated():
    text = MINI.replace('chair = "DK"', 'chair = "KR"')
    assert "history[2].chair: 'KR' is not seated on 2020-03-01 (see its seats)" in problems(text)


def test_seats_of_one_member_must_not_overlap():
    text = MINI.replace("seats = [{ from = 2020-01-01, to = 2020-12-31 }]",
                        "seats = [{ from = 2020-01-01, to = 2020-12-31 }, "
                        "{ from = 2020-06-01, to = 2021-12-31 }]")
    assert any(problem.startswith("members[5].seats[1]: overlaps another seat")
               for problem in problems(text))


@pytest.mark.parametrize(("change", "expected"), [
    (("order_by = \"name\"", "order_by = \"size\""), 'rotation.order_by: must be "name"'),
    (("order_by = \"name\"", "order_by = \"name\"\norder = [\"CN\"]"),
     'rotation.order: give order or order_by = "name", not both'),
    (("order_by = \"name\"\n", ""), "rotation.order: missing"),
    (("to = 2020-12-31 }", "to = 2019-12-31 }"), "members[5].seats[0].to: is before from"),
    (("seats = [{ from = 2020-01-01, to = 2020-12-31 }]", "seats = [2020]"),
     "members[5].seats[0]: expected a table"),
    (("seats = [{ from = 2020-01-01, to = 2020-12-31 }]",
      "seats = [{ from = 2020-01-01, to = 2020-12-31 }]\nleft = 2021-01-01"),
     "members[5].left: give seats or left, not both"),
    (("chair = \"CN\"", "chair = [\"CN\", \"FR\"]"), "cannot follow order_by"),
    (("horizon = 2021-12-31", "horizon = \"soon\""), "rotation.horizon: invalid date"),
    # Found by a new user's trial (issue 20): each passed validate.
    (("horizon = 2021-12-31", "horizon = 2020-01-15"),
     "rotation.horizon: 2020-01-15 is before the record ends (2020-03-31): the record knows "
     "who was seated after it"),
    (("seats = [{ from = 2020-01-01, to = 2020-12-31 }]", "seats = []"),
     "members[5].seats: is empty: give at least one seat, or leave seats out for a member "
     "seated throughout"),
    (('name = "Albania"', 'name = "Albania"\nsort_name = "china"'),
     "members: 'CN' and 'AL' sort the same ('china'): the order by name cannot tell them "
     "apart; give one a sort_name"),
])
def test_bad_by_name_fields_are_named(change, expected):
    assert any(expected in problem for problem in problems(MINI.replace(*change)))


@pytest.mark.parametrize("key", ["horizon", "horizon_note"])
def test_a_horizon_needs_an_order_by_name(key):
    text = MINI.replace('order_by = "name"', 'order = ["CN", "FR", "RU", "DK", "KR", "AL"]')
    text = "\n".join(line for line in text.splitlines() if not line.startswith("seats"))
    assert f'rotation.{key}: is only used with order_by = "name"' in "\n".join(problems(text))


def test_seats_without_an_order_by_name_are_refused():
    text = MINI.replace('order_by = "name"', 'order = ["CN", "FR", "RU", "DK", "KR", "AL"]')
    assert any("'DK' has seats, which only order_by = \"name\" uses" in problem
               for problem in problems(text))


def test_a_handover_with_nobody_seated_is_refused():
    text = MINI.replace('name = "China"\nchairs = true', 'name = "China"\nchairs = false'
                        ).replace('name = "France"\nchairs = true', 'name = "France"\n'
                                  'chairs = false').replace(
        'sort_name = "Russian Federation"\nchairs = true',
        'sort_name = "Russian Federation"\nchairs = false').replace(
        "from = 2021-01-01, to = 2022-12-31", "from = 2020-01-01, to = 2020-12-31").replace(
        "to = 2021-12-31 }", "to = 2020-12-31 }").replace('chair = "CN"', 'chair = "DK"').replace(
        'start = 2020-03-01\nchair = "DK"', 'start = 2020-03-01\nchair = "KR"')
    assert "members: nobody who chairs is seated on 2021-01-01: check the seats" in problems(
        text)


def test_too_many_changes_of_seats_are_refused_before_they_cost():
    members = [Member("A", "A", None, True, None)] + [
        Member(f"S{n}", f"S{n}", None, True, None,
               seats=((date(2021, 1, 1) + timedelta(days=31 * n),) * 2,))
        for n in range(MAX_SEAT_CHANGES)]
    with pytest.raises(ValueError, match="changes of who is seated"):
        segments(tuple(members), Rule(1, 1, 1), date(2021, 1, 1), members[0], None)


# The command line.

def test_chair_past_the_horizon_is_exit_1_with_its_reason(run, write_data):
    path = write_data(MINI)
    result = run("chair", "--data", path, "--date", "2022-02-01")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: MINI: no chair on record for 2022-02-01: who is seated after 2021-12-31 "
        "is not in the record (the members for 2022 are not recorded)")


def test_a_schedule_stops_at_the_horizon_and_says_so(run, write_data):
    path = write_data(MINI)
    result = run("schedule", "--data", path, "--from", "2021-11-01", "--to", "2022-03-31",
                 "--format", "tsv")
    assert result.exit_code == 0
    assert [line.split("\t")[1] for line in result.stdout.splitlines()[1:]] == [
        "2021-11-01", "2021-12-01"]
    assert "who is seated after 2021-12-31 is not in the record" in result.stderr


def test_members_on_a_date_lists_who_is_seated(run, write_data):
    path = write_data(MINI)
    listed = run("members", "--data", path, "--date", "2021-06-01", "--format", "tsv")
    assert listed.exit_code == 0
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()[1:]] == [
        "CN", "FR", "RU", "DK", "KR"]
    on_2020 = run("members", "--data", path, "--date", "2020-01-01", "--format", "tsv")
    assert [line.split("\t")[0] for line in on_2020.stdout.splitlines()[1:]] == [
        "CN", "FR", "RU", "DK", "AL"]
    later = run("members", "--data", path, "--date", "2022-01-01")
    assert later.exit_code == 1
    assert "who is seated on 2022-01-01 is not known" in later.stderr
    earlier = run("members", "--data", path, "--date", "2019-12-31")
    assert earlier.exit_code == 1
    assert "the record starts on 2020-01-01" in earlier.stderr


def test_a_body_of_seats_comes_back_whole_from_the_cache(write_data, tmp_path):
    from nordefco_cli.data.files import load_rotation

    path = write_data(MINI)
    first = load_rotation(path)
    second = load_rotation(path)  # from the cache the first load wrote
    assert first == second
    assert second.seating and second.by_name and second.horizon == date(2021, 12, 31)
    assert second.members[4].sort_name == "Republic of Korea"
    assert second.members[3].seats == ((date(2020, 1, 1), date(2021, 12, 31)),)


# Boundaries found by mutation testing (core.seating).

def test_a_seat_that_starts_or_ends_between_handovers_changes_the_next_handover():
    text = MINI.replace("from = 2021-01-01, to = 2022-12-31", "from = 2020-09-15, to = 2022-12-31"
                        ).replace("to = 2020-12-31 }", "to = 2020-06-01 }")
    # Albania sits on 1 June and holds June, then is out; Korea is in from October, not
    # September (it was not seated on 1 September).
    assert codes(mini(text), date(2020, 4, 1), date(2020, 12, 31)) == [
        "FR", "RU", "AL", "CN", "DK", "FR", "KR", "RU", "CN"]


def test_a_member_that_leaves_between_handovers_is_out_from_the_next():
    text = MINI.replace('name = "France"\nchairs = true',
                        'name = "France"\nchairs = true\nleft = 2020-08-15')
    assert codes(mini(text), date(2020, 7, 1), date(2020, 12, 31)) == [
        "CN", "DK", "RU", "AL", "CN", "DK"]


def test_exactly_the_most_changes_of_seats_are_allowed():
    rule, anchor = Rule(1, 1, 1), date(2021, 1, 1)
    members = [Member("A", "A", None, True, None)] + [
        Member(f"S{n}", f"S{n}", None, True, None,
               seats=((rule.start_after(anchor, n), date.max),))
        for n in range(1, MAX_SEAT_CHANGES)]
    found = segments(tuple(members), rule, anchor, members[0], None)
    assert [segment.first_index for segment in found] == list(range(MAX_SEAT_CHANGES))


def test_a_seat_that_starts_after_the_last_handover_of_the_calendar_is_ignored():
    always = Member("A", "A", None, True, None)
    late = Member("B", "B", None, True, None, seats=((date(9999, 12, 15), date.max),))
    found = segments((always, late), Rule(1, 1, 1), date(2021, 1, 1), always, None)
    assert [(segment.first_index, segment.holders) for segment in found] == [(0, (always,))]
