"""Small builders shared by the test modules: article files and generated corpora.

Every text here is written for the tests (none is copied from real articles), so
tests can rely on exactly which words each file contains.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path
from typing import Sequence

# Site furniture a scraped page carries around the article (``chrome=True``).
_CHROME_TOP = ["Home | World | Business | Sport | Weather", "Subscribe", "Sign in"]
_CHROME_BOTTOM = ["Read more", "Share this article", "Copyright 2024 Example Media. All rights reserved."]


def article_text(headline: str, paragraphs: Sequence[str], date: str | None = None,
                 chrome: bool = False) -> str:
    """The text of a page dump: headline, optional date line, blank-separated paragraphs."""
    lines: list[str] = []
    if chrome:
        lines += _CHROME_TOP + [""]
    lines += [headline, ""]
    if date:
        lines += [f"Published: {date}", ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    if chrome:
        lines += _CHROME_BOTTOM
    return "\n".join(lines).rstrip("\n") + "\n"


def write_article(directory, name: str, headline: str, paragraphs: Sequence[str],
                  date: str | None = None, chrome: bool = False, encoding: str = "utf-8",
                  mtime: float | None = None) -> Path:
    """Write one article file (creating folders) and return its path.

    ``mtime`` (seconds) sets the modification time, so tests never depend on the
    clock's resolution to see a file as changed.
    """
    path = Path(directory) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(article_text(headline, paragraphs, date, chrome).encode(encoding))
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def touch(path, mtime: float) -> None:
    """Change only the modification time of ``path``."""
    os.utime(path, (mtime, mtime))


# --------------------------------------------------------------------------- generated corpora

_SUBJECTS = ["the harbour authority", "a regional water board", "the transport ministry",
             "an opposition senator", "the national statistics office", "a farmers' cooperative",
             "the city's fire brigade", "a panel of auditors", "the coastal guard",
             "an independent inquiry", "the teachers' union", "a consortium of banks",
             "the weather service", "a provincial court", "the energy regulator",
             "a group of residents", "the museum's trustees", "an airline spokeswoman"]
_VERBS = ["announced", "questioned", "postponed", "approved", "criticised", "reviewed",
          "defended", "rejected", "published", "extended", "suspended", "welcomed"]
_OBJECTS = ["a plan to dredge the northern canal", "the budget for rural clinics",
            "new limits on night flights", "a survey of flooded farmland",
            "the contract for bridge repairs", "a scheme to plant coastal forests",
            "rules on river fishing quotas", "the timetable for the tram extension",
            "a report on school meals", "the sale of the old grain silo",
            "a pilot programme for electric ferries", "the closure of two post offices"]
_PLACES = ["Valmora", "Ostrhaven", "Pell Ridge", "Karsk", "Dunmere", "Lindquay", "Saroth",
           "Bexworth", "Tallis Bay", "Meridan", "Corvale", "Ashgrove", "Norrin", "Quellport"]
_CODAS = ["officials said", "according to a statement", "the minutes show",
          "local reporters were told", "a spokesman confirmed", "documents seen by this paper show"]


def generated_article(number: int, sentences: int = 12) -> tuple[str, list[str]]:
    """A deterministic, distinct article for ``number``: (headline, paragraphs).

    Every sentence carries a serial (``number``-specific figures), so no two
    generated articles are exact or near duplicates of each other.
    """
    rng = random.Random(number)
    place = rng.choice(_PLACES)
    out: list[str] = []
    for s in range(sentences):
        out.append(f"In {rng.choice(_PLACES)}, {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} "
                   f"{rng.choice(_OBJECTS)} costing {number * 37 + s * 11} thousand crowns, "
                   f"{rng.choice(_CODAS)}; case {number}-{s} goes to a vote in {rng.randint(2, 40)} days.")
    paragraphs = [" ".join(out[i:i + 3]) for i in range(0, sentences, 3)]
    headline = f"{place} council weighs proposal number {number}"
    return headline, paragraphs


def write_generated(directory, count: int, start: int = 0, prefix: str = "story") -> list[Path]:
    """Write ``count`` generated articles named ``{prefix}-NNNN.txt``."""
    paths = []
    for number in range(start, start + count):
        headline, paragraphs = generated_article(number)
        paths.append(write_article(directory, f"{prefix}-{number:04d}.txt", headline, paragraphs))
    return paths


def newsidx_script() -> Path | None:
    """The installed ``newsidx`` console script of this interpreter, if any."""
    script = Path(sys.executable).parent / "newsidx"
    return script if script.exists() else None
