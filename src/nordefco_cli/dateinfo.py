"""The words dateutil reads in a written date: English plus the Nordic languages.

Imported only by the written-date path of dates.py, since it loads dateutil.
"""

from __future__ import annotations

from dateutil import parser

# Each month: English (as dateutil has it), then Norwegian, Danish, Swedish,
# Icelandic and Finnish. Finnish writes a day's month in the partitive
# ("1. maaliskuuta") and also uses the genitive ("maaliskuun 1.") and the
# standard abbreviation ("maalisk."); a trailing dot is skipped by dateutil.
_NORDIC_MONTHS = (
    ("januar", "januari", "janúar", "tammikuu", "tammikuuta", "tammikuun", "tammik"),
    ("februar", "februari", "febrúar", "helmikuu", "helmikuuta", "helmikuun", "helmik"),
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
# "on Monday", mánudaginn) and Finnish (also "on Monday", maanantaina).
_NORDIC_WEEKDAYS = (
    ("mandag", "måndag", "mánudagur", "mánudaginn", "maanantai", "maanantaina"),
    ("tirsdag", "tysdag", "tisdag", "þriðjudagur", "þriðjudaginn", "tiistai", "tiistaina"),
    ("onsdag", "miðvikudagur", "miðvikudaginn", "keskiviikko", "keskiviikkona"),
    ("torsdag", "fimmtudagur", "fimmtudaginn", "torstai", "torstaina"),
    ("fredag", "föstudagur", "föstudaginn", "perjantai", "perjantaina"),
    ("lørdag", "laurdag", "lördag", "laugardagur", "laugardaginn", "lauantai", "lauantaina"),
    ("søndag", "sundag", "söndag", "sunnudagur", "sunnudaginn", "sunnuntai", "sunnuntaina"),
)

# Words that may stand between the parts: "den 1. mars 2026 kl. 12:00".
_NORDIC_JUMP = ("den", "kl", "klo", "klokka", "klokken", "klockan", "klukkan")


class NordicParserInfo(parser.parserinfo):
    """dateutil's English words plus Nordic ones, and years read as written.

    dateutil moves a year below 100 into the century around today ("0099"
    becomes 1999); here every year stays as typed, so that dates.py can
    require the year to stand in the text with four digits.
    """

    JUMP = parser.parserinfo.JUMP + list(_NORDIC_JUMP)
    MONTHS = [english + nordic for english, nordic in zip(parser.parserinfo.MONTHS,
                                                          _NORDIC_MONTHS, strict=True)]
    WEEKDAYS = [english + nordic for english, nordic in zip(parser.parserinfo.WEEKDAYS,
                                                            _NORDIC_WEEKDAYS, strict=True)]

    def convertyear(self, year, century_specified=False):
        return year


INFO = NordicParserInfo()
