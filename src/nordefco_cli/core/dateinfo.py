"""The words dateutil reads in a written date: English plus the Nordic languages.

Imported only by the written-date path of dates.py, since it loads dateutil.
"""

from __future__ import annotations

import re

from dateutil import parser

# Each month: English (as dateutil has it), then Norwegian, Danish, Swedish,
# Icelandic and Finnish. Finnish writes a day's month in the partitive
# ("1. maaliskuuta") and also uses the genitive ("maaliskuun 1.") and the
# standard abbreviation ("maalisk."); a trailing dot is skipped by dateutil.
# Swedish abbreviates February "febr." (Språkrådet's list); the other
# abbreviations are dateutil's English ones or written below.
_NORDIC_MONTHS = (
    ("januar", "januari", "janúar", "tammikuu", "tammikuuta", "tammikuun", "tammik"),
    ("februar", "februari", "febrúar", "febr", "helmikuu", "helmikuuta", "helmikuun",
     "helmik"),
    ("mars", "marts", "maaliskuu", "maaliskuuta", "maaliskuun", "maalisk"),
    ("april", "apríl", "huhtikuu", "huhtikuuta", "huhtikuun", "huhtik"),
    ("mai", "maj", "maí", "toukokuu", "toukokuuta", "toukokuun", "toukok"),
    ("juni", "júní", "jún", "kesäkuu", "kesäkuuta", "kesäkuun", "kesäk"),
    ("juli", "júlí", "júl", "heinäkuu", "heinäkuuta", "heinäkuun", "heinäk"),
    ("august", "augusti", "ágúst", "ágú", "elokuu", "elokuuta", "elokuun", "elok"),
    ("september", "syyskuu", "syyskuuta", "syyskuun", "syysk"),
    ("oktober", "október", "okt", "lokakuu", "lokakuuta", "lokakuun", "lokak"),
    ("november", "nóvember", "nóv", "marraskuu", "marraskuuta", "marraskuun", "marrask"),
    ("desember", "december", "des", "joulukuu", "joulukuuta", "joulukuun",
     "jouluk"),
)

# Each weekday: Norwegian (bokmål, nynorsk), Danish, Swedish, Icelandic (also
# the accusative, "næsta sunnudag", and "on Monday", mánudaginn) and Finnish
# (also "on Monday", maanantaina); then the abbreviations of the glibc and
# CLDR locales: Danish and Norwegian man tir(s) ons tor(s) fre lør søn,
# Swedish mån tis ons tor(s) fre lör sön, Icelandic mán þri mið fim fös lau
# sun. Where two languages share one, it names the same day in both; none is
# a word dateutil reads otherwise (a month, "on", "a", "m", ...).
_NORDIC_WEEKDAYS = (
    ("mandag", "måndag", "mánudagur", "mánudag", "mánudaginn", "maanantai", "maanantaina",
     "man", "mån", "mán"),
    ("tirsdag", "tysdag", "tisdag", "þriðjudagur", "þriðjudag", "þriðjudaginn", "tiistai",
     "tiistaina", "tir", "tirs", "tis", "þri"),
    ("onsdag", "miðvikudagur", "miðvikudag", "miðvikudaginn", "keskiviikko",
     "keskiviikkona", "ons", "mið"),
    ("torsdag", "fimmtudagur", "fimmtudag", "fimmtudaginn", "torstai", "torstaina",
     "tor", "tors", "fim"),
    ("fredag", "föstudagur", "föstudag", "föstudaginn", "perjantai", "perjantaina",
     "fre", "fös"),
    ("lørdag", "laurdag", "lördag", "laugardagur", "laugardag", "laugardaginn",
     "lauantai", "lauantaina", "lør", "lör", "lau"),
    ("søndag", "sundag", "söndag", "sunnudagur", "sunnudag", "sunnudaginn", "sunnuntai",
     "sunnuntaina", "søn", "sön"),
)
# Finnish abbreviates the weekdays to two letters (Norwegian too: ma ti to).
# One is the English "to", and any could stand in other text ("2026-03-01 to
# 2026-03-05"), so dates.py reads them only as a written date's first word.
SHORT_WEEKDAYS = ("ma", "ti", "ke", "to", "pe", "la", "su")

# Words that may stand between the parts: "den 1. mars 2026 kl. 12:00".
_NORDIC_JUMP = ("den", "kl", "klo", "klokka", "klokken", "klockan", "klukkan")

# Swedish writes a day as an ordinal: "1:a mars", "2:a", "3:e", "21:a";
# ":a" after a last digit 1 or 2 (but 11:e, 12:e), ":e" after any other.
_SWEDISH_ORDINAL = r"(?<![\w:])(\d{1,2}):([ae])(?![\w:])"


def plain_ordinals(text: str) -> str:
    """`text` with each Swedish ordinal day ("1:a", "3:e") as its number.

    A wrong ending ("1:e") is kept, so that dateutil refuses it.
    """
    def plain(ordinal: re.Match[str]) -> str:
        number, ending = ordinal.groups()
        right = "a" if number[-1] in "12" and number[-2:] not in ("11", "12") else "e"
        return number if ending.lower() == right else ordinal[0]

    return re.sub(_SWEDISH_ORDINAL, plain, text, flags=re.IGNORECASE)


class NordicParserInfo(parser.parserinfo):
    """dateutil's English words plus Nordic ones, and years read as written.

    dateutil moves a year below 100 into the century around today ("0099"
    becomes 1999); here every year stays as typed, so that dates.py can
    require the year to stand in the text with four digits.
    """

    JUMP = parser.parserinfo.JUMP + list(_NORDIC_JUMP)
    # dateutil takes a name tuple of any length; its stubs say two or three.
    MONTHS = [english + nordic for english, nordic in zip(  # type: ignore[misc]
        parser.parserinfo.MONTHS, _NORDIC_MONTHS, strict=True)]
    WEEKDAYS = [english + nordic + (short,) for english, nordic, short in zip(  # type: ignore[misc]
        parser.parserinfo.WEEKDAYS, _NORDIC_WEEKDAYS, SHORT_WEEKDAYS, strict=True)]

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        return year


INFO = NordicParserInfo()
