"""The corrections to the record of issue 17, read through the loader.

Each test asserts one corrected fact of a shipped data file; the sources are
in the data files' comments and in docs/sources/checks-2026-12-07.md.
"""

from datetime import date
from pathlib import Path

import pytest

from nordefco_cli.core.rotation import NoChair
from nordefco_cli.data.files import load_rotation, shipped_bodies

CHECK_DAY = date(2026, 12, 7)  # the day of this check (docs/sources/checks-2026-12-07.md)


def body(name):
    return load_rotation(shipped_bodies()[name], use_cache=False)


def code(term):
    """The code of a term's holder."""
    return term.holder.code


def status(term):
    """A term's status: an attribute here, a method of the day on main (Term.status(today))."""
    return term.status(CHECK_DAY) if callable(term.status) else term.status


def text_of(name):
    return Path(shipped_bodies()[name]).read_text(encoding="utf-8")


# 1. Arctic Council 1998: Canada to 1998-09-17, the United States from 1998-09-18.

def test_arctic_1998_canada_ends_on_the_first_day_of_iqaluit():
    canada = body("arctic-council").term_on(date(1998, 9, 17))
    assert (code(canada), canada.start, canada.end) == (
        "CA", date(1996, 9, 19), date(1998, 9, 17))


def test_arctic_1998_united_states_starts_at_the_close_of_iqaluit():
    united_states = body("arctic-council").term_on(date(1998, 9, 18))
    assert (code(united_states), united_states.start, united_states.end) == (
        "US", date(1998, 9, 18), date(2000, 10, 12))
    assert "18 September" in united_states.note
    assert ("https://1997-2001.state.gov/policy_remarks/1998/980918_sherman_arctic.html"
            in text_of("arctic-council"))


# 2. Arctic Council, Reykjavik 2004-11-24: checked.

def test_arctic_2004_reykjavik_handover_is_checked():
    rotation = body("arctic-council")
    assert code(rotation.term_on(date(2004, 11, 23))) == "IS"
    russia = rotation.term_on(date(2004, 11, 24))
    assert (code(russia), russia.start) == ("RU", date(2004, 11, 24))
    text = text_of("arctic-council")
    assert "https://ria.ru/20041124/742574.html" in text
    assert "not checked" not in text


# 2. CBSS 2005-07-01: Iceland "1 July 2005 to 30 June 2006", checked.

def test_cbss_2005_iceland_start_is_checked():
    iceland = body("cbss").term_on(date(2005, 7, 1))
    assert (code(iceland), iceland.start, iceland.end) == (
        "IS", date(2005, 7, 1), date(2006, 6, 30))
    assert iceland.source == ("https://www.government.is/news/article/"
                              "?NewsId=89eb3f4e-e41a-11e6-9c23-e4a47104df25")


# 4. CBSS 2003-04: Estonia from June 2003, the day unknown.

def test_cbss_2003_estonia_note_says_the_day_is_unknown():
    estonia = body("cbss").term_on(date(2003, 7, 1))
    assert (code(estonia), estonia.start, estonia.end) == (
        "EE", date(2003, 7, 1), date(2004, 6, 20))
    assert "June 2003" in estonia.note and "day unknown" in estonia.note
    assert "upcoming" in estonia.note
    assert "http://www.vm.ee/?q=en/node/3626" in text_of("cbss")


# 4. CBSS 2012-13: Russia, sourced from mid.ru and formin.finland.fi.

def test_cbss_2012_russia_no_longer_cites_cbss_russia_ru():
    russia = body("cbss").term_on(date(2013, 6, 30))
    assert (code(russia), russia.start, russia.end) == (
        "RU", date(2012, 7, 1), date(2013, 6, 30))
    assert russia.source.startswith("http://www.mid.ru/en/")
    assert russia.source.endswith("/content/id/204058")
    assert "contentid=279626" in text_of("cbss")
    assert "cbss-russia.ru/en/presidency" not in text_of("cbss")
    assert all("cbss-russia.ru" not in term.source for term in body("cbss").history)


# 7. CBSS 2026-27: nothing found, so Iceland stays projected.

def test_cbss_2026_iceland_stays_projected():
    iceland = body("cbss").term_on(date(2026, 7, 1))
    assert (code(iceland), status(iceland), iceland.source) == ("IS", "projected", None)
    assert body("cbss").body.checked == CHECK_DAY


# 3. BEAC 2003: Norway took over at the Umeå session of 2-3 October 2003.

def test_beac_2003_norway_takes_over_at_umea():
    rotation = body("beac")
    sweden = rotation.term_on(date(2003, 10, 2))
    norway = rotation.term_on(date(2003, 10, 3))
    assert (code(sweden), sweden.start, sweden.end) == (
        "SE", date(2001, 3, 15), date(2003, 10, 2))
    assert (code(norway), norway.start) == ("NO", date(2003, 10, 3))
    text = text_of("beac")
    assert "https://www.utanrikisraduneyti.is/frettir/nr/323" in text
    assert "svenskt-ordfoerandeskap-39607" in text


# 3. BEAC 2013: the Tromsø session met on 29 October 2013 (checked).

def test_beac_2013_tromso_session_day_is_checked():
    rotation = body("beac")
    assert code(rotation.term_on(date(2013, 10, 28))) == "NO"
    finland = rotation.term_on(date(2013, 10, 29))
    assert (code(finland), finland.start) == ("FI", date(2013, 10, 29))
    text = text_of("beac")
    assert "content/id/89182" in text and "https://tuomioja.org/2013/10/" in text
    assert not [line for line in text.splitlines()
                if line.startswith("start = 2013-10-29") and "not checked" in line]


# 3. The BEAC header no longer says "every two years since 2001".

def test_beac_header_does_not_say_every_two_years_since_2001():
    text = text_of("beac")
    assert "since 2001" not in text
    assert "March 2001 to October 2003" in text


# 7. BEAC after 2025: nothing announced, so nothing is projected.

def test_beac_after_2025_has_no_chair():
    rotation = body("beac")
    with pytest.raises(NoChair):
        rotation.term_on(date(2026, 1, 1))
    assert rotation.body.checked == CHECK_DAY


# 5. NORDEFCO 2009: the source is the Helsinki ministerial of 4-5 November 2009.

HELSINKI_2009 = ("https://www.fmn.dk/da/nyheder/2009/2009/den-4.-5.-november-modtes-"
                 "de-nordiske-og-nordiskbaltiske-forsvarsministre-i-helsinki/")


def test_nordefco_2009_cites_the_helsinki_ministerial_not_kotka():
    first = body("nordefco").term_on(date(2009, 11, 4))
    assert (code(first), first.start, first.end) == (
        "FI", date(2009, 11, 4), date(2009, 12, 31))
    assert first.source == HELSINKI_2009


def test_nordefco_2009_note_says_what_is_not_confirmed():
    note = body("nordefco").term_on(date(2009, 11, 4)).note
    assert "counts 2009 as its first NORDEFCO chair" in note
    assert "December 2009" in note and "4 November" in note
    assert ("https://www.regjeringen.no/no/tema/forsvar/internasjonale-operasjoner/"
            "nordisk-forsvarssamarbeid---nordefco/id2350954/") in text_of("nordefco")


# 7. NORDEFCO 2027: nothing announced, so Sweden is projected.

def test_nordefco_2027_stays_projected():
    rotation = body("nordefco")
    sweden = rotation.term_on(date(2027, 1, 1))
    assert (code(sweden), status(sweden), sweden.source) == ("SE", "projected", None)
    assert rotation.body.checked == CHECK_DAY


# 6. NCM 2014: Iceland (Denmark took over "from Iceland" on 2015-01-01).

def test_ncm_2014_is_iceland():
    rotation = body("ncm")
    iceland = rotation.term_on(date(2014, 6, 1))
    assert (code(iceland), iceland.start, iceland.end, status(iceland)) == (
        "IS", date(2014, 1, 1), date(2014, 12, 31), "recorded")
    assert iceland.source == ("https://www.government.is/news/article/"
                              "?NewsId=862e810a-fb94-11e7-9423-005056bc4d74")
    assert rotation.first_day == date(2014, 1, 1)
    assert code(rotation.term_on(date(2015, 1, 1))) == "DK"
    with pytest.raises(NoChair):
        rotation.term_on(date(2013, 12, 31))


# 6. NCM: the EU-presidency explanation of the 2023-2026 swaps is an inference.

def test_ncm_swaps_explanation_is_marked_as_an_inference():
    text = text_of("ncm")
    comment = text[text.index("# 2023-2026 are two swaps"):text.index('resume_with = "NO"')]
    assert "EU presidency" in comment
    assert "inference" in comment and "no source" in comment


# 7. NCM 2027: nothing announced, so the rota resumes with Norway, projected.

def test_ncm_2027_stays_projected():
    rotation = body("ncm")
    norway = rotation.term_on(date(2027, 1, 1))
    assert (code(norway), status(norway), norway.source) == ("NO", "projected", None)
    assert rotation.body.checked == CHECK_DAY
