"""Properties: any input gives an Article with well-typed fields, never an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsidx.extract import Article, extract, extract_bytes

LINES = st.sampled_from([
    "Home | News | Sport", "Read more", "Posted 3 hours ago", "By JOHN DOE, Associated Press Writer",
    "MOSCOW (Reuters) - Talks resumed on Monday after a pause of three weeks, officials said.",
    "# A headline here", "* [link](http://example.com)", "Updated: 2008-09-09 21:16", "Sep 31, 2008",
    "99/99/9999", "(Xinhua)", "", "\x1b[2J", "Related readings:", "Comments (3)",
])


def _check(article: Article) -> None:
    assert isinstance(article, Article)
    for name in ("headline", "body"):
        value = getattr(article, name)
        assert isinstance(value, str)
        assert "\x1b" not in value and "\x00" not in value
    for name in ("date", "date_source", "source", "dateline", "byline"):
        assert getattr(article, name) is None or isinstance(getattr(article, name), str)
    assert isinstance(article.warnings, tuple)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes(data):
    _check(extract_bytes(data, "some/path.txt", 0.0))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000), st.text(max_size=50),
       st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)))
def test_any_text_path_and_mtime(text, path, mtime):
    _check(extract(text, path, mtime))


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=40), st.sampled_from(["\n", "\r\n", "\r"]))
def test_page_like_inputs(lines, newline):
    _check(extract_bytes(newline.join(lines).encode("utf-8")))


def test_empty_input_warns():
    article = extract_bytes(b"")
    assert article.body == "" and article.headline == "" and article.warnings
