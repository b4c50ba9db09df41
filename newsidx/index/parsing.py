"""The query language, and the checks that keep Whoosh from guessing.

The query language is Whoosh's: words (all must match), ``OR``, ``NOT``,
``"phrases"``, ``field:word`` for headline, body, source, dateline and byline,
and ``date:2008``, ``date:2008-09``, ``date:[2008-09-01 TO 2008-09-30]``,
``date:>2008-09-01``. Whoosh quietly reinterprets some broken input (an
unclosed quote or parenthesis); newsidx reports those as errors instead, so a
user never gets results for a query they did not mean.
"""

from __future__ import annotations

from whoosh.qparser import GtLtPlugin, MultifieldParser
from whoosh.qparser.common import QueryParserError

from newsidx.errors import QuerySyntaxError
from newsidx.index.schema import FIELD_BOOSTS, SEARCH_FIELDS


class ArticleQueryParser:
    """Parses query text for one index schema, or raises :class:`QuerySyntaxError`."""

    def __init__(self, schema):
        self._parser = MultifieldParser(list(SEARCH_FIELDS), schema, fieldboosts=FIELD_BOOSTS)
        self._parser.add_plugin(GtLtPlugin())

    def parse(self, text: str):
        if not text.strip():
            raise QuerySyntaxError("the query is empty")
        _check_balanced(text)
        try:
            query = self._parser.parse(text)
        except QueryParserError as exc:
            raise QuerySyntaxError(f"cannot parse query {text!r}: {exc}") from exc
        errors = _parse_errors(query)
        if errors:
            raise QuerySyntaxError(f"cannot parse query {text!r}: {errors[0]}")
        return query


def _check_balanced(text: str) -> None:
    if text.count('"') % 2:
        raise QuerySyntaxError(f"unclosed quote in query {text!r}")
    depth = 0
    in_phrase = False
    for char in text:
        if char == '"':
            in_phrase = not in_phrase
        elif not in_phrase and char == "(":
            depth += 1
        elif not in_phrase and char == ")":
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
