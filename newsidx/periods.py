"""Dates as people type them into a search: a year, a month, a day or a moment.

Each names a period, both ends included: ``2008`` is the whole year, ``Sep
2008`` the whole month, ``2008-09-30`` the whole day, ``2008-09-30 14:05``
that minute. So ``--since 2008 --until 2008`` is the year 2008, and
``date:>2008-09`` means after September. Anything else is refused with an
explanation rather than guessed at: ``Sun``, ``-5``, ``12`` and ``2004.5`` are
not dates, and ``04/05/2008`` could be April or May. Pure functions, shared by
the command-line options and the ``date:`` field of the query language.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

FORMS = "2008, 2008-09, 2008-09-30, 'Sep 2008' or '30 Sep 2008'"
MAX_CHARS = 40  # the longest form above with a time and words is well under this

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = "(?P<month_name>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:[T ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"

# Patterns that re compiles on first use: every search imports this module
# for its period labels, few parse a period.
_FORMS = [pattern + r"\Z" for pattern in (
    r"(?P<year>\d{4})",
    r"(?P<year>\d{4})[-/](?P<month>\d{1,2})",
    r"(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})" + _TIME,
    _MONTH + r",? (?P<year>\d{4})",
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)? " + _MONTH + r",? (?P<year>\d{4})" + _TIME,
    _MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?,? (?P<year>\d{4})" + _TIME,
)]
# Numbers in the order the reader's country writes them: accepted only when
# one of them is above 12, which settles which is the day.
_NUMERIC_DAY = r"(?P<first>\d{1,2})[/.](?P<second>\d{1,2})[/.](?P<year>\d{4})\Z"


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both included (``end`` is the period's last microsecond)."""

    start: datetime
    end: datetime

    @property
    def after(self) -> datetime:
        """The first moment after the period (its last one at the end of time)."""
        return self.end if self.end == datetime.max else self.end + timedelta(microseconds=1)


def parse_period(text: str) -> Period:
    """The period ``text`` names, or ``ValueError`` saying what a date looks like."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValueError(f"a date is missing: use {FORMS}")
    if len(cleaned) > MAX_CHARS:
        raise ValueError(f"{cleaned[:MAX_CHARS]!r}... is not a date: use {FORMS}")
    parts = _match(cleaned)
    if parts is None:
        raise ValueError(f"{cleaned!r} is not a date: use {FORMS}")
    try:
        return _period(**parts)
    except ValueError as exc:  # month 13, 30 February, hour 25
        raise ValueError(f"{cleaned!r} is not a date: {exc}") from None


def _match(text: str) -> dict | None:
    for form in _FORMS:
        found = re.match(form, text, re.IGNORECASE)
        if found:
            parts = {key: value for key, value in found.groupdict().items() if value is not None}
            if "month_name" in parts:
                parts["month"] = _MONTHS[parts.pop("month_name").lower()]
            return {key: int(value) for key, value in parts.items()}
    found = re.match(_NUMERIC_DAY, text)
    if not found:
        return None
    first, second = int(found["first"]), int(found["second"])
    if first <= 12 and second <= 12 and first != second:
        raise ValueError(f"{text!r} could be day/month or month/day: write it as "
                         f"{found['year']}-MM-DD")
    day, month = (first, second) if first > 12 or first == second else (second, first)
    return {"year": int(found["year"]), "month": month, "day": day}


def _period(year: int, month: int | None = None, day: int | None = None, hour: int | None = None,
            minute: int | None = None, second: int | None = None) -> Period:
    if year < 1:
        raise ValueError("year 0 does not exist")
    last = datetime.max.time()  # 23:59:59.999999
    if month is None:
        return Period(datetime(year, 1, 1), datetime.combine(datetime(year, 12, 31), last))
    if day is None:
        first = datetime(year, month, 1)
        return Period(first, datetime.combine(first.replace(day=calendar.monthrange(year, month)[1]), last))
    start = datetime(year, month, day, hour or 0, minute or 0, second or 0)
    if hour is None:
        return Period(start, datetime.combine(start, last))
    if second is None:
        return Period(start, start.replace(second=59, microsecond=999999))
    return Period(start, start.replace(microsecond=999999))


PERIODS = ("year", "month", "week", "day")


def period_label(moment: datetime, by: str) -> str:
    """The period ``moment`` falls in, as a label that sorts in time order:
    2008, 2008-09, 2008-W37 (ISO week), 2008-09-30."""
    if by == "year":
        return f"{moment.year:04d}"
    if by == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if by == "week":
        year, week, _ = moment.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if by == "day":
        return moment.strftime("%Y-%m-%d")
    raise ValueError(f"periods are {', '.join(PERIODS)}, not {by!r}")


def fill_periods(counts: dict[str, int], by: str) -> list[tuple[str, int]]:
    """``counts`` by period label, with every period between the first and
    the last present, zeros included, so a chart shows the quiet stretches."""
    if not counts:
        return []
    first, last = min(counts), max(counts)
    step = {"year": timedelta(days=366), "month": timedelta(days=31),
            "week": timedelta(days=7), "day": timedelta(days=1)}[by]
    filled, moment, label = [], _period_start(first, by), first
    while label <= last:
        filled.append((label, counts.get(label, 0)))
        moment = _period_start(period_label(moment + step, by), by)
        label = period_label(moment, by)
    return filled


def _period_start(label: str, by: str) -> datetime:
    if by == "week":
        year, week = label.split("-W")
        return datetime.fromisocalendar(int(year), int(week), 1)
    return parse_period(label).start
