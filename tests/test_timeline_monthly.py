"""The timeline of a body of one-month terms (a UN Security Council-like presidency).

A data file of known shape beside the shipped UNSC: the shipped NORDEFCO
file with `term_months = 1` and monthly terms from 2017 to 2026, chaired
NO, SE, DK, FI in turn (projected in that order after 2026). As a user body
beside the shipped ones it is "Monthly" (a second "UNSC" would be refused).
"""

import re

import pytest
from conftest import run_in_terminal

ORDER = ("NO", "SE", "DK", "FI")
CAPTION = ("UNSC: one-month terms, too short to label at this width; "
           "see nordefco schedule --body unsc")
USER_CAPTION = ("Monthly: one-month terms, too short to label at this width; "
                "see nordefco schedule --body monthly")


def monthly_text(shipped_text: str, short_name: str = "UNSC") -> str:
    head = shipped_text[:shipped_text.index("\n[[history]]")]
    head = head.replace("term_months = 12", "term_months = 1")
    head = head.replace('short_name = "NORDEFCO"', f'short_name = "{short_name}"')
    head = head.replace('name = "Nordic Defence Cooperation"', 'name = "Monthly Council"')
    head = re.sub(r"established = \S+", "established = 2017-01-01", head)
    terms = [f'[[history]]\nstart = {2017 + i // 12}-{i % 12 + 1:02d}-01\n'
             f'chair = "{ORDER[i % 4]}"\nsource = "https://example.org"\n'
             for i in range(120)]
    return head + "\n\n" + "\n".join(terms)


@pytest.fixture
def monthly(write_data, shipped_text):
    return write_data(monthly_text(shipped_text), "unsc.toml")


def picture(run, *args, columns=80, env=None):
    result = run("timeline", "--format", "table", *args,
                 env={"COLUMNS": str(columns), **(env or {})})
    assert result.exit_code == 0, result.stderr
    return [line.rstrip() for line in result.stdout.splitlines()]


def row_cells(lines, label="UNSC"):
    """The bar cells of `label`'s row in each block, side by side, names stacked or not."""
    cells = []
    for number, line in enumerate(lines):
        if line == label:  # stacked: the bar is on the next line
            cells.append(lines[number + 1])
        elif line.startswith(label + "  "):
            cells.append(line[len(label):].strip())
    return "".join(cells)


CODES = {"Norway": "NO", "Sweden": "SE", "Denmark": "DK", "Finland": "FI"}


def labels(cells: str) -> list[str]:
    """The terms' labels in a row, in order, as codes (a wide bar shows the name)."""
    return [CODES.get(label, label) for label in re.findall(r"[^━┄─│ ]+", cells)]


def expected_codes(first_index: int, count: int) -> list[str]:
    """The chairs of `count` months from month `first_index` (0 = January 2017)."""
    return [ORDER[(first_index + i) % 4] for i in range(count)]


@pytest.mark.parametrize("columns", [30, 50, 80, 120])
def test_a_year_of_monthly_terms_shows_each_month_code_in_order(run, monthly, columns):
    lines = picture(run, "--data", monthly, "--from", "2026-01-01", "--to", "2026-12-31",
                    columns=columns)
    assert all(len(line) <= columns for line in lines)
    cells = row_cells(lines)
    assert labels(cells) == expected_codes(108, 12)
    assert cells.count("│") == 12  # each month starts in the window
    assert "▓" not in cells


def test_two_years_at_80_columns_show_each_month_code_in_order(run, monthly):
    lines = picture(run, "--data", monthly, "--years", "2")  # 2026-12-07 to 2028-12-06
    cells = row_cells(lines)
    # December 2026 (partly in the window), then 24 months, the last partly in it.
    assert labels(cells) == expected_codes(119, 24)
    assert "▓" not in cells and "░" not in cells


def test_ten_years_at_80_columns_are_a_band_with_a_caption(run, monthly):
    lines = picture(run, "--data", monthly, "--from", "2017", "--to", "2026")
    [row] = [line for line in lines if line.startswith("UNSC  ")]
    bar = row[len("UNSC"):].strip()
    assert set(bar) == {"▓"} and len(row) == 80  # one band, the whole window, no label
    caption = lines[lines.index("▓▓ many short terms, recorded   ▼ today") + 1:]
    assert " ".join(caption).startswith("UNSC: one-month terms, too short to label at this "
                                        "width; see nordefco schedule --data ")
    assert "".join(caption).endswith(monthly)  # a path longer than a line is folded, whole
    assert sum(line.startswith("UNSC  ") for line in lines) == 1  # one block, not seven


def test_a_band_keeps_the_status_of_each_month(run, monthly):
    lines = picture(run, "--data", monthly, "--from", "2022", "--to", "2031")
    [row] = [line for line in lines if line.startswith("UNSC  ")]
    bar = row[len("UNSC"):].strip()
    assert re.fullmatch("▓+░+", bar)  # recorded to 2026, projected after: never passed as fact
    assert "░░ many short terms, projected" in " ".join(lines)


@pytest.mark.parametrize("columns", [30, 50, 80, 120])
def test_nothing_is_cut_at_any_width(run, user_body, shipped_text, columns):
    user_body("monthly", monthly_text(shipped_text, "Monthly"))
    lines = picture(run, "--body", "all", "--from", "2017", "--to", "2026", columns=columns)
    assert all(len(line) <= columns for line in lines)
    text = " ".join(lines)
    assert USER_CAPTION in text and CAPTION in text  # wrapped between words, whole
    assert "many short terms, recorded" in text
    for label in ("Monthly", "UNSC"):  # no code squeezed into either band
        assert not re.search(r"[A-Z]{2}", row_cells(lines, label))


def test_mixed_bodies_stay_on_one_time_axis(run, user_body, shipped_text):
    user_body("monthly", monthly_text(shipped_text, "Monthly"))
    lines = picture(run, "--body", "nordefco", "--body", "eu-council", "--body", "monthly",
                    "--from", "2017", "--to", "2026")
    label = len("EU Council  ")  # the longest label, and two spaces
    rows = {line[:label].strip(): line[label:] for line in lines[3:] if line[:label].strip()
            and not line.startswith(("│", "▼", "▓"))}
    bars = {name: rows[name] for name in ("NORDEFCO", "EU Council", "Monthly")}
    assert all(len(bar) == 80 - label for bar in bars.values())  # the same columns, end to end
    assert bars["NORDEFCO"].startswith("│FI") and bars["EU Council"].startswith("│MT")
    assert set(bars["Monthly"]) == {"▓"}
    # Each year's term starts at its year on the axis, above the band.
    axis = lines[1][label:]
    for year, code in (("2018", "NO"), ("2022", "NO")):
        column = axis.index(year)
        assert bars["NORDEFCO"][column:column + 3] == f"│{code}"


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_a_band_needs_no_colour(monthly, env):
    out = run_in_terminal(["timeline", "--data", monthly, "--from", "2017", "--to", "2026"],
                          80, **env)
    assert "\x1b[3" not in out  # no colour: the fill and the words say it
    assert "▓" * 70 in out and "many short terms, recorded" in out
    assert "UNSC: one-month terms, too short to label at this width" in out


def test_a_band_in_a_pipe_is_ascii_when_the_stream_is(monthly):
    import subprocess
    import sys

    from conftest import subprocess_env

    out = subprocess.run(
        [sys.executable, "-m", "nordefco_cli", "timeline", "--format", "table", "--data",
         monthly, "--from", "2017", "--to", "2026"], capture_output=True, check=True,
        env=subprocess_env(COLUMNS="80", PYTHONIOENCODING="ascii")).stdout.decode("ascii")
    assert "\x1b" not in out
    [row] = [line for line in out.splitlines() if line.startswith("UNSC  ")]
    assert set(row[len("UNSC"):].strip()) == {"#"}
    assert "## many short terms, recorded" in out


def band_rects(svg: str) -> list[tuple[float, float, str]]:
    """The (x, width, title) of each rect of the SVG's bands."""
    [group] = re.findall(r'<g class="nordefco-timeline-bands">(.*?)</g>', svg)
    return [(float(x), float(width), title) for x, width, title in re.findall(
        r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" [^>]*><title>([^<]*)</title></rect>',
        group)]


def test_svg_draws_each_month_of_a_band_as_a_rect_with_its_title(run, monthly):
    result = run("timeline", "--format", "svg", "--data", monthly, "--from", "2017",
                 "--to", "2026")
    assert result.exit_code == 0, result.stderr
    rects = band_rects(result.stdout)
    assert len(rects) == 120  # one per month, none merged
    assert rects[0][2] == "Norway (NO), 2017-01-01 to 2017-01-31, recorded"
    assert rects[-1][2] == "Finland (FI), 2026-12-01 to 2026-12-31, recorded"
    assert [title.split(" (")[0] for _x, _w, title in rects[:4]] == [
        "Norway", "Sweden", "Denmark", "Finland"]
    # Thin, in order, apart: each starts after the one before it ends.
    assert all(width > 5 for _x, width, _t in rects)
    assert all(a[0] + a[1] < b[0] for a, b in zip(rects, rects[1:], strict=False))
    assert result.stdout.count("▓") == 2  # the legend's: the band is the rects, not a fill
    assert CAPTION.replace("--body unsc", "--data") in result.stdout.replace("&#160;", " ")


def test_svg_of_mixed_bodies_bands_only_the_monthly_one(run, user_body, shipped_text):
    user_body("monthly", monthly_text(shipped_text, "Monthly"))
    result = run("timeline", "--format", "svg", "--body", "nordefco", "--body", "eu-council",
                 "--body", "monthly", "--from", "2017", "--to", "2026")
    assert result.exit_code == 0, result.stderr
    rects = band_rects(result.stdout)
    assert len(rects) == 120 and all(title.endswith(", recorded") for *_, title in rects)


def test_svg_of_a_year_labels_each_month_and_has_no_band(run, monthly):
    result = run("timeline", "--format", "svg", "--data", monthly, "--from", "2026-01-01",
                 "--to", "2026-12-31")
    assert result.exit_code == 0, result.stderr
    assert "nordefco-timeline-bands" not in result.stdout
    text = re.sub(r"<[^>]+>", "", result.stdout)
    assert [CODES.get(name, name) for name in re.findall(r"(?<=│)([A-Z][a-z]+|[A-Z]{2})", text)
            ] == expected_codes(108, 12)


@pytest.mark.parametrize(("body", "columns"), [("unsc", 80), ("all", 120)])
def test_after_a_band_the_days_past_the_record_are_marked(run, body, columns):
    # The UNSC is known to 2027-12-31: after its band, the mark, as after a bar.
    lines = picture(run, "--body", body, "--from", "2025", "--years", "10", columns=columns)
    [row, *_] = [line for line in lines if line.startswith("UNSC  ")]
    assert re.fullmatch(r"UNSC +[▓░]+ not in the record: see below", row), row


def test_a_body_with_no_term_known_in_the_window_says_why_on_stderr_too(run):
    result = run("timeline", "--format", "table", "--from", "2030", "--years", "3",
                 "--body", "unsc", "--body", "coe-cm", "--body", "beac",
                 env={"COLUMNS": "80"})
    assert result.exit_code == 0
    rows = {line.split("  ")[0]: line.split(maxsplit=1)[1].rstrip()
            for line in result.stdout.splitlines()[2:5]}
    # The UNSC's chair is not known (past its membership); BEAC has none.
    assert rows["UNSC"] == "not in the record: see below"
    assert rows["BEAC"] == "none: see below"
    notes = result.stderr.splitlines()
    assert "Note: UNSC: no chair on record from 2030-01-01 to 2032-12-31: who is seated after " \
           "2027-12-31 is not in the record (the members to be elected in June 2027 for " \
           "2028-2029 are not known)" in notes
    assert any(note.startswith("Note: BEAC has no chair from 2030-01-01") for note in notes)
