"""Source agency, dateline and byline."""

from __future__ import annotations

import pytest

from newsidx.extract import extract
from newsidx.extract.bylines import (
    agency_name, dateline_prefix_end, find_byline, find_dateline, opens_like_a_credit,
)

STORY_TAIL = ("officials said on Monday that talks on the new treaty would resume next week after a pause.\n"
              "The talks broke down in March when the two sides could not agree on border checks.\n")


def test_agency_names_are_canonical():
    assert agency_name("Associated Press") == "AP"
    assert agency_name("(Xinhua)".strip("()")) == "Xinhua"
    assert agency_name("Thomson Reuters") == "Reuters"
    assert agency_name("Weather") is None


def test_datelines():
    assert find_dateline("MOSCOW - Russia said") == ("MOSCOW", None)
    assert find_dateline("LONDON (Reuters) - Shares fell") == ("LONDON", "Reuters")
    assert find_dateline("LOS ANGELES (AP) — To LeBron") == ("LOS ANGELES", "AP")
    assert find_dateline("WASHINGTON, Jan 15 (AFP) -- The") == ("WASHINGTON", "AFP")
    assert find_dateline("Officials - not a dateline") == (None, None)


def test_bylines():
    assert find_byline("By JOHN DOE, Associated Press Writer") == ("JOHN DOE", "AP")
    assert find_byline("by Jane Rowe, Friday, Dec 28, 2007 9:00 AM ET") == ("Jane Rowe", None)
    assert find_byline("by the way, this is not a byline at all") == (None, None)


def test_a_posting_line_names_its_writer_after_the_date():
    assert find_byline("Posted on April 12, 2023 by Tom Reilly") == ("Tom Reilly", None)
    assert find_byline("Published 2 May 2023 | by Jane Rowe, Associated Press") == ("Jane Rowe", "AP")
    assert find_byline("Published by the ministry of health on Monday") == (None, None)
    assert find_byline("The report was posted online by Jane Rowe") == (None, None)


def test_only_byline_openers_introduce_a_name():
    assert find_byline("Written by Jane Rowe") == ("Jane Rowe", None)
    assert find_byline("Reporting by Jane Rowe") == (None, None)
    assert find_byline("From The Harbour Times") == (None, None)
    # every credit opener rules a line out as a headline
    assert all(map(opens_like_a_credit, ["By Jane Rowe", "Reporting by Jane Rowe", "Source: Xinhua"]))
    assert not opens_like_a_credit("Bypass opens a year late")


def test_fields_from_a_wire_story():
    page = ("Treaty talks to resume\n(Xinhua)\nBy Jane Rowe\n\nMOSCOW - Russian " + STORY_TAIL)
    article = extract(page)
    assert (article.source, article.dateline, article.byline) == ("Xinhua", "MOSCOW", "Jane Rowe")
    assert article.body.startswith("MOSCOW - Russian officials")
    assert article.headline == "Treaty talks to resume"


def test_agency_in_dateline():
    article = extract("Treaty talks to resume\n\nBERLIN (Reuters) - German " + STORY_TAIL)
    assert article.source == "Reuters" and article.dateline == "BERLIN"


@pytest.mark.parametrize("text, prefix", [
    ("MOSCOW (Reuters) - Talks ended.", "MOSCOW (Reuters) - "),
    ("(AP) \u2014 Talks ended.", "(AP) \u2014 "),
    ("ROME - Talks ended.", "ROME - "),
    ("Shell - the oil firm - said no.", ""),
    ("US - talks", ""),  # two capitals are a word, not a place
])
def test_one_dateline_pattern_finds_what_copies_of_a_story_differ_by(text, prefix):
    assert text[:dateline_prefix_end(text)] == prefix


def test_a_byline_naming_an_agency_credits_the_source_not_a_writer():
    assert find_byline("By The Associated Press") == (None, "AP")
    assert find_byline("By Reuters Staff") == (None, "Reuters")
    article = extract("Ferry strike called off\nBy Associated Press\n"
                      "The ferry operator and the crews' union agreed a pay deal late on Tuesday night.\n"
                      "Services will run as normal from Thursday, the operator said in a statement.\n"
                      "Associated Press writer Tom Reilly in London contributed to this report.\n")
    assert (article.source, article.byline) == ("AP", None)
    assert article.body.endswith("contributed to this report.")
