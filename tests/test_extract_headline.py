"""Headline choice and site-suffix stripping."""

from __future__ import annotations

from newsidx.extract import extract
from newsidx.extract.headline import strip_site_suffix

STORY = ("The harbour authority said the new ferry terminal would open in May, a year later than planned, "
         "because of problems with the steel frame.\n"
         "Local traders welcomed the news but said the delay had already cost them customers this summer.\n"
         "The authority expects about two million passengers a year once the terminal is fully working.\n")


def test_site_suffixes_are_stripped():
    assert strip_site_suffix("Ferry terminal delayed - BBC News") == "Ferry terminal delayed"
    assert strip_site_suffix("Ferry terminal delayed | Reuters") == "Ferry terminal delayed"
    assert strip_site_suffix("Ferry terminal delayed | The Harbour Times") == "Ferry terminal delayed"


def test_a_dash_inside_a_headline_is_kept():
    assert strip_site_suffix("Ferry terminal delayed - again - traders angry") == \
        "Ferry terminal delayed - again - traders angry"


def test_headline_is_the_title_line_above_the_body_not_the_byline_or_date():
    page = ("Home | News | Business\n\nFerry terminal opening delayed by a year\n\n"
            "By Jane Rowe, Staff Writer\nPublished: March 3, 2015 10:02 AM\n\n" + STORY)
    assert extract(page).headline == "Ferry terminal opening delayed by a year"


def test_widget_lines_between_headline_and_body_are_skipped():
    page = ("Ferry terminal opening delayed by a year\nFont size: Decrease Increase\n"
            "Share this article\nEmail\nPrint\n" + STORY)
    assert extract(page).headline == "Ferry terminal opening delayed by a year"


def test_markdown_heading_marks_are_removed_and_h1_preferred():
    page = "## Latest from the coast\n# Ferry terminal opening delayed by a year\n\n" + STORY
    assert extract(page).headline == "Ferry terminal opening delayed by a year"


def test_title_line_with_site_suffix_confirms_the_headline():
    page = ("Ferry terminal opening delayed by a year - The Harbour Times\nMenu\nSearch\n"
            "Ferry terminal opening delayed by a year\nTraders fear a second lost summer\n" + STORY)
    assert extract(page).headline == "Ferry terminal opening delayed by a year"


def test_dateline_does_not_leak_into_headline():
    page = "Ferry terminal opening delayed\n\nDOVER - " + STORY
    article = extract(page)
    assert article.headline == "Ferry terminal opening delayed"
    assert article.body.startswith("DOVER - The harbour authority")
