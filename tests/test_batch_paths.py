"""The batch's fast path (canonical ISO dates) and its exact path agree on every line."""

import tomllib
from datetime import date
from operator import itemgetter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nordefco_cli.batch import chair_lines, chair_records
from nordefco_cli.datafile import default_path, load_rotation
from nordefco_cli.output import plain_line_renderer
from nordefco_cli.records import CHAIR_FIELDS
from nordefco_cli.validation import rotation_from_dict

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
"""

ROTATIONS = {
    "nordefco": load_rotation(default_path(), use_cache=False),
    "half-years": rotation_from_dict(tomllib.loads(HALF_YEARS.format(order='["A", "B"]'))),
    "no order": rotation_from_dict(tomllib.loads(HALF_YEARS.format(order="[]"))),
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
    values = itemgetter(*CHAIR_FIELDS)
    lines = [item + "\n" for item in items]
    fast_bad, exact_bad = [], []
    fast = list(chair_lines(lines, rotation, TODAY, fast_bad.append, render))
    exact = [render(values(record))
             for record in chair_records(lines, rotation, TODAY, exact_bad.append)]
    assert fast == exact
    assert [str(error) for error in fast_bad] == [str(error) for error in exact_bad]
