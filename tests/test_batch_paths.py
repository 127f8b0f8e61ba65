"""The batch's fast ISO-date path agrees with its exact path on every line, and a
schedule's plain lines are the one renderer's lines of its terms."""

import tomllib
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nordefco_cli.cli.batch import chair_lines, chair_records
from nordefco_cli.data.files import default_path, load_rotation, shipped_bodies
from nordefco_cli.data.validation import rotation_from_dict
from nordefco_cli.render.output import plain_line_renderer
from nordefco_cli.render.records import CHAIR_FIELDS, TERM_FIELDS, term_record

TODAY = date(2026, 11, 28)

# Six-month terms handed over on 15 March and 15 September, a record that
# starts mid-year, and no order: the year index must cover each case.
HALF_YEARS = """
[body]
name = "Half-year test body"
short_name = "HYT"
[rotation]
handover_month = 3
handover_day = 15
term_months = 6
order = {order}
[[members]]
code = "A"
name = "Alpha"
chairs = true
[[members]]
code = "B"
name = "Beta, with a comma"
chairs = true
[[history]]
start = 2020-09-15
end = 2021-03-14
chair = "A"
source = "https://example.org/a"
[[history]]
start = 2021-03-15
end = 2021-09-14
chair = "B"
source = "https://example.org/b"
note = "a note, with a comma"
"""

ROTATIONS = {
    "nordefco": load_rotation(default_path(), use_cache=False),
    "half-years": rotation_from_dict(tomllib.loads(HALF_YEARS.format(order='["A", "B"]'))),
    "no order": rotation_from_dict(tomllib.loads(HALF_YEARS.format(order="[]"))),
    # A resumed rota (NCM), members who left and July terms (CBSS), half-years (EU).
    **{name: load_rotation(shipped_bodies()[name], use_cache=False)
       for name in ("ncm", "cbss", "eu-council")},
}

ODD_LINES = ["2026-02-30", "2026-W09-1", "２０２６-03-01", "2008-12-31", "20260301",
             " 2026-03-01 ", "#2026-03-01", "", "0000-01-01", "9999-12-31", "2021-03-14",
             "2021-03-15", "2020-09-14", "2021-09-15", "1 March 2021", "today", "2026-13-01"]
line_items = st.one_of(
    st.dates(min_value=date(2000, 1, 1)).map(date.isoformat),
    st.sampled_from(ODD_LINES),
    st.text(max_size=12),
)


@pytest.mark.parametrize("name", sorted(ROTATIONS))
@pytest.mark.parametrize("fmt", ["tsv", "csv"])
@given(items=st.lists(line_items, max_size=25))
def test_fast_and_exact_paths_agree(name, fmt, items):
    rotation = ROTATIONS[name]
    render = plain_line_renderer(fmt, CHAIR_FIELDS)
    lines = [item + "\n" for item in items]
    fast_bad, exact_bad = [], []
    fast = list(chair_lines(lines, rotation, TODAY, fast_bad.append, render))
    exact = [render(record) for record in chair_records(lines, rotation, TODAY, exact_bad.append)]
    assert fast == exact
    assert [str(error) for error in fast_bad] == [str(error) for error in exact_bad]


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_schedule_to_the_end_of_dates_is_the_renderers_lines(run, fmt):
    """Every term of a window to 9999-12-31, the last one (which ends there) too."""
    rotation = ROTATIONS["nordefco"]
    render = plain_line_renderer(fmt, TERM_FIELDS)
    first = date(2000, 1, 1)
    out = run("schedule", "--from", "2000", "--to", "9999", "--format", fmt, "--no-header",
              env={"NORDEFCO_TODAY": TODAY.isoformat()}).stdout
    expected = [render(term_record(term, TODAY))
                for term in rotation.terms_between(first, date.max)]
    assert out.splitlines(keepends=True) == expected
    assert expected[-1].split("," if fmt == "csv" else "\t")[2] == "9999-12-31"


@pytest.mark.parametrize("name", sorted(ROTATIONS))
@pytest.mark.parametrize("fmt", ["tsv", "csv"])
@given(first=st.dates(min_value=date(2000, 1, 1), max_value=date(2200, 1, 1)),
       days=st.integers(min_value=0, max_value=3000),
       today=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)))
def test_term_records_are_written_as_the_renderer_writes_them(name, fmt, first, days, today):
    """write_records' path for term records (tails reused) against the one renderer."""
    import io

    from nordefco_cli.render.output import write_records

    rotation = ROTATIONS[name]
    records = [term_record(term, today)
               for term in rotation.terms_between(first, first + timedelta(days=days))]
    out = io.StringIO()
    write_records(records, TERM_FIELDS, fmt, out=out)
    render = plain_line_renderer(fmt, TERM_FIELDS)
    assert out.getvalue() == render(TERM_FIELDS) + "".join(map(render, records))


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
@pytest.mark.parametrize("value", ["a,b", 'say "x"', "tab\there", "back\\slash", "", "plain"])
def test_term_record_tails_that_need_quoting_or_escapes(fmt, value):
    import io

    from nordefco_cli.render.output import write_records
    from nordefco_cli.render.records import TermRecord

    records = [TermRecord(2030 + n, date(2030 + n, 1, 1), date(2030 + n, 12, 31), "X", value,
                          "recorded", value or None, value or None) for n in range(3)]
    out = io.StringIO()
    write_records(records, TERM_FIELDS, fmt, header=False, out=out)
    render = plain_line_renderer(fmt, TERM_FIELDS)
    assert out.getvalue() == "".join(map(render, records))
