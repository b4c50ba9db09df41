"""Hard-wrapped paragraphs joined back into one line each.

Every later step reads one line of a dump as one block of the page: a
paragraph, a menu item, a caption. Some dumps break paragraphs into lines of a
fixed width instead: ``lynx -dump`` and ``w3m -dump`` (80 columns), html2text
at its default width (78), mail and wire copy, text kept in ``<pre>``. A
wrapped paragraph then looks like a column of short, unpunctuated fragments,
which is what a menu looks like, and the article is lost.

A wrapper breaks a line only where the next word would not fit. So within a
block of adjacent lines (no blank line between) no wider than a wrap width
(``WRAP_WIDTHS``), a break is the wrapper's when the line, counted from the
first column (wrappers count the indentation), plus the next line's first word
would be wider than the block's widest line. Menus, lists of headlines and
captions also stack lines, and may pass that test by chance; what they do not
have is prose running on across the breaks, so on a block's own evidence a
run of such breaks is joined only when it is long (a paragraph of three lines
or more) and enough of its continuations start in lower case, as the words
inside a sentence do and the first words of headlines and menu items do not.

A page with such a paragraph shows the width it was wrapped to; its other
blocks are then held to that width, and a single break (a paragraph of two
lines, a headline over two) that fills it is joined whatever case follows.
Lines spaced into columns, link bars ("Home | World"), list items and
headings are never continuations. A markdown link whose label the wrapper cut
("[Nine hurt as" / "ferry hits pier](https://...)") is joined on any page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# The widths wrappers use: 72 (mail), 76-80 (lynx, w3m, html2text, fmt),
# up to 120 when asked for wide output. Unwrapped dumps have paragraphs of
# hundreds of characters on one line, so a block with a line wider than this
# is not wrapped.
WRAP_WIDTHS = (40, 120)
# A wrapped line fills most of the width: the break came before a word that
# did not fit, and few words are long.
FILLED_SHARE = 0.6
# The share of a run's continuation lines that start in lower case for the run
# to be joined: prose across a line break does about three times in four.
LOWER_CASE_CONTINUATIONS = 0.4
# A break is taken for a wrapper's on a block's own evidence only in a run of
# this many (a paragraph of three lines or more): two stacked lines, a title
# and the date under it, pass the width test by chance too often. On a page
# that shows it is wrapped, one break is enough.
MIN_BREAKS_IN_A_RUN = 2
# The widest paragraph a page shows may fall a few characters short of the
# width it was wrapped to; a block up to this much wider still keeps to it.
PAGE_WIDTH_SLACK = 1.1
# Lines that open a block of their own, never a continuation: list items,
# headings, quotes, table rows of markdown dumps.
_OPENS_A_BLOCK = ("* ", "- ", "+ ", "• ", "#", ">", "|")
# links side by side ("Home | World | Sport"), never prose
_MENU_BAR = " | "
# words spaced out into columns (a share bar, a table), never wrapped prose
_LAID_OUT = "   "
_NUMBERED_ITEM = re.compile(r"\d{1,3}[.)]\s")
_OPENING_PUNCTUATION = "\"'“‘([*_"


# What a run of two wrapper's breaks or more needs: two adjacent lines filled
# to a wrap width (see _could_be_wrapped) and, on one of the two lines after
# the first, a continuation in lower case; one search over the page finds
# whether any are there, and most pages have none. A little headroom over
# the widest wrap width for trailing spaces. Searched for in the page with a
# newline put in front: a pattern that opens with a character is looked for
# by that character, several times faster than "^" in multi-line mode, and a
# possessive count does not step back through a long line it cannot fit.
_FILLED_LINE = r"[^\n]{%d,%d}+" % (int(FILLED_SHARE * WRAP_WIDTHS[0]), WRAP_WIDTHS[1] + 10)
_LOWER_CASE_START = r"[ \t]*[" + re.escape(_OPENING_PUNCTUATION) + r"]*[^\W\d_A-Z]"
_MAY_BE_WRAPPED = re.compile(
    rf"\n{_FILLED_LINE}\n(?:{_LOWER_CASE_START}[^\n]*\n[^\n]*\S|{_FILLED_LINE}\n{_LOWER_CASE_START})")
# ("[" ends each scan for the closing bracket: a line of brackets costs a
# pass, not a pass per bracket)
_LINK_ACROSS_LINES = re.compile(r"\[[^\[\]\n]*\n[^\n]*\]\(")


def logical_lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """The non-empty lines of ``text``, stripped, hard-wrapped paragraphs
    joined: ``(index of the first line, text, blank line or start before it)``."""
    links_cut = _LINK_ACROSS_LINES.search(text) is not None
    if not (links_cut or _MAY_BE_WRAPPED.search("\n" + text)):
        # most pages: no three adjacent lines of a wrapped paragraph's width
        yield from physical_lines(text)
        return
    blocks = _blocks(text)
    found = [wrapper_breaks(lines, ends, MIN_BREAKS_IN_A_RUN) if len(lines) > MIN_BREAKS_IN_A_RUN else None
             for _, lines, ends in blocks]
    page_width = max((breaks_and_width[1] for breaks_and_width in found if breaks_and_width), default=0)
    for (first_index, lines, ends), breaks_and_width in zip(blocks, found):
        if page_width and len(lines) > 1:
            # The page is wrapped: a paragraph of two lines (one break) is
            # joined too, by the width the page's longer paragraphs show.
            breaks_and_width = wrapper_breaks(lines, ends, 1, page_width) or breaks_and_width
        breaks = breaks_and_width[0] if breaks_and_width else _cut_links(lines) if links_cut else None
        yield from _joined_lines(first_index, lines, breaks)


def physical_lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """``logical_lines`` without the joining: every non-empty line as it is."""
    blank_before = True
    for index, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if stripped:
            yield index, stripped, blank_before
            blank_before = False
        else:
            blank_before = True


def _blocks(text: str) -> list[tuple[int, list[str], list[int]]]:
    """Runs of adjacent non-empty lines: the first line's index, the lines
    stripped, and the column each ends at (a wrapper counts the indentation)."""
    blocks: list[tuple[int, list[str], list[int]]] = []
    lines: list[str] = []
    ends: list[int] = []
    for index, raw in enumerate(text.split("\n")):
        stripped_right = raw.rstrip()
        if stripped_right:
            if not lines:
                blocks.append((index, lines, ends))
            lines.append(stripped_right.lstrip())
            ends.append(len(stripped_right))
        elif lines:
            lines, ends = [], []
    return blocks


def _joined_lines(first_index: int, lines: list[str], breaks: list[bool] | None) -> Iterator[tuple[int, str, bool]]:
    if breaks is None:
        for number, line in enumerate(lines):
            yield first_index + number, line, number == 0
        return
    start, pieces = first_index, [lines[0]]
    for number, (line, joins_previous) in enumerate(zip(lines[1:], breaks), start=1):
        if joins_previous:
            # a word broken at its hyphen ("one-" / "touch") is one word again
            previous = pieces[-1]
            pieces.append("" if previous.endswith("-") and previous[-2:-1].isalpha() and line[:1].islower()
                          else " ")
            pieces.append(line)
            continue
        yield start, "".join(pieces), start == first_index
        start, pieces = first_index + number, [line]
    # joined once: adding each line to the paragraph so far copies it every time
    yield start, "".join(pieces), start == first_index


def wrapper_breaks(lines: list[str], ends: list[int], min_breaks: int,
                   page_width: int = 0) -> tuple[list[bool], int] | None:
    """For each pair of adjacent lines of a block (stripped; ``ends``: the
    column each ended at), whether the break between them is a wrapper's, and
    the width wrapped to; None when the block is not wrapped. Only runs of at
    least ``min_breaks`` such breaks count. ``page_width``: the width the page
    is known to be wrapped to, which the block must keep to."""
    width = max((end for line, end in zip(lines, ends) if " " in line), default=0)
    if page_width:
        if width > page_width * PAGE_WIDTH_SLACK:
            return None
        width = max(width, page_width)
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1]:
        return None
    breaks = [_could_be_wrapped(line, end, following, width)
              for line, end, following in zip(lines, ends, lines[1:])]
    if not any(breaks):
        return None
    # runs of consecutive candidate breaks, each kept or dropped as a whole
    start = 0
    while start < len(breaks):
        if not breaks[start]:
            start += 1
            continue
        end = start
        while end < len(breaks) and breaks[end]:
            end += 1
        lower = sum(_starts_lower_case(lines[k + 1]) for k in range(start, end))
        if end - start < min_breaks or (lower < LOWER_CASE_CONTINUATIONS * (end - start) and not page_width):
            breaks[start:end] = [False] * (end - start)
        start = end
    return (breaks, width) if any(breaks) else None


def _could_be_wrapped(line: str, end: int, following: str, width: int) -> bool:
    if (len(line) < FILLED_SHARE * width or following.startswith(_OPENS_A_BLOCK) or _MENU_BAR in line
            or _LAID_OUT in line):
        return False
    if following[:1].isdigit() and _NUMBERED_ITEM.match(following):
        return False
    next_word = following.split(" ", 1)[0]
    if line.endswith("-"):
        return end + len(next_word.split("-", 1)[0]) > width
    return end + 1 + len(next_word) > width


def _cut_links(lines: list[str]) -> list[bool] | None:
    """Breaks inside a markdown link's label ("[Nine hurt as" / "plane hits
    turbulence](https://...)"): html2text wraps links too."""
    breaks = [line.count("[") > line.count("]") and "](" in following for line, following in zip(lines, lines[1:])]
    return breaks if any(breaks) else None


def _starts_lower_case(line: str) -> bool:
    return line.lstrip(_OPENING_PUNCTUATION)[:1].islower()
