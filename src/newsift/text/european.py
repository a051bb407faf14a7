"""Dates and times as European pages other than English ones write them.

German, French, Spanish, Italian, Dutch and Portuguese comment threads and
datelines show times as "5. Januar 2020 um 10:15 Uhr", "Le 5 janvier 2020 à
10 h 15", "5 de enero de 2020 a las 10:15", "05.01.2020, 10:15" or "vor 2
Stunden". English dates stay in :mod:`newsift.text.dates`; this module is
only asked once those patterns have failed, so English lines cost nothing more.

Own tables, no ``dateparser``: a dump has hundreds of short lines to test, and
a table lookup behind one regular expression keeps the reader at hundreds of
pages per CPU-second. Dotted numeric dates ("05.01.2020") are day first.
"""

from __future__ import annotations

import re
from datetime import date

#: Month names of the languages most pages in our evaluation data use (de, fr, es, it, nl, pt).
FOREIGN_MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6,
    "juli": 7, "oktober": 10, "dezember": 12, "janvier": 1, "février": 2, "fevrier": 2,
    "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12, "enero": 1, "febrero": 2,
    "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12, "januari": 1, "februari": 2, "maart": 3,
    "mei": 5, "augustus": 8, "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5,
    "junho": 6, "julho": 7, "setembro": 9, "outubro": 10, "dezembro": 12,
}  # fmt: skip

#: Abbreviations seen only inside a full date ("5. Dez. 2020", "5 janv. 2020"); kept
#: apart from FOREIGN_MONTHS, which HTML date search also reads.
_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mär": 3, "mrz": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12, "janv": 1, "févr": 2, "fév": 2,
    "avr": 4, "juil": 7, "oct": 10, "déc": 12, "ene": 1, "abr": 4, "ago": 8, "dic": 12,
    "gen": 1, "mag": 5, "giu": 6, "lug": 7, "set": 9, "ott": 10, "mrt": 3, "fev": 2,
    "out": 10, "mar": 3, "dec": 12, "may": 5, "oktober": 10,
}  # fmt: skip
#: full names these languages share with English (so FOREIGN_MONTHS leaves them out), and
#: Portuguese "novembro"
_SHARED = {"april": 4, "august": 8, "september": 9, "november": 11, "december": 12, "novembro": 11}
_MONTHS = {**_ABBREVIATIONS, **_SHARED, **FOREIGN_MONTHS}
_MONTH = r"(?P<mname>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_WEEKDAYS = (
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"
    "|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    "|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
    "|lunedì|lunedi|martedì|martedi|mercoledì|mercoledi|giovedì|giovedi|venerdì|venerdi"
    "|sabato|domenica|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
    "|segunda-feira|terça-feira|terca-feira|quarta-feira|quinta-feira|sexta-feira"
    "|mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim|mié|jue|vie|sáb|dom|gio"
    # abbreviations of it, nl and pt beyond those above, and English ones (an English
    # date in a European layout: "Thu 9 Apr 2020 / 08:34")
    "|mie|sab|ma|wo|vr|za|zo|seg|ter|qua|qui|sex"
    "|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
)
#: "am", "le", "el", "il", "op", "em" before a date, and a weekday before or after them
_LEAD = (
    r"(?:(?:(?:am|le|el|il|op|em|on|den)\s+)?(?:" + _WEEKDAYS + r")\.?,?\s+)?"
    r"(?:(?:am|le|el|il|op|em|on|den)\s+)?"
)
_CONNECTOR = r"(?:,|um|à|a\s+las?|alle|om|às|as|kl\.?|-|–|\||·|@|at|a|/)"
#: a 24-hour clock: "10:15", "10.15 Uhr", "10 h 15", "10h15", "10 Uhr"
_CLOCK = (
    rf"(?:\s*{_CONNECTOR}?\s*\d{{1,2}}(?:(?::|\.|\s*h\s*)\d{{2}}(?::\d{{2}})?|\s*(?=uhr|h\b))"
    r"\s*(?:uhr|h)?(?:\s*(?:[A-Z]{2,4}|UTC[+-]?\d*))?)?"
)
_DAY = r"(?P<day>\d{1,2})(?:\.|er|º|°|e)?"
_YEAR = r"(?P<year>\d{4})"
_ABSOLUTE = [
    re.compile(rf"^{_LEAD}{_DAY}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}{_CLOCK}$", re.I),
    re.compile(
        # "05.01.2020", and "17.07, 2011" (a comma before the year)
        rf"^{_LEAD}(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})(?:\.|\.?,\s*)(?P<year>\d{{4}})"
        rf"{_CLOCK}$",
        re.I,
    ),
]
#: a clock before the date; a day number follows it, never a year ("17.07, 2011" is a date)
_LEADING_CLOCK = re.compile(
    rf"^\d{{1,2}}[:.h]\d{{2}}\s*(?:uhr|h)?\s*{_CONNECTOR}?\s*(?=\d{{1,2}}\D|{_WEEKDAYS}|am\b|le\b|el\b)",
    re.I,
)


def parse_european_absolute(text: str) -> date | None:
    """A calendar date from a line that is nothing but a date in de, fr, es, it, nl or pt
    (maybe with a clock, before or after, maybe in parentheses): "5. Januar 2020 um 10:15
    Uhr", "(22 juin 2018 @11h29)"."""
    text = text.strip()
    if text[:1] == "(" and text[-1:] == ")":
        text = text[1:-1].strip()
    text = _LEADING_CLOCK.sub("", text, count=1)
    for pattern in _ABSOLUTE:
        m = pattern.match(text)
        if m is None:
            continue
        groups = m.groupdict()
        try:
            name = groups.get("mname")
            month = _MONTHS[name.lower()] if name else int(groups["month"])
            return date(int(groups["year"]), month, int(groups["day"]))
        except (KeyError, ValueError):
            return None
    return None


#: unit words, singular and plural, to the unit names of :class:`newsift.text.dates.Relative`
_UNITS = {
    "sekunde": "second", "sekunden": "second", "minute": "minute", "minuten": "minute",
    "stunde": "hour", "stunden": "hour", "tag": "day", "tagen": "day", "tage": "day",
    "woche": "week", "wochen": "week", "monat": "month", "monaten": "month", "monate": "month",
    "jahr": "year", "jahren": "year", "jahre": "year",
    "seconde": "second", "secondes": "second", "minutes": "minute", "heure": "hour",
    "heures": "hour", "jour": "day", "jours": "day", "semaine": "week", "semaines": "week",
    "mois": "month", "an": "year", "ans": "year", "année": "year", "années": "year",
    "segundo": "second", "segundos": "second", "minuto": "minute", "minutos": "minute",
    "hora": "hour", "horas": "hour", "día": "day", "días": "day", "dia": "day", "dias": "day",
    "semana": "week", "semanas": "week", "mes": "month", "meses": "month", "mês": "month",
    "año": "year", "años": "year", "ano": "year", "anos": "year",
    "secondo": "second", "secondi": "second", "minuti": "minute", "ora": "hour",
    "ore": "hour", "giorno": "day", "giorni": "day", "settimana": "week", "settimane": "week",
    "mese": "month", "mesi": "month", "anno": "year", "anni": "year",
    "seconden": "second", "minuut": "minute", "uur": "hour", "dag": "day", "dagen": "day",
    "week": "week", "weken": "week", "maand": "month", "maanden": "month", "jaar": "year",
    "jaren": "year",
    "std": "hour", "min": "minute", "h": "hour", "j": "day", "t": "day",
}  # fmt: skip
_NUMBER_WORDS = {
    "ein": 1, "einem": 1, "einer": 1, "eine": 1, "un": 1, "une": 1, "uno": 1, "una": 1,
    "um": 1, "uma": 1, "een": 1, "zwei": 2, "deux": 2, "dos": 2, "due": 2, "twee": 2,
    "dois": 2, "duas": 2, "drei": 3, "trois": 3, "tres": 3, "tre": 3, "drie": 3, "três": 3,
}  # fmt: skip
_AMOUNT = r"(?P<n>\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\.?"
_RELATIVE = [
    # "vor 2 Stunden", "il y a 2 heures", "hace 2 horas", "há 2 horas"
    re.compile(
        rf"^(?:vor|il\s+y\s+a|hace|há|ha|faz)\s+(?:etwa\s+|environ\s+)?{_AMOUNT}\s+{_UNIT}$"
    ),
    # "2 ore fa", "2 uur geleden", "2 horas atrás"
    re.compile(rf"^{_AMOUNT}\s+{_UNIT}\s+(?:fa|geleden|atrás|atras)$"),
]
_RELATIVE_WORDS = {
    "gerade eben": ("second", 0), "soeben": ("second", 0), "à l'instant": ("second", 0),
    "à l’instant": ("second", 0), "ahora mismo": ("second", 0), "justo ahora": ("second", 0),
    "adesso": ("second", 0), "poco fa": ("second", 0), "zojuist": ("second", 0),
    "agora mesmo": ("second", 0), "heute": ("day", 0), "aujourd'hui": ("day", 0),
    "aujourd’hui": ("day", 0), "hoy": ("day", 0), "oggi": ("day", 0), "vandaag": ("day", 0),
    "hoje": ("day", 0), "gestern": ("day", 1), "hier": ("day", 1), "ayer": ("day", 1),
    "ieri": ("day", 1), "gisteren": ("day", 1), "ontem": ("day", 1),
}  # fmt: skip


#: the first or last word of every relative form above
_MARKS = frozenset(
    {"vor", "il", "hace", "há", "ha", "faz", "fa", "geleden", "atrás", "atras"}
    | {phrase.split()[0] for phrase in _RELATIVE_WORDS}
    | {phrase.split()[-1] for phrase in _RELATIVE_WORDS}
)


def parse_european_relative(text: str) -> tuple[int, str] | None:
    """``(amount, unit)`` from a line that is nothing but a relative time in de, fr, es,
    it, nl or pt ("vor 2 Stunden", "il y a 3 jours", "2 ore fa"), else None."""
    words = text.strip().rstrip(".").lower().split()
    if not words or (words[0] not in _MARKS and words[-1] not in _MARKS):
        return None  # every form starts or ends with one of these: most lines stop here
    lowered = " ".join(words)
    if lowered in _RELATIVE_WORDS:
        unit, amount = _RELATIVE_WORDS[lowered]
        return amount, unit
    for pattern in _RELATIVE:
        m = pattern.match(lowered)
        if m is not None:
            n = m.group("n")
            amount = int(n) if n.isdigit() else _NUMBER_WORDS[n]
            return amount, _UNITS[m.group("unit")]
    return None
