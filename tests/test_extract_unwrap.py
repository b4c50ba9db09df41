"""Hard-wrapped paragraphs (lynx, w3m, html2text at its default width, mail)
are joined back into one line each; stacked lines that a wrapper did not make
(menus, lists of headlines, a title over its date) stay apart."""

from __future__ import annotations

import re
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from newsidx.extract import extract
from newsidx.extract.lines import split_lines
from newsidx.extract.unwrap import MIN_BREAKS_IN_A_RUN, logical_lines, wrapper_breaks
from pages import FERRY, FERRY_HEADLINE, MENU



def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _wrapped(width: int, indent: str = "") -> str:
    blocks = [indent + FERRY_HEADLINE] + [textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent)
                                    for p in FERRY]
    return "\n".join(MENU) + "\n\n" + "\n\n".join(blocks) + "\n"


def test_each_wrapped_paragraph_becomes_one_line():
    for width in (60, 72, 78):
        texts = [text for _, text, _ in logical_lines(_wrapped(width))]
        assert texts == [*MENU, FERRY_HEADLINE, *FERRY], width


def test_a_wrapped_page_extracts_as_its_unwrapped_self():
    for page in (_wrapped(72), _wrapped(79, indent="   ")):  # mail; lynx indents by three columns
        article = extract(page)
        assert article.headline == FERRY_HEADLINE
        assert article.body.split("\n\n") == FERRY


def test_a_lynx_dump_extracts_as_the_story():
    # lynx wraps at 79 columns with paragraphs indented by three, numbers
    # every link in front of its text and lists the addresses at the end
    linked = [FERRY[0].replace("harbour authority", "[7]harbour authority"), *FERRY[1:]]
    page = "\n".join(f"   * [{n}]{item}" for n, item in enumerate(MENU, start=1))
    page += f"\n\n{FERRY_HEADLINE}\n\n" + "\n\n".join(
        textwrap.fill(paragraph, 79, initial_indent="   ", subsequent_indent="   ") for paragraph in linked)
    page += "\n\n   [8]Share this story   [9]Email\n\nReferences\n\n"
    page += "\n".join(f"  {n:3d}. https://example.org/{n}" for n in range(1, 10))
    article = extract(page)
    assert article.headline == FERRY_HEADLINE
    assert article.body.split("\n\n") == FERRY


def test_a_line_keeps_the_index_and_blank_line_of_its_first_physical_line():
    lines = split_lines(_wrapped(60))
    first_paragraph = next(line for line in lines if line.text == FERRY[0])
    assert first_paragraph.blank_before
    assert first_paragraph.index == len(MENU) + 3  # the menu, a blank, the headline, a blank


def test_a_word_broken_at_its_hyphen_is_one_word_again():
    paragraph = ("The committee will publish its findings on the so-called fast-track scheme for planning appeals "
                 "before the end of the month, and the minister has promised to answer them in a statement.")
    text = textwrap.fill(paragraph, 50)  # breaks "so-" / "called"
    assert "so-\ncalled" in text
    assert [joined for _, joined, _ in logical_lines(text)] == [paragraph]


def test_a_link_label_cut_by_the_wrapper_is_joined():
    text = "* [Nine passengers hurt as the morning ferry hits\nthe pier in fog](https://example.org/ferry)\n"
    [(_, joined, _)] = list(logical_lines(text))
    assert joined == "* [Nine passengers hurt as the morning ferry hits the pier in fog](https://example.org/ferry)"


def _breaks(lines: list[str], min_breaks: int = MIN_BREAKS_IN_A_RUN, page_width: int = 0):
    return wrapper_breaks([line.strip() for line in lines], [len(line.rstrip()) for line in lines],
                          min_breaks, page_width)


# Stacks of lines as wide as wrapped prose, each line long enough that the
# next one's first word would not have fitted after it: only what they are
# keeps them apart.
TEASERS = [  # every one starts with a capital: a list of other stories
    "Council votes to close the old library on Market Street next year",
    "Police appeal for witnesses after a crash on the coast road at night",
    "Schools in the east of the county to open an hour later from April",
    "Weather warning for snow and ice on the hills is extended to Monday",
]
TITLE_AND_DATE = ["Ferry timetable changes announced for the spring season of 2024",
                  "updated at 09:30 on March 3, 2024"]
FARES_TABLE = ["adult single ticket    two pounds    return ticket    three pounds",
               "child single ticket    one pound     return ticket    two pounds ten",
               "weekly pass    nine pounds    monthly pass    thirty pounds and more"]
LINK_BAR = ["home | news | local news | weather | sport | business | comment",
            "travel | motoring | property | jobs | dating | puzzles | obituaries",
            "contact us | advertise | subscribe | help | terms | privacy policy"]
# short links pushed far right by their indentation: the column they end at
# is a wrapped line's, their text is not
INDENTED_LINKS = [" " * 26 + link for link in ("find your next job", "cv view - career finder",
                                                "find a car near you", "find your new home")]
ITEMS = ["* fares stay the same this year for adults and for children under twelve",
         "* monthly passes are to be reviewed in the autumn along with the timetable",
         "* two new boats join the three already in service on the harbour route"]


SHARE_BAR = ["Share this story on the sites listed below, or send it to a friend",
             "Facebook        Twitter        Reddit      email",
             "print this page    save it for later     report an error on the page"]
CAPITALISED_ITEMS = ["* Fares stay the same this year for adults and for children under twelve",
                     "* Monthly passes to be reviewed in the autumn along with the timetable",
                     "* Two new boats join the three already in service on the harbour route"]


def test_a_list_of_headlines_stays_apart_for_its_capitals():
    assert _breaks(TEASERS, 1, max(map(len, TEASERS))) is not None  # as wide as wrapped prose
    assert _breaks(TEASERS) is None


def test_two_stacked_lines_stay_apart_on_their_own_evidence():
    assert _breaks(TITLE_AND_DATE, 1) is not None
    assert _breaks(TITLE_AND_DATE) is None


def test_columns_link_bars_and_list_items_are_never_continuations():
    assert _breaks(FARES_TABLE) is None
    assert _breaks(LINK_BAR) is None
    assert _breaks(INDENTED_LINKS) is None
    # not even on a page known to be wrapped, where one break and any case will do
    assert _breaks(ITEMS, 1, max(map(len, ITEMS))) is None


def test_stacks_that_a_wrapper_did_not_make_stay_apart_on_a_page():
    for stack in (TEASERS, TITLE_AND_DATE, FARES_TABLE, LINK_BAR, INDENTED_LINKS, ITEMS, CAPITALISED_ITEMS,
                  MENU):
        page = "\n".join(stack) + "\n\n" + FERRY[0] + "\n"
        assert [text for _, text, _ in logical_lines(page)] == [*map(str.strip, stack), FERRY[0]], stack[0]


def test_columns_spaced_into_a_layout_stay_apart():
    assert [text for _, text, _ in logical_lines("\n".join(SHARE_BAR))] == SHARE_BAR


def test_a_paragraph_a_little_wider_than_the_page_shows_is_still_joined():
    # the page's widest paragraph lines reach 57 columns; a two-line paragraph reaches 58
    narrow = "\n\n".join(textwrap.fill(paragraph, 57) for paragraph in FERRY)
    two_lines = textwrap.fill("The ferry company said it would publish the new timetables online "
                              "and at both piers by the end of the month.", 61)
    assert two_lines.count("\n") == 1 and max(map(len, two_lines.split("\n"))) > 57
    texts = [text for _, text, _ in logical_lines(narrow + "\n\n" + two_lines)]
    assert texts[-1] == two_lines.replace("\n", " ")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abc ABC.-[]()\n", max_size=90), max_size=30))
def test_unwrapping_keeps_every_word_in_order(chunks):
    text = "\n".join(chunks)
    joined = " ".join(line for _, line, _ in logical_lines(text))
    # a hyphen-broken word joins its halves; nothing else changes
    assert _words(joined.replace("-", " ")) == _words(text.replace("-", " "))
