"""The extraction entry points: a page dump in, an :class:`Article` out.

The steps, each in its own module:

1. ``encoding``: bytes to text (byte-order marks, UTF-8, cp1252 fallback),
   then one line ending, plain spaces, no invisible or control characters.
2. ``lines``: one :class:`~newsidx.extract.lines.Line` per non-empty line
   (a hard-wrapped paragraph joined into one first, ``unwrap``), markdown
   marks removed, with shallow features and a content score.
3. ``body``: the densest run of prose by hand-weighted scores, then each line
   classified by the learned model (``model``, ``features``): the run of
   likely body lines, minus the furniture inside it.
4. ``headline``: the candidate above the body that the learned ranker puts
   first (or the body's first line, shaped like a title, if the ranker
   prefers it to them).
5. ``dates``: every date on the page, the publication date chosen by labels
   and position.
6. ``bylines``: agency, dateline and byline.

Both entry points are pure (``path`` and ``mtime`` are only evidence) and
never raise: whatever goes wrong becomes a warning on an emptier Article.
"""

from __future__ import annotations

from newsidx.extract.article import Article
from newsidx.extract.body import find_body, without_closing_bio
from newsidx.extract.bylines import find_credits
from newsidx.extract.dates import choose_date
from newsidx.extract.encoding import clean, decode
from newsidx.extract.headline import find_headline, forget_photo_credits
from newsidx.extract.lines import forget_measured_lines, split_lines
from newsidx.extract.model import ExtractionModel, shipped_model


def forget_earlier_pages() -> None:
    """Forget what extraction kept from earlier pages (the lines it measured,
    the lines it looked at for photo credits: a site's furniture recurs on
    every page): what a benchmark does to time a page as if it were the first
    of its site."""
    forget_measured_lines()
    forget_photo_credits()


def extract_bytes(data: bytes, path: str = "", mtime: float | None = None) -> Article:
    """Extract an article from a dump's raw bytes. Never raises."""
    try:
        text, warnings = decode(bytes(data))
    except Exception as exc:  # noqa: BLE001 - the contract is to never raise
        return Article(warnings=(f"could not decode: {type(exc).__name__}",))
    article = extract(text, path, mtime)
    if warnings:
        article = Article(**{**article.__dict__, "warnings": warnings + article.warnings})
    return article


def extract(text: str, path: str = "", mtime: float | None = None) -> Article:
    """Extract an article from a dump's text. Never raises on any input; only
    a broken installation (model.json missing or fitted on other features)
    raises ``model.ModelFileError``, on first use, rather than return an
    empty article for every page."""
    return extract_with(shipped_model(), text, path, mtime)


def extract_with(model: ExtractionModel, text: str, path: str = "", mtime: float | None = None) -> Article:
    """``extract`` with another model than the shipped one (for training and
    cross-validation). Never raises."""
    try:
        return _extract(text if isinstance(text, str) else str(text), str(path or ""), mtime, model)
    except Exception as exc:  # noqa: BLE001 - a bug must cost one page, not the run
        return Article(warnings=(f"extraction failed: {type(exc).__name__}: {exc}"[:200],))


TITLE_WORDS = (2, 20)  # a headline's length in words, at least and at most
# A page of at most this many lines, one of them at least this long (in
# characters), has lost its line breaks.
ONE_LINE_PAGE = (2, 2000)


def _title_shaped_opening(body_lines) -> bool:
    """The body's first line reads as a title: a few words, no closing punctuation
    but a question or exclamation mark ("Could the bank be wrong?") in one
    sentence, and prose after it."""
    if len(body_lines) < 2:
        return False
    first = body_lines[0]
    text = first.text.strip()
    words = len(text.split())
    if not TITLE_WORDS[0] <= words <= TITLE_WORDS[1] or text.endswith((".", ":", ";", ",", '"')):
        return False
    return not text.endswith(("!", "?")) or first.sentence_marks == 0


def _extract(text: str, path: str, mtime: float | None, model: ExtractionModel) -> Article:
    lines = split_lines(clean(text))
    if not lines:
        return Article(warnings=("no text",))
    start, end, body_lines = find_body(lines, model)
    warnings: list[str] = []
    if len(lines) <= ONE_LINE_PAGE[0] and max(len(line.text) for line in lines) >= ONE_LINE_PAGE[1]:
        # a scraper that joined the page's text with spaces: menus, headline
        # and paragraphs are one block, and nothing can tell them apart
        warnings.append("the page is one long line; extraction needs the dump's line breaks")
    if not body_lines:
        warnings.append("no article body found")
    headline, headline_pos = find_headline(lines, start, body_lines, model)
    if _title_shaped_opening(body_lines):
        # The body opens with a line shaped like a title: the headline, when
        # the body run has taken it in (a page whose headline sits right on
        # its first paragraph), if nothing above the body could be the
        # headline or the ranker, asked as if the body began after it,
        # prefers it to every line above.
        opening_pos = next((pos for pos in range(start, len(lines)) if lines[pos] is body_lines[0]), None)
        if opening_pos is not None and (
                not headline or find_headline(lines, opening_pos + 1, body_lines[1:], model)[1] == opening_pos):
            headline, headline_pos, body_lines = body_lines[0].text, opening_pos, body_lines[1:]
            start = opening_pos + 1
    if not headline:
        warnings.append("no headline found")
    if isinstance(mtime, bool) or not isinstance(mtime, (int, float)):
        mtime = None
    date, date_source = choose_date(lines, headline_pos, start, end, path, mtime)
    source, dateline, byline = find_credits(lines, headline_pos, start, end)
    body_lines = without_closing_bio(body_lines, byline)
    return Article(
        headline=headline,
        body="\n\n".join(line.text for line in body_lines),
        date=date,
        date_source=date_source,
        source=source,
        dateline=dateline,
        byline=byline,
        warnings=tuple(warnings),
    )
