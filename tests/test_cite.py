"""Tests for newsidx.cite: the citation line, BibTeX checked by parsing it, CSL-JSON."""

from __future__ import annotations

import json
import re

import pytest

from newsidx import cite
from newsidx.models import StoredArticle


def stored(**fields) -> StoredArticle:
    values = dict(id="ab12cd34ef", headline="Dockers end strike at Velmora port", body="",
                  date="2011-04-05T09:30", date_source="text", source="Port Gazette",
                  dateline="ROTTERDAM", byline="Jo Tester", group="g1", word_count=12,
                  paths=("/news/harbour.txt",))
    values.update(fields)
    return StoredArticle(**values)


HOSTILE = stored(headline="50% of {dockers} & R_D staff win $5 #pay ~rise^ \\end{document}",
                 source="Gazette & Herald}", byline="Jo {Tester}\x1b[2J", dateline="100% PORT",
                 paths=("/news/a_b%c.txt",))


def test_text_line():
    assert cite.text(stored()) == ("Jo Tester. \u201cDockers end strike at Velmora port.\u201d "
                                   "Port Gazette, 5 April 2011. File: /news/harbour.txt")


def test_text_line_leaves_out_what_is_unknown_and_keeps_a_question_mark():
    bare = stored(headline="Will the port reopen?", byline=None, source=None, date=None, paths=())
    assert cite.text(bare) == "\u201cWill the port reopen?\u201d"
    assert "\x1b" not in cite.text(HOSTILE) and "\n" not in cite.text(stored(headline="Two\nlines"))


# --- a small BibTeX reader: what BibTeX itself requires of an entry ---------------------

_ENTRY_START = re.compile(r"@(\w+)\{([^\s,{}()=\"#%'~\\]+),")
_FIELD_NAME = re.compile(r"\s*([a-z]+)\s*=\s*")


def parse_bibtex(source: str) -> tuple[str, str, dict[str, str]]:
    """(entry type, key, {field: value}) of one entry, or AssertionError.

    Values are braced (braces balanced, the only way a value can end) or bare
    macro names; a LaTeX special outside a backslash escape is an error too,
    as it would break or change the typeset reference.
    """
    start = _ENTRY_START.match(source)
    assert start, f"no entry start in {source[:40]!r}"
    position, fields = start.end(), {}
    while True:
        name = _FIELD_NAME.match(source, position)
        if not name:
            break
        position = name.end()
        if source[position] == "{":
            depth, end = 0, position
            while True:
                char = source[end]
                if char == "\\":
                    end += 2
                    continue
                depth += {"{": 1, "}": -1}.get(char, 0)
                end += 1
                if depth == 0:
                    break
            value = source[position + 1 : end - 1]
        else:
            bare = re.match(r"[a-z]+", source[position:])
            assert bare, f"field {name.group(1)} has no value"
            value, end = bare.group(), position + bare.end()
        assert not re.search(r"(?<!\\)[%&#_$]", value), f"unescaped special in {value!r}"
        assert name.group(1) not in fields, f"field {name.group(1)} twice"
        fields[name.group(1)] = value
        position = end
        comma = re.match(r"\s*,", source[position:])
        if not comma:
            break
        position += comma.end()
    assert re.fullmatch(r"\s*\}\s*", source[position:]), f"entry does not close: {source[position:]!r}"
    return start.group(1), start.group(2), fields


def test_the_bibtex_reader_rejects_broken_entries():
    for broken in ("@misc{a b,\n  title = {x}\n}", "@misc{k,\n  title = {x}\n",
                   "@misc{k,\n  title = {50% off}\n}", "@misc{k,\n  title = {{x}\n}"):
        with pytest.raises((AssertionError, IndexError)):
            parse_bibtex(broken)


def test_bibtex_entry_parses_with_every_known_field():
    kind, key, fields = parse_bibtex(cite.bibtex(stored()))
    assert (kind, key) == ("misc", "gazette2011dockers-ab12cd")
    assert fields == {"title": "{Dockers end strike at Velmora port}", "author": "Jo Tester",
                      "howpublished": "Port Gazette", "year": "2011", "month": "apr", "day": "5",
                      "address": "ROTTERDAM", "note": "File: /news/harbour.txt"}


def test_bibtex_escapes_specials_and_still_parses():
    kind, key, fields = parse_bibtex(cite.bibtex(HOSTILE))
    assert fields["title"] == (r"{50\% of \{dockers\} \& R\_D staff win \$5 \#pay \~{}rise\^{} "
                               r"\textbackslash{}end\{document\}}")
    assert fields["howpublished"] == r"Gazette \& Herald\}"
    assert fields["author"] == r"Jo \{Tester\}[2J"
    assert fields["note"] == r"File: /news/a\_b\%c.txt"


def test_bibtex_key_is_stable_and_plain():
    article = stored(headline="The \u00e9lys\u00e9e answers", source=None, byline="Ana Pérez-Soto")
    assert cite.bibtex_key(article) == cite.bibtex_key(article) == "soto2011elysee-ab12cd"
    undated = stored(headline="", source=None, byline=None, date=None)
    assert cite.bibtex_key(undated) == "news-ab12cd"
    _, _, fields = parse_bibtex(cite.bibtex(undated))
    assert "year" not in fields and fields["title"] == "{(no headline)}"


def test_csl_json_item():
    item = json.loads(json.dumps(cite.csl_json(stored())))
    assert item == {"id": "gazette2011dockers-ab12cd", "type": "article-newspaper",
                    "title": "Dockers end strike at Velmora port", "container-title": "Port Gazette",
                    "issued": {"date-parts": [[2011, 4, 5]]}, "author": [{"literal": "Jo Tester"}],
                    "publisher-place": "ROTTERDAM", "note": "File: /news/harbour.txt"}


def test_csl_json_leaves_out_what_is_unknown():
    item = cite.csl_json(stored(source=None, date=None, byline=None, dateline=None, paths=()))
    assert set(item) == {"id", "type", "title"}


def test_cite_by_format_name():
    assert cite.cite(stored(), "bibtex") == cite.bibtex(stored())
    assert set(cite.every_format(stored())) == set(cite.FORMATS)
    with pytest.raises(ValueError, match="unknown citation format 'mla'"):
        cite.cite(stored(), "mla")
