"""Finding the publication date.

Every date-like expression on the page is found with regular expressions
(ISO ``2008-09-09 21:16``, ``Sep 8, 2008``, ``8 September 2008``,
``Mon Sep 8, 2008 3:45pm EDT``, ``9/8/2008``; month names and labels in
German, French, Spanish, Italian, Portuguese and Dutch too: ``3. März 2021``,
``1er mars 2021``, ``3 de marzo de 2021``), together with a time and time
zone written next to it, and turned into a datetime directly from the
matched parts. No general date parser: the patterns already say which number
is which, and python-dateutil (``parser.parse`` with a day-first
``parserinfo``) takes 16-33 microseconds a string against about 14 for
finding, reading and labelling every date of a line here, on pages that
carry tens of dates; it would still need these patterns to find the dates.
Numeric dates (04/12/2020) are read in one order for the whole page
(``numeric_order``): a part above 12 anywhere settles it, then a weekday
printed before one that only one reading falls on, a time zone beside the
dates, the page's written-out dates, the file path, the page's language
(German, French, ... write day first), regional hints; the order and its
reason go into ``date_source``. Relative phrases
("2 hours ago") are not dates. Impossible dates are rejected: before
``EARLIEST_YEAR`` or later than the file's modification time plus a day.

Each candidate is scored (weights in ``vocabulary.DATE_WEIGHTS``): a label
in front of it ("Published", "Posted", "Date created" for; "Updated" against), where it
sits (between the headline and the body is best; inside the body or in the
lists of other stories after it is worst), whether the line is little more
than the date, whether the day also appears in the file path. The best
candidate wins; with no candidate on the page, a date in the path is used.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsidx.extract import vocabulary as vocab
from newsidx.extract.lines import Line, one_of_literals, words_of

# every name of vocabulary.MONTHS, as a trie: a hundred names in seven
# languages, tried at every word of a dated line
_MONTH = r"(?P<month>" + one_of_literals(vocab.MONTHS) + r")\.?"
# a weekday's name before a date ("Mon Sep 8, 2008", "Samstag, 3. März 2021"), in
# the languages of the month names (vocabulary.WEEKDAYS, also read by numeric_order)
_WEEKDAY_NAME = one_of_literals(vocab.WEEKDAYS)
_WEEKDAY = r"(?:(?:" + _WEEKDAY_NAME + r")\.?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# after a year: a word boundary, or a clock time glued on ("Nov 19 20197:05 AM")
_YEAR_END = r"(?:\b|(?=[0-2]?\d:[0-5]\d))"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"

_DATE_PATTERNS = (
    # 2008-09-09, 2008/09/09, 2008.09.09 (year first: never ambiguous)
    re.compile(r"(?<![\d/.-])" + _YEAR + r"(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?![\d])"),
    # Sep 8, 2008 / Mon Sep 8 2008 / September 8th, 2008
    re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r"(?:,\s*|\s+)" + _YEAR + _YEAR_END, re.I),
    # 8 September 2008 / 8th of Sept., 2008 / 17th January 2008 / 3. März 2021 / 3 de marzo de 2021
    re.compile(r"\b" + _WEEKDAY + _DAY + r"\.?\s+(?:of\s+|de\s+)?" + _MONTH + r",?\s+(?:de\s+)?" + _YEAR + _YEAR_END,
               re.I),
    # 9/8/2008, 15.01.2008, 15/01/08 (order decided later)
    re.compile(r"(?<![\d/.:-])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)"
               r"(?P<y>(?:19|20)\d\d|\d\d)(?![\d/.-]|:\d)"),
)

_TZ_NAMES = "|".join(sorted(vocab.TIMEZONES, key=len, reverse=True))
_TIME = re.compile(
    r"(?<![\d:])(?P<hour>[0-2]?\d)(?::(?P<minute>[0-5]\d))(?::(?P<second>[0-5]\d))?(?:\.\d+)?"
    r"\s*(?P<ampm>[ap]\.?\s?m\b\.?)?"
    r"(?:\s*(?P<tz>(?:" + _TZ_NAMES + r")\b|[+-][01]\d:?[0-5]\d\b|(?<=\d)Z\b))?"
    r"|(?<![\d:])(?P<hour12>1[0-2]|0?[1-9])\s*(?P<ampm12>[ap]\.?m\b\.?)"
    r"(?:\s*(?P<tz12>(?:" + _TZ_NAMES + r")\b))?",
    re.I,
)
# every pattern above needs a four-digit year or a numeric d/m/yy date: a cheap
# test that spares most lines the full patterns
# 19xx, 20xx or d/dd/dd anywhere; written to open with a digit, which the
# regex engine then looks for in one fast scan (twice as fast as "(?:19|20)...")
_HAS_YEAR = re.compile(r"\d(?:(?<=1)9\d\d|(?<=2)0\d\d|[/.-][0-3]?\d[/.-]\d\d)")
_RELATIVE = re.compile(r"\b\d+\s+(?:sec|second|min|minute|hour|hr|day|week|month|year)s?\s+ago\b", re.I)
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_.-]?(0[1-9]|1[0-2])[/_.-]?(0[1-9]|[12]\d|3[01])(?!\d)")

_LABELS = tuple((name, re.compile(pattern, re.I), weight) for name, pattern, weight in vocab.DATE_LABELS)
_LABEL_WEIGHT = {name: weight for name, _, weight in vocab.DATE_LABELS}


@dataclass(frozen=True)
class DateCandidate:
    when: dt.datetime           # naive, or aware when a zone was given
    has_time: bool
    position: int               # index in the line list
    label: str | None           # name of the label written before it, if any
    chars: int                  # length of the date (and time) as written
    numeric: bool = False       # written as numbers only (04/12/2020): read in the page's order

    def iso(self) -> str:
        if not self.has_time:
            return self.when.date().isoformat()
        return self.when.isoformat(timespec="minutes" if not self.when.second else "seconds")


_ZONE_OFFSET = re.compile(r"^([+-])([01]\d):?([0-5]\d)$")


def _zone(name: str | None) -> dt.tzinfo | None:
    """The time zone written after a time: an abbreviation, ``Z`` or ``+05:30``."""
    if not name:
        return None
    hours = vocab.TIMEZONES.get(name.upper())
    if hours is not None:
        return dt.timezone(dt.timedelta(hours=hours))
    m = _ZONE_OFFSET.match(name)
    if m is None:
        return None
    offset = dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
    return dt.timezone(-offset if m.group(1) == "-" else offset)


def _clock(m: re.Match) -> tuple[int, int, int, dt.tzinfo | None] | None:
    """Hour, minute, second and zone of a located time; None if impossible."""
    if m.group("hour12"):
        hour, minute, second = int(m.group("hour12")), 0, 0
        ampm, zone = m.group("ampm12"), m.group("tz12")
    else:
        hour, minute = int(m.group("hour")), int(m.group("minute"))
        second = int(m.group("second") or 0)
        ampm, zone = m.group("ampm"), m.group("tz")
    if ampm:
        if not 0 <= hour <= 12:
            return None  # "15:24pm": no 12-hour clock reads like that
        pm = ampm.lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    if hour > 23:
        return None
    return hour, minute, second, _zone(zone)


def _build(year: int, month: int, day: int, time: re.Match | None = None) -> dt.datetime | None:
    """The datetime of a located date (and time); None if there is no such day or time."""
    try:
        if time is None:
            return dt.datetime(year, month, day)
        clock = _clock(time)
        if clock is None:
            return None
        hour, minute, second, zone = clock
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except (ValueError, OverflowError):
        return None


def _near_time(text: str, start: int, end: int) -> tuple[int, re.Match] | None:
    """A time written just after (preferred) or just before a date, with its offset."""
    after = text[end:end + vocab.TIME_REACH]
    m = _TIME.search(after)
    if m and m.start() <= vocab.TIME_MAX_GAP and not re.search(r"[a-z]{4,}", after[:m.start()], re.I):
        return end, m
    offset = max(0, start - vocab.TIME_REACH)
    before = text[offset:start]
    found = None
    for m in _TIME.finditer(before):
        found = m
    if found and len(before) - found.end() <= vocab.TIME_MAX_GAP and not re.search(r"[a-z]{4,}", before[found.end():], re.I):
        return offset, found
    return None


def _label_of(text: str, start: int) -> str | None:
    """The strongest date label written shortly before ``start``."""
    before = text[max(0, start - vocab.DATE_LABEL_REACH):start]
    best: tuple[str | None, float] = (None, -math.inf)
    for name, pattern, weight in _LABELS:
        if weight > best[1] and pattern.search(before):
            best = (name, weight)
    return best[0]


@dataclass(frozen=True)
class NumericOrder:
    """How the page writes numeric dates (04/12/2020): day first or month first, and why."""

    day_first: bool
    reason: str

    def describe(self) -> str:
        return f"{'day' if self.day_first else 'month'}-first ({self.reason})"


MONTH_FIRST_BY_DEFAULT = NumericOrder(False, "default")
# Which patterns need a month's name (as a word of the line: each name
# pattern has it between a word boundary and a space, comma or dot); the
# others need a digit, a separator and a digit.
_NEEDS_MONTH_WORD = tuple("(?P<month>" in pattern.pattern for pattern in _DATE_PATTERNS)
_MONTH_WORDS = frozenset(vocab.MONTHS)
_NUMERIC_SHAPE = re.compile(r"\d[-/.]\d")
_NUMERIC_DATE = _DATE_PATTERNS[3]
_DAY_BEFORE_MONTH_NAME = _DATE_PATTERNS[2]
_MONTH_NAME_BEFORE_DAY = _DATE_PATTERNS[1]
_PAGE_URL = re.compile(r"(?:https?://|www\.)[^\s)\]>\"']+")
# a weekday's name right before a numeric date ("Friday, 04/12/2020", "Fri 04.12.2020 -")
_WEEKDAY_BEFORE = re.compile(r"(?:^|[^\w-])(?P<weekday>" + _WEEKDAY_NAME + r")\.?,?\s*$")
_WEEKDAY_REACH = 16  # characters before a numeric date looked at for a weekday
_DAY_FIRST_HINT = re.compile(vocab.DAY_FIRST_HINT_PATTERN, re.I)
_MONTH_FIRST_HINT = re.compile(vocab.MONTH_FIRST_HINT_PATTERN, re.I)


def numeric_order(texts: Sequence[str], path: str = "", raw_texts: Sequence[str] = (),
                  dated: Sequence[int] | None = None) -> NumericOrder:
    """Decide for the whole page whether 04/12/2020 is 4 December or April 12.

    In order of strength: a numeric date on the page with a first part above
    12 (25/11/2020: day first) or a second part above 12 (11/25/2020: month
    first); a weekday printed before a numeric date that only one reading
    gives (Friday 04/12/2020: 4 December); a regional hint on the same line
    as the numeric dates (a time zone: "10:02 GMT 04/12/2020"); the page's written-out dates ("4 December
    2020" or "December 4, 2020"); the day in the file path or in a web address
    on the page (``raw_texts``: the lines as dumped), when only one reading
    gives it; dots between the parts of every numeric date (12.04.2020: day
    first, the European way); the page written in a language other than
    English (``written_in``: German, French, ... pages write day first);
    regional hints anywhere on the page (time zones, spellings, country
    domains, ``vocabulary.DAY_FIRST_HINT_PATTERN``); else month first.
    ``dated``: the positions of the texts that hold a year (``lines_with_a_year``),
    if known.
    """
    day_first = month_first = dotted = 0
    # a weekday printed before a numeric date that fits one reading of it only
    weekday_day_first = weekday_month_first = 0
    numeric: list[tuple[int, int, int]] = []
    # hints on the lines of numeric dates themselves ("10:02 GMT 04/12/2020")
    beside_day = beside_month = 0
    dated = lines_with_a_year(texts) if dated is None else dated
    for pos in dated:
        text = texts[pos]
        before = len(numeric)
        for m in _NUMERIC_DATE.finditer(text):
            a, b = int(m.group("a")), int(m.group("b"))
            day_first += a > 12 >= b
            month_first += b > 12 >= a
            dotted += m.group("sep") == "."
            numeric.append((a, b, _full_year(m.group("y"))))
            if a != b and a <= 12 and b <= 12:
                fits = _weekday_fits(text, m.start(), a, b, numeric[-1][2])
                if fits is not None:
                    weekday_day_first += fits
                    weekday_month_first += not fits
        if len(numeric) > before:
            beside_day += len(_DAY_FIRST_HINT.findall(text))
            beside_month += len(_MONTH_FIRST_HINT.findall(text))
    if not numeric:
        return MONTH_FIRST_BY_DEFAULT  # nothing to read either way
    if day_first != month_first:
        return NumericOrder(day_first > month_first, "a numeric date on the page has a part above 12")
    if weekday_day_first != weekday_month_first:
        return NumericOrder(weekday_day_first > weekday_month_first,
                            "the weekday printed with a numeric date fits that reading only")
    if beside_day != beside_month:
        return NumericOrder(beside_day > beside_month, "a time zone or domain beside the numeric dates")
    day_named = sum(1 for pos in dated for _ in _DAY_BEFORE_MONTH_NAME.finditer(texts[pos]))
    month_named = sum(1 for pos in dated for _ in _MONTH_NAME_BEFORE_DAY.finditer(texts[pos]))
    if day_named != month_named:
        return NumericOrder(day_named > month_named, "the page's written-out dates")
    sources = [("the date in the path", path)]
    # web addresses printed on the page (html2text keeps them) are read only now: rarely needed
    sources += [("a date in a web address on the page", url)
                for raw in raw_texts if "/" in raw for url in _PAGE_URL.findall(raw)]
    for reason, address in sources:
        written = path_date(address)
        if written is None:
            continue
        for a, b, year in numeric:
            if a != b and (year, b, a) == (written.year, written.month, written.day):
                return NumericOrder(True, reason)
            if a != b and (year, a, b) == (written.year, written.month, written.day):
                return NumericOrder(False, reason)
    if dotted == len(numeric):
        # 12.04.2020 is how most of Europe writes 12 April (a US page may
        # write 01.09.2008 for January 9, hence after the page's other dates)
        return NumericOrder(True, "numeric dates written with dots")
    # the whole page is read for hints only when it has numeric dates left to settle
    page = "\n".join(texts)
    language = written_in(page)
    if language not in (None, "English"):
        return NumericOrder(True, f"the page is written in {language}")
    hints_day, hints_month = len(_DAY_FIRST_HINT.findall(page)), len(_MONTH_FIRST_HINT.findall(page))
    if hints_day != hints_month:
        return NumericOrder(hints_day > hints_month, "regional hints on the page")
    return MONTH_FIRST_BY_DEFAULT


def _weekday_fits(text: str, start: int, a: int, b: int, year: int) -> bool | None:
    """True when the weekday named right before the numeric date a/b/year at
    ``start`` fits it read day first (b is the month) and not month first,
    False for the reverse; None when no weekday is named or it settles nothing."""
    m = _WEEKDAY_BEFORE.search(text[max(0, start - _WEEKDAY_REACH):start].lower())
    if not m:
        return None
    weekday = vocab.WEEKDAYS[m.group("weekday")]
    try:
        as_day_first = dt.date(year, b, a).weekday() == weekday
        as_month_first = dt.date(year, a, b).weekday() == weekday
    except ValueError:
        return None
    return as_day_first if as_day_first != as_month_first else None


def written_in(text: str) -> str | None:
    """The language a text is written in, among English and the languages of
    the month names, by its function words (``vocabulary.FUNCTION_WORDS_BY_LANGUAGE``);
    None when none of them clearly leads."""
    counts = Counter(words_of(text.lower()))
    hits = {language: sum(counts[word] for word in words)
            for language, words in vocab.FUNCTION_WORDS_BY_LANGUAGE.items()}
    english = hits.pop("English")
    language, most = max(hits.items(), key=lambda item: item[1])
    if most >= vocab.LANGUAGE_MIN_WORDS and most >= vocab.LANGUAGE_MARGIN * english:
        return language
    if english >= vocab.LANGUAGE_MIN_WORDS and english >= vocab.LANGUAGE_MARGIN * most:
        return "English"
    return None


def lines_with_a_year(texts: Sequence[str]) -> list[int]:
    """The positions of the texts that may hold a date (a year, or a numeric date)."""
    return [pos for pos, text in enumerate(texts) if _HAS_YEAR.search(text)]


def _full_year(y: str) -> int:
    return int(y) if len(y) == 4 else 2000 + int(y) if int(y) < 70 else 1900 + int(y)


def _day_order(m: re.Match, order: NumericOrder) -> tuple[int, int, int] | None:
    """Year, month, day of a numeric date like 9/8/2008: the page's order
    unless that is impossible for this date."""
    a, b, year = int(m.group("a")), int(m.group("b")), _full_year(m.group("y"))
    first_is_day = order.day_first
    if (a > 12) != (b > 12):
        first_is_day = a > 12
    elif a > 12:
        return None
    return (year, b, a) if first_is_day else (year, a, b)


def find_dates(line: Line, position: int,
               order: NumericOrder = MONTH_FIRST_BY_DEFAULT) -> list[DateCandidate]:
    """Every date written on one line (numeric ones read in ``order``)."""
    text = line.text
    if not _HAS_YEAR.search(text):
        return []
    found: list[DateCandidate] = []
    # characters already read as part of a date (a line of a thousand dates
    # is checked in a pass per date, not against every date before it)
    taken = bytearray(len(text))
    # Patterns the line cannot match are not run: prose often holds a year
    # ("since 1996"), rarely a whole date.
    has_month_word = not _MONTH_WORDS.isdisjoint(line.key.split())
    has_numeric_shape = bool(_NUMERIC_SHAPE.search(text))
    for pattern, needs_month_word in zip(_DATE_PATTERNS, _NEEDS_MONTH_WORD):
        if not (has_month_word if needs_month_word else has_numeric_shape):
            continue
        for m in pattern.finditer(text):
            if 1 in taken[m.start():m.end()]:
                continue
            groups = m.groupdict()
            if groups.get("a"):
                parts = _day_order(m, order)
                if parts is None:
                    continue
                year, month, day = parts
            elif groups.get("m"):
                year, month, day = int(groups["year"]), int(groups["m"]), int(groups["d"])
            else:
                month_name = groups["month"].lower()
                year, day = int(groups["year"]), int(groups["day"])
                month = vocab.MONTHS.get(month_name)
                if month is None:  # a case-insensitive match of no name as written in MONTHS
                    continue
            near = _near_time(text, m.start(), m.end())
            when = _build(year, month, day, near[1]) if near else None
            has_time = when is not None
            when = when or _build(year, month, day)
            if when is None:
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            span_start, span_end = m.start(), m.end()
            if has_time:
                span_start = min(span_start, near[0] + near[1].start())
                span_end = max(span_end, near[0] + near[1].end())
            label = _label_of(text, span_start)
            found.append(DateCandidate(when, has_time, position, label, span_end - span_start,
                                       numeric=bool(groups.get("a"))))
    return found


def _plausible(candidate: DateCandidate, mtime: float | None) -> bool:
    when = candidate.when
    if when.year < vocab.EARLIEST_YEAR:
        return False
    if mtime is not None:
        try:
            limit = dt.datetime.fromtimestamp(mtime + vocab.FUTURE_SLACK_SECONDS, dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            return True
        aware = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
        if aware > limit:
            return False
    return True


def path_date(path: str) -> dt.date | None:
    """A date written in a file path, e.g. ``2008/09/08`` or ``20080908``."""
    for m in _PATH_DATE.finditer(path or ""):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    return None


def _score(c: DateCandidate, line: Line, headline_pos: int | None,
           body_start: int, body_end: int, from_path: dt.date | None) -> float:
    w = vocab.DATE_WEIGHTS
    score = w["label"] * _LABEL_WEIGHT.get(c.label, 0.0)
    if headline_pos is not None and headline_pos < c.position < body_start:
        score += w["between_headline_and_body"]
    anchor = headline_pos if headline_pos is not None else body_start
    score += max(w["near_headline_max_penalty"], w["near_headline_per_line"] * abs(c.position - anchor))
    if body_start <= c.position < body_end:
        score += w["inside_body"]
    elif c.position >= body_end:
        score += w["after_body"]
    if line.words >= vocab.LONG_LINE_WORDS and line.score >= vocab.CONTENT_SCORE_THRESHOLD:
        score += w["in_prose"]
    if len(line.text) - c.chars <= vocab.DATE_LINE_MAX_EXTRA_CHARS:
        score += w["date_only_line"]
    if c.has_time:
        score += w["has_time"]
    if line.words <= vocab.RELATIVE_TIME_LINE_MAX_WORDS and _RELATIVE.search(line.text):
        score += w["relative"]
    if from_path is not None and c.when.date() == from_path:
        score += w["in_path"]
    return score


def choose_date(lines: Sequence[Line], headline_pos: int | None, body_start: int, body_end: int,
                path: str = "", mtime: float | None = None) -> tuple[str | None, str | None]:
    """The publication date as an ISO string and how it was found."""
    from_path = path_date(path)
    texts = [line.text for line in lines]
    dated = lines_with_a_year(texts)
    order = numeric_order(texts, path, [line.raw for line in lines], dated)
    best: tuple[float, DateCandidate] | None = None
    for pos in dated:
        line = lines[pos]
        for candidate in find_dates(line, pos, order):
            if not _plausible(candidate, mtime):
                continue
            score = _score(candidate, line, headline_pos, body_start, body_end, from_path)
            if best is None or score > best[0]:
                best = (score, candidate)
    if best is None:
        if from_path is not None:
            return from_path.isoformat(), "path"
        return None, None
    candidate = best[1]
    if candidate.label:
        source = f"label:{candidate.label}"
    elif headline_pos is not None and abs(candidate.position - headline_pos) <= vocab.NEAR_HEADLINE_LINES:
        source = "near-headline"
    elif body_start <= candidate.position < body_end:
        source = "body"
    else:
        source = "page"
    if candidate.numeric:
        source += f"; {order.describe()}"
    return candidate.iso(), source
