"""Citations of one article: a line of text, a BibTeX entry, CSL-JSON.

Pure functions of a :class:`~newsidx.models.StoredArticle`, no rich. What is
not known (no source, no date, no byline) is left out rather than invented.
Scraped pages carry no URL, so the file the article was read from stands in
for it: ``note`` in BibTeX, ``note`` in CSL-JSON and the end of the text line.

The BibTeX key is stable: the same article always gets the same key, and
two articles never share one, because it ends with the start of the id
(``xinhua2008russia-a2364e``).
"""

from __future__ import annotations

import re
import unicodedata

from newsidx.display import day_of, display_path
from newsidx.models import StoredArticle
from newsidx.stopwords import STOP_WORDS
from newsidx.terminal import safe

__all__ = ["FORMATS", "bibtex", "bibtex_key", "cite", "csl_json", "every_format", "text"]

FORMATS = ("text", "bibtex", "csl-json")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WHITESPACE = re.compile(r"\s+")
_KEY_WORD = re.compile(r"[a-z0-9]+")


def _clean(value: str | None) -> str:
    """One line of printable text: control characters gone, whitespace collapsed."""
    return _WHITESPACE.sub(" ", safe(value or "")).strip()


def _written_date(date_text: str | None) -> str:
    day = day_of(date_text)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else ""


def text(article: StoredArticle) -> str:
    """One line, as a style guide would have it: Byline. “Headline.” Source, 8 September 2008. File: path"""
    headline = _clean(article.headline) or "(no headline)"
    pieces = [_clean(article.byline).rstrip(".") + "." if article.byline else "",
              f"“{headline if headline[-1] in '.?!' else headline + '.'}”"]
    where = ", ".join(part for part in (_clean(article.source), _written_date(article.date)) if part)
    pieces.append(f"{where}." if where else "")
    pieces.append(f"File: {display_path(article.path)}" if article.path else "")
    return " ".join(piece for piece in pieces if piece)


def _ascii_words(value: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return _KEY_WORD.findall(folded)


def bibtex_key(article: StoredArticle) -> str:
    """``<source or byline><year><first headline word>-<id start>``, letters and digits only."""
    who = _ascii_words(article.source or article.byline or "")
    day = day_of(article.date)
    words = [w for w in _ascii_words(article.headline) if w not in STOP_WORDS and not w.isdigit()]
    stem = f"{who[-1] if who else 'news'}{day.year if day else ''}{words[0] if words else ''}"
    return f"{stem[:40]}-{article.id[:6]}"


# LaTeX specials: the first three would unbalance or end a braced value.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
    "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
}
_BIBTEX_SPECIAL = re.compile(r"[\\{}$&%#_^~]")


def bibtex_escape(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group()], _clean(value))


def bibtex(article: StoredArticle) -> str:
    """A ``@misc`` entry (news has no volume or pages for ``@article``)."""
    day = day_of(article.date)
    fields = [
        # Double braces keep the headline's capitals from a style's lower-casing.
        ("title", "{" + bibtex_escape(article.headline or "(no headline)") + "}"),
        ("author", bibtex_escape(article.byline) if article.byline else None),
        ("howpublished", bibtex_escape(article.source) if article.source else None),
        ("year", str(day.year) if day else None),
        ("month", _BIBTEX_MONTHS[day.month - 1] if day else None),
        ("day", str(day.day) if day else None),
        ("address", bibtex_escape(article.dateline) if article.dateline else None),
        ("note", "File: " + bibtex_escape(display_path(article.path)) if article.path else None),
    ]
    # Months go unbraced: BibTeX's own macros (jan ... dec), which styles print in their language.
    body = ",\n".join(f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
                      for name, value in fields if value)
    return f"@misc{{{bibtex_key(article)},\n{body}\n}}"


def csl_json(article: StoredArticle) -> dict:
    """One CSL-JSON item (type ``article-newspaper``), what Zotero and pandoc read.

    A list of such items is a CSL-JSON document.
    """
    item: dict = {"id": bibtex_key(article), "type": "article-newspaper",
                  "title": _clean(article.headline)}
    if article.source:
        item["container-title"] = _clean(article.source)
    day = day_of(article.date)
    if day:
        item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    if article.byline:
        item["author"] = [{"literal": _clean(article.byline)}]
    if article.dateline:
        item["publisher-place"] = _clean(article.dateline)
    if article.path:
        item["note"] = f"File: {display_path(article.path)}"
    return item


def cite(article: StoredArticle, style: str) -> str | dict:
    """The citation in one of :data:`FORMATS` (CSL-JSON as a dict)."""
    if style not in FORMATS:
        raise ValueError(f"unknown citation format {style!r}; one of {', '.join(FORMATS)}")
    return {"text": text, "bibtex": bibtex, "csl-json": csl_json}[style](article)


def every_format(article: StoredArticle) -> dict:
    return {style: cite(article, style) for style in FORMATS}
