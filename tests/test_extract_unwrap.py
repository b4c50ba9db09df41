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
from newsidx.extract.unwrap import logical_lines
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


def test_lines_a_wrapper_did_not_make_stay_apart():
    teasers = [  # similar lengths, but every one starts with a capital: a list of other stories
        "Council votes to close the old library on Market Street next year",
        "Police appeal for witnesses after a crash on the coast road at night",
        "Schools in the east of the county to open an hour later from April",
        "Weather warning for snow and ice on the hills is extended to Monday",
    ]
    title_and_date = ["Ferry timetable changes announced for the spring season",
                      "at 09:30 on March 3, 2024, updated at 11:00"]
    items = ["* Fares stay the same this year for adults and for children under twelve",
             "* Monthly passes to be reviewed in the autumn along with the timetable",
             "* Two new boats join the three already in service on the harbour route"]
    for stack in (teasers, title_and_date, items, MENU):
        page = "\n".join(stack) + "\n\n" + FERRY[0] + "\n"
        assert [text for _, text, _ in logical_lines(page)] == [*stack, FERRY[0]], stack[0]


def test_columns_spaced_into_a_layout_stay_apart():
    bar = ["Share this story on the sites listed below, or send it to a friend",
           "Facebook        Twitter        Reddit      email",
           "print this page    save it for later     report an error on the page"]
    assert [text for _, text, _ in logical_lines("\n".join(bar))] == bar


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abc ABC.-[]()\n", max_size=90), max_size=30))
def test_unwrapping_keeps_every_word_in_order(chunks):
    text = "\n".join(chunks)
    joined = " ".join(line for _, line, _ in logical_lines(text))
    # a hyphen-broken word joins its halves; nothing else changes
    assert _words(joined.replace("-", " ")) == _words(text.replace("-", " "))
