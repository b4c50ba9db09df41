"""Source agency, byline and dateline.

- Dateline: the all-capitals place that opens a wire story, optionally with an
  agency tag and a date: ``MOSCOW -``, ``LONDON (Reuters) -``,
  ``WASHINGTON, Jan 15 (AP) --``. The prefix stays at the start of the body
  (it is part of the story as printed) but is recorded as ``dateline``.
- Source: an agency credited in the dateline, on a line of its own near the
  headline (``(Xinhua)``, ``AFP``) or in the byline
  (``By JOHN DOE, Associated Press Writer``).
- Byline: a ``By ...`` line between the headline and the body (or opening the
  body); the name without the role that follows it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsidx.extract import vocabulary as vocab
from newsidx.extract.lines import Line

_AGENCY_ALTERNATIVES = "|".join(f"(?P<a{i}>{pattern})" for i, pattern in enumerate(vocab.AGENCIES.values()))
_AGENCY_NAMES = list(vocab.AGENCIES)
_AGENCY = re.compile(r"^(?:" + _AGENCY_ALTERNATIVES + r")$", re.I)

# A wire story's dateline: "MOSCOW (Reuters) - ", "BEIJING, Aug. 9 (Xinhua) -- ",
# "WASHINGTON - ", or the agency alone, "(AP) - ". One pattern for both jobs:
# find_dateline reads the place and agency from it, and newsidx.dedup drops it
# (dateline_prefix_end) before hashing a body, since copies of one story differ
# by it. A place needs DATELINE_PLACE_MIN_CHARS capitals (checked in
# _is_place), so an ordinary first sentence ("Shell - the oil firm") is kept.
_PLACE = r"[A-Z][A-Z.'’\-]*(?:\s+[A-Z][A-Z.'’\-]*){0,3}"
_DATELINE = re.compile(
    r"^(?P<place>" + _PLACE + r"(?:,\s+[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})?)?"
    r"(?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?:[-–—]{1,2}|:)\s+(?=\S)"
)
_AGENCY_TAG = re.compile(r"^[(\[]?\s*(?P<agency>[A-Za-z][\w .\-]{0,40}?)\s*[)\]]?$")
# The opening of every credit line, one pattern; in a byline the opener
# (group "byline") is followed by the writer's name (_AFTER_BYLINE_OPENER).
_CREDIT_OPENING = re.compile(r"^(?:(?P<byline>" + "|".join(vocab.BYLINE_OPENERS) + r")|"
                             + "|".join(vocab.OTHER_CREDIT_OPENERS) + r")\b", re.I)
_AFTER_BYLINE_OPENER = re.compile(r"\s+(?P<rest>.+)$")
# "Posted on May 2, 2023 by Jane Rowe", "Published 2 May 2023 | by Jane Rowe":
# the name comes last, after a date
_BY_AFTER_A_POSTING = re.compile(r"^(?:" + "|".join(vocab.POSTING_OPENERS) + r")\b.{1,60}?\bby\s+(?P<rest>.+)$",
                                 re.I)
_BYLINE_END = re.compile(
    r"\s*(?:,|\s[-–—|]\s|\bfor\b|\bon\b|\s\d|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\bupdated\b|\bposted\b|$)",
    re.I)
_ROLE = re.compile(r"\b" + vocab.BYLINE_ROLE_WORDS + r"\b", re.I)
_CREDIT = re.compile(r"^(?:source|sources|credit)\s*:\s*(?P<agency>.+)$", re.I)


def agency_name(text: str) -> str | None:
    """The canonical agency name if ``text`` is one (``"Associated Press"`` -> ``"AP"``)."""
    m = _AGENCY.match(text.strip().rstrip(".").strip())
    if not m:
        return None
    for i, name in enumerate(_AGENCY_NAMES):
        if m.group(f"a{i}"):
            return name
    return None


def find_dateline(first_body_line: str) -> tuple[str | None, str | None]:
    """The dateline place and the agency named in it, from the body's first line."""
    m = _DATELINE.match(first_body_line)
    if not m or not _is_place(m.group("place")):
        return None, None
    place = m.group("place").strip()
    agency = agency_name(m.group("agency")) if m.group("agency") else None
    if m.group("agency") and agency is None:
        return None, None
    return place, agency


def dateline_prefix_end(text: str) -> int:
    """Where a dateline or agency credit opening ``text`` ends (0 if none):
    what copies of one wire story differ by (see newsidx.dedup)."""
    m = _DATELINE.match(text)
    if m and (m.group("agency") or _is_place(m.group("place"))):
        return m.end()
    return 0


def _is_place(text: str | None) -> bool:
    head = (text or "").strip().split(",")[0]
    return (len(head) >= vocab.DATELINE_PLACE_MIN_CHARS
            and head.replace(" ", "").replace(".", "").isupper())


def opens_like_a_credit(text: str) -> bool:
    """Whether a line opens as credits do: "By ...", "From ...", "Source ..."."""
    return bool(_CREDIT_OPENING.match(text))


def find_byline(text: str) -> tuple[str | None, str | None]:
    """Author name and any agency credited on a ``By ...`` line, or on a
    posting line that ends with one ("Posted on May 2, 2023 by Jane Rowe")."""
    opening = _CREDIT_OPENING.match(text)
    if opening and opening.group("byline"):
        m = _AFTER_BYLINE_OPENER.match(text, opening.end())
    else:
        m = _BY_AFTER_A_POSTING.match(text)
    if not m:
        return None, None
    rest = m.group("rest")
    end = _BYLINE_END.search(rest)
    name = rest[:end.start()].strip() if end else rest.strip()
    words = name.split()
    if not 1 <= len(words) <= vocab.BYLINE_NAME_MAX_WORDS or not all(
            w[0].isupper() for w in words if w.lower() not in vocab.NAME_PARTICLES):
        return None, None
    credited = agency_name(_ROLE.sub("", name).strip())
    if credited:  # "By The Associated Press", "By Reuters Staff": an agency, no writer
        return None, credited
    agency = None
    for part in re.split(r",|\bfor\b", rest[len(name):], flags=re.I):
        part = _ROLE.sub("", part).strip()
        agency = agency or agency_name(part)
    return name, agency


def find_credits(lines: Sequence[Line], headline_pos: int | None, body_start: int,
                 body_end: int) -> tuple[str | None, str | None, str | None]:
    """(source, dateline, byline) for a page whose body spans ``lines[body_start:body_end]``."""
    source = dateline = byline = None
    if body_start < body_end:
        dateline, source = find_dateline(lines[body_start].text)
    # the lines between the headline and the body, then the body's first lines
    top = headline_pos + 1 if headline_pos is not None else max(0, body_start - vocab.CREDIT_LINES_ABOVE_BODY)
    near = list(lines[top:body_start]) + list(lines[body_start:min(body_end, body_start + vocab.BYLINE_BODY_LINES)])
    for line in near:
        if byline is None:
            name, agency = find_byline(line.text)
            byline = name
            source = source or agency
        if source is None and line.words <= vocab.AGENCY_LINE_MAX_WORDS:
            tag = _AGENCY_TAG.match(line.text)
            source = agency_name(tag.group("agency")) if tag else None
    if source is None:
        # credits after the last paragraph: "AFP", "Source: Xinhua"
        for line in lines[body_end:body_end + vocab.END_CREDIT_LINES]:
            credit = _CREDIT.match(line.text)
            source = (agency_name(credit.group("agency") if credit else line.text)
                      if line.words <= vocab.AGENCY_LINE_MAX_WORDS else None)
            if source:
                break
    return source, dateline, byline
