"""The corrections to the record of issue 17, read through the loader.

Each test asserts one corrected fact of a shipped data file; the sources are
in the data files' comments and in docs/sources/checks-2026-12-07.md.
"""

from datetime import date
from pathlib import Path

import pytest

from nordefco_cli.datafile import load_rotation, shipped_bodies
from nordefco_cli.engine import NoChair


def body(name):
    return load_rotation(shipped_bodies()[name], use_cache=False)


def text_of(name):
    return Path(shipped_bodies()[name]).read_text(encoding="utf-8")


# 1. Arctic Council 1998: Canada to 1998-09-17, the United States from 1998-09-18.

def test_arctic_1998_canada_ends_on_the_first_day_of_iqaluit():
    canada = body("arctic-council").term_on(date(1998, 9, 17))
    assert (canada.member.code, canada.start, canada.end) == (
        "CA", date(1996, 9, 19), date(1998, 9, 17))


def test_arctic_1998_united_states_starts_at_the_close_of_iqaluit():
    united_states = body("arctic-council").term_on(date(1998, 9, 18))
    assert (united_states.member.code, united_states.start, united_states.end) == (
        "US", date(1998, 9, 18), date(2000, 10, 12))
    assert "18 September" in united_states.note
    assert ("https://1997-2001.state.gov/policy_remarks/1998/980918_sherman_arctic.html"
            in text_of("arctic-council"))


# 2. Arctic Council, Reykjavik 2004-11-24: checked.

def test_arctic_2004_reykjavik_handover_is_checked():
    rotation = body("arctic-council")
    assert rotation.term_on(date(2004, 11, 23)).member.code == "IS"
    russia = rotation.term_on(date(2004, 11, 24))
    assert (russia.member.code, russia.start) == ("RU", date(2004, 11, 24))
    text = text_of("arctic-council")
    assert "https://ria.ru/20041124/742574.html" in text
    assert "not checked" not in text
