"""The query language, and the checks that keep Whoosh from guessing or crashing.

The language is Whoosh's, with a few plugins: words (all must match), ``OR``,
``NOT`` or ``-word``, ``(grouping)``, ``"phrases"`` and ``"phrases"~3``
(words at most three positions apart), ``prefix*``, ``fuzzy~`` (one typo, or
``fuzzy~2``), ``field:word`` for the documented fields only, and dates:
``date:2008``, ``date:2008-09``, ``date:[2008-09-01 TO 2008-09-30]``,
``date:>2008-09-01``, ``date:'Sep 2008'`` (periods as :mod:`newsidx.periods`).

Whoosh quietly reinterprets some broken input (an unclosed quote, a field it
does not know) and crashes on some other (``NOT NOT x``, ``>x``, very deep
nesting). newsidx checks the text first and turns every failure of Whoosh's
parser into :class:`QuerySyntaxError`, so a user never gets results for a query
they did not mean, and a script never reads a crash as "no hits".
"""

from __future__ import annotations

import re

from whoosh import query as wq
from whoosh.fields import DATETIME, TEXT, Schema
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.qparser.common import QueryParserError

from newsidx.errors import QuerySyntaxError
from newsidx.index.schema import FIELD_BOOSTS, QUERY_FIELDS, SEARCH_FIELDS
from newsidx.periods import parse_period

# Bounds that keep parsing and matching far below a second; queries people
# type are a few words (Whoosh's recursive parser fails near 1,000 words).
MAX_QUERY_CHARS = 2000
MAX_WORDS = 64
MAX_WORD_CHARS = 100
MAX_DEPTH = 8
# A wildcard must say where in the vocabulary to look: a prefix this long.
MIN_WILDCARD_PREFIX = 2
# ... and may not stand for more words than this (``a*`` on a big archive).
MAX_EXPANSION = 2000

_FIELD_PREFIX = re.compile(r"(?<![\w.:/-])([A-Za-z_]\w*):")
_QUOTED_DATE = re.compile(r"""\bdate:(["'])(.*?)\1""")
_EMPTY_FIELD = re.compile(r"\b(\w+):(?:[<>]=?)?(?=\s|\)|$)")
_FUZZY_WORD = re.compile(r"([^\s()~]*)~(\d*)(?:/(\d*))?")
MAX_TYPOS = 2  # Whoosh's automaton for more grows without bound (gigabytes at ~9)
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
MIN_FUZZY_CHARS = 3
_COMPARISON = re.compile(r"\A(?P<op>[<>]=?)(?P<value>.*)\Z", re.DOTALL)
_WILDCARD_WORD = re.compile(r"[^\s()\"]*[*?][^\s()\"]*")


class StrictDate(DATETIME):
    """The ``date`` field as the parser sees it: periods, not Whoosh's guesses.

    Whoosh reads ``date:2004.5`` and ``date:>>2004`` as 2004, and crashes on
    ``date:<2004-13``. Raising here makes the parser record an error node,
    which :meth:`ArticleQueryParser.parse` reports.
    """

    def parse_query(self, fieldname, qstring, boost=1.0):
        comparison = _COMPARISON.match(qstring.strip())
        if comparison is None:
            period = _period(qstring)
            return wq.DateRange(fieldname, period.start, period.end, boost=boost)
        op, period = comparison["op"], _period(comparison["value"])
        if op == ">":
            return wq.DateRange(fieldname, period.after, None, boost=boost)
        if op == ">=":
            return wq.DateRange(fieldname, period.start, None, boost=boost)
        if op == "<":
            return wq.DateRange(fieldname, None, period.start, endexcl=True, boost=boost)
        return wq.DateRange(fieldname, None, period.end, boost=boost)

    def parse_range(self, fieldname, start, end, startexcl, endexcl, boost=1.0):
        if not (start or "").strip() and not (end or "").strip():
            raise QueryParserError("a date range needs at least one end: date:[2008-09 TO 2008-10]")
        low = _period(start) if (start or "").strip() else None
        high = _period(end) if (end or "").strip() else None
        if low and high and low.start > high.end:
            raise QueryParserError(f"date range {start.strip()} TO {end.strip()} ends before it starts")
        return wq.DateRange(fieldname,
                            (low.after if startexcl else low.start) if low else None,
                            (high.start if endexcl else high.end) if high else None,
                            endexcl=bool(high and endexcl), boost=boost)


def _period(text: str):
    try:
        return parse_period(text)
    except ValueError as exc:
        raise QueryParserError(f"date:{text.strip()}: {exc}") from None


class ArticleQueryParser:
    """Parses query text for one index schema, or raises :class:`QuerySyntaxError`."""

    def __init__(self, schema, analyzer=None):
        """``analyzer``: another analyzer for headline and body words (``--exact``)."""
        # Only the documented fields: stored-only ones ("warnings") have no
        # terms, and Whoosh fails on them while running the query.
        fields = {name: schema[name] for name in QUERY_FIELDS if name in schema and name != "date"}
        fields["date"] = StrictDate()
        if analyzer is not None:
            fields.update({name: TEXT(analyzer=analyzer, phrase=True) for name in SEARCH_FIELDS})
        self._parser = MultifieldParser(list(SEARCH_FIELDS), Schema(**fields), fieldboosts=FIELD_BOOSTS)
        self._parser.add_plugin(FuzzyTermPlugin())
        # "-word" excludes, "cease-fire" is a word: a sign only where a word starts.
        self._parser.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))

    def parse(self, text: str):
        text = _check(text)
        if text.strip() == "*":  # every article, without enumerating the vocabulary
            return wq.Every()
        try:
            query = self._parser.parse(text)
        except QueryParserError as exc:
            raise QuerySyntaxError(f"cannot parse query {text!r}: {exc}") from exc
        except Exception as exc:  # noqa: BLE001 -- Whoosh's parser has crashes of its own (NOT NOT x)
            raise QuerySyntaxError(f"cannot parse query {text!r}; check its operators "
                                   "(AND, OR, NOT, quotes, parentheses)") from exc
        errors = _parse_errors(query)
        if errors:
            raise QuerySyntaxError(f"cannot parse query {text!r}: {errors[0]}")
        if query is wq.NullQuery or isinstance(query, type(wq.NullQuery)):
            raise QuerySyntaxError(f"query {text!r} has no words to search for "
                                   "(only stop words or punctuation)")
        return _tidy(query)


def check_expansions(query, reader) -> None:
    """Refuse wildcards and fuzzy terms that stand for too many words.

    Whoosh would OR every expansion together and score them all: ``a*`` on a
    large archive is tens of thousands of terms."""
    for node in query.leaves():
        if isinstance(node, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm)) and node.fieldname in reader.schema:
            count = 0
            for count, _ in enumerate(node._btexts(reader), start=1):
                if count > MAX_EXPANSION:
                    raise QuerySyntaxError(
                        f"{node.text!r} stands for more than {MAX_EXPANSION:,} different words "
                        "in this archive; make it longer")


def _check(text: str) -> str:
    if not text.strip():
        raise QuerySyntaxError("the query is empty")
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}")
    _check_balanced(text)
    outside = _outside_quotes(text)
    words = outside.split() + text.split('"')[1::2]
    if len(words) > MAX_WORDS:
        raise QuerySyntaxError(f"the query has {len(words)} words; the limit is {MAX_WORDS}")
    for word in text.split():
        if len(word) > MAX_WORD_CHARS:
            raise QuerySyntaxError(f"a word of {len(word):,} characters is not a word "
                                   f"(the limit is {MAX_WORD_CHARS})")
    for name in _FIELD_PREFIX.findall(outside):
        if name not in QUERY_FIELDS:
            raise QuerySyntaxError(
                f"unknown field {name!r}: fields are {', '.join(QUERY_FIELDS)} "
                f"(put \"{name}:...\" in quotes to search for the text)")
    empty = _EMPTY_FIELD.search(outside)
    if empty:
        example = "date:2008-09 or date:>2008-09-01" if empty.group(1) == "date" else f"{empty.group(1)}:word"
        raise QuerySyntaxError(f"{empty.group(1)}: needs something after it, e.g. {example}")
    tokens = re.sub(r'"[^"]*"', " phrase ", text).replace("(", " ").replace(")", " ").split()
    if tokens and (tokens[0] in _OPERATORS - {"NOT"} or tokens[-1] in _OPERATORS):
        operator, side = (tokens[0], "before") if tokens[0] in _OPERATORS - {"NOT"} else (tokens[-1], "after")
        raise QuerySyntaxError(f"{operator} needs words {side} it (write it in lower case to search for it)")
    for word, typos, prefix in _FUZZY_WORD.findall(outside):
        word = word.split(":")[-1]
        if not word:  # "phrase"~3: words apart, checked by Whoosh
            continue
        if len(word) < MIN_FUZZY_CHARS:
            raise QuerySyntaxError(f"{word!r} is too short to allow for typos (at least {MIN_FUZZY_CHARS} letters)")
        if typos and not 1 <= int(typos) <= MAX_TYPOS:
            raise QuerySyntaxError(f"{word}~{typos}: a word may have 1 or {MAX_TYPOS} typos ({word}~ is 1)")
        if prefix and int(prefix) > len(word):
            raise QuerySyntaxError(f"{word}~{typos}/{prefix}: the part kept exact is longer than the word")
    for word in _WILDCARD_WORD.findall(outside):
        literal = re.split(r"[*?]", word.split(":")[-1], maxsplit=1)[0]
        if word.strip() != "*" and len(literal) < MIN_WILDCARD_PREFIX:
            raise QuerySyntaxError(
                f"{word!r}: a wildcard needs at least {MIN_WILDCARD_PREFIX} letters before * or ?")
    return _QUOTED_DATE.sub(_iso_date, text)


def _iso_date(match: re.Match) -> str:
    """``date:'Sep 2008'`` as ``date:[2008-09-01T00:00 TO ...]``: Whoosh's
    phrase syntax would otherwise turn a quoted date into a word."""
    try:
        period = parse_period(match.group(2))
    except ValueError as exc:
        raise QuerySyntaxError(f"date:{match.group(1)}{match.group(2)}{match.group(1)}: {exc}") from None
    return f"date:[{_minute(period.start)} TO {_minute(period.end)}]"


def _minute(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _outside_quotes(text: str) -> str:
    return " ".join(text.split('"')[0::2])


def _check_balanced(text: str) -> None:
    if text.count('"') % 2:
        raise QuerySyntaxError(f"unclosed quote in query {text!r}")
    depth = 0
    for char in _outside_quotes(text):
        if char == "(":
            depth += 1
            if depth > MAX_DEPTH:
                raise QuerySyntaxError(f"parentheses nest more than {MAX_DEPTH} deep")
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise QuerySyntaxError(f"unmatched ')' in query {text!r}")
    if depth:
        raise QuerySyntaxError(f"unclosed '(' in query {text!r}")


def _parse_errors(query) -> list[str]:
    """Whoosh parses what it cannot understand into error nodes instead of raising."""
    errors = []
    error = getattr(query, "error", None)
    if error:
        errors.append(str(error))
    for child in query.children():
        errors.extend(_parse_errors(child))
    return errors


def _tidy(query):
    """Every article for ``field:*`` (Whoosh would read every posting of the
    field to find them), and a first letter in common for fuzzy terms (else
    Whoosh measures the distance to every word of the archive)."""
    def rewrite(node):
        if isinstance(node, wq.Every):
            return wq.Every()
        if isinstance(node, wq.FuzzyTerm):
            # Checked on what Whoosh parsed, not only on the text: "~~/99" is a fuzzy "~".
            if len(node.text) < MIN_FUZZY_CHARS or not 1 <= node.maxdist <= MAX_TYPOS \
                    or node.prefixlength > len(node.text):
                raise QuerySyntaxError(
                    f"{node.text}~: typos are allowed in words of {MIN_FUZZY_CHARS} letters or more, "
                    f"1 or {MAX_TYPOS} of them, with an exact part no longer than the word")
            if node.prefixlength == 0:
                return wq.FuzzyTerm(node.fieldname, node.text, node.boost, node.maxdist, prefixlength=1)
        return node
    return query.accept(rewrite)


def split_dates(query) -> tuple[object, int | None, int | None]:
    """``query`` without the date ranges every match must satisfy, and those
    ranges as inclusive bounds on Whoosh's date longs (None: open).

    Whoosh matches a date range through many terms of a tiered numeric
    index, each with its postings: for ``economy date:2005`` that was half
    the search. A search reads every match's date from a column anyway, so
    ranges ANDed at the top of the query are checked there instead."""
    parts = list(query.subqueries) if isinstance(query, wq.And) else [query]
    ranges = [part for part in parts if isinstance(part, wq.NumericRange) and part.fieldname == "date"]
    if not ranges:
        return query, None, None
    low = high = None
    for part in ranges:
        if part.start is not None:
            start = part.start + 1 if part.startexcl else part.start
            low = start if low is None else max(low, start)
        if part.end is not None:
            end = part.end - 1 if part.endexcl else part.end
            high = end if high is None else min(high, end)
    rest = [part for part in parts if part not in ranges]
    if not rest:
        return wq.Every(), low, high
    return (rest[0] if len(rest) == 1 else wq.And(rest, boost=query.boost)), low, high
