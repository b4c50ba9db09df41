"""Hostile input to the query language and the date options: whatever is typed,
search answers or raises one of the documented errors (QuerySyntaxError, or a
usage error from the command line), never anything else, and never slowly."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsidx.archive import Archive
from newsidx.cli import main
from newsidx.errors import QuerySyntaxError
from newsidx.periods import parse_period

from pages import ARTICLES, write_archive

# Pieces of the query language, so generated queries reach deep into the
# parser instead of being mostly plain words.
PIECES = ["AND", "OR", "NOT", "ANDNOT", "(", ")", '"', "'", "*", "?", "~", "~2", "~9", "/99", "~2/1", "^2", "^", "-", "+",
          "date:", "date:>", "date:<=", "date:[", " TO ", "]", "{", "}", "headline:", "body:",
          "source:", "warnings:", "2008", "2008-09", "2004-13", "Sep", "ceasefire", "border", "a",
          ":", ">", "<", "=", "\\", "\x00", "\x1b[31m", "é", "/", ".."]

queries = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=12).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts))


@pytest.fixture(scope="module")
def fuzz_archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    archive = Archive(str(root / "index"))
    report = archive.ingest([str(write_archive(root / "news"))], jobs=1)
    assert report.added == len(ARTICLES)
    return archive


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries)
def test_any_query_answers_or_raises_query_syntax_error(fuzz_archive, query):
    try:
        results = fuzz_archive.search(query, limit=3)
    except QuerySyntaxError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert results.total >= len(results.hits)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=30),
                      st.from_regex(r"\A[0-9A-Za-z ,./:T-]{0,25}\Z")))
def test_any_date_text_is_a_period_or_a_value_error(text):
    try:
        period = parse_period(text)
    except ValueError as exc:
        assert str(exc)
    else:
        assert period.start <= period.end


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(min_size=1, max_size=20).filter(lambda v: not v.startswith("-")))
def test_any_since_value_is_used_or_refused_as_a_usage_error(fuzz_archive, value):
    result = CliRunner().invoke(main, ["--index", fuzz_archive.location, "search", "border", "--since", value])
    assert result.exit_code in (0, 1, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
