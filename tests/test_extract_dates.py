"""Date finding and publication-date choice."""

from __future__ import annotations

import datetime as dt

import pytest

from newsidx.extract import extract
from newsidx.extract.dates import find_dates, path_date
from newsidx.extract.lines import split_lines

STORY = ("The harbour authority said the new ferry terminal would open in May, a year later than planned, "
         "because of problems with the steel frame.\n"
         "Local traders welcomed the news but said the delay had already cost them customers this summer.\n")


def _dates(text: str) -> list[str]:
    line = split_lines(text)[0]
    return [c.iso() for c in find_dates(line, 0)]


def test_formats_are_recognised():
    assert _dates("Sep 8, 2008") == ["2008-09-08"]
    assert _dates("8 September 2008") == ["2008-09-08"]
    assert _dates("Mon Sep 8, 2008 3:45pm EDT") == ["2008-09-08T15:45-04:00"]
    assert _dates("9/8/2008") == ["2008-09-08"]
    assert _dates("25/12/2008") == ["2008-12-25"]
    assert _dates("Updated: 2008-09-09 21:16") == ["2008-09-09T21:16"]
    assert _dates("2008-09-09T21:16:05+08:00") == ["2008-09-09T21:16:05+08:00"]


def test_times_and_zones_are_read_from_the_matched_parts():
    assert _dates("Posted 12:30 am, 8 September 2008") == ["2008-09-08T00:30"]
    assert _dates("September 8th, 2008 12 PM ist") == ["2008-09-08T12:00+05:30"]
    assert _dates("2008-09-09 21:16 -0500") == ["2008-09-09T21:16-05:00"]
    assert _dates("Sept. 8, 2008 at 09:05:30 GMT") == ["2008-09-08T09:05:30+00:00"]
    # a 24-hour time with "pm" is no time at all; the day still counts
    assert _dates("Nov 20 2019, 15:24pm") == ["2019-11-20"]
    assert _dates("February 30, 2008") == []


def test_relative_times_and_nonsense_are_not_dates():
    assert _dates("Posted 2 hours ago") == []
    assert _dates("Scored 13/45/2008 points") == []


def test_published_label_beats_updated_label():
    page = ("Ferry terminal delayed\nUpdated: June 2, 2015\nPublished: June 1, 2015\n\n" + STORY)
    article = extract(page)
    assert article.date == "2015-06-01"
    assert article.date_source == "label:published"


def test_an_unlabelled_date_beats_an_update_beside_it():
    # the date a page prints first, bare, is when it was published; "Updated" says it is later
    text = f"Ferry terminal delayed\nApril 11, 2020 | Updated April 12, 2020 9:15 am\n{STORY}"
    article = extract(text)
    assert article.date == "2020-04-11", article
    # alone, an update is still the page's date
    article = extract(f"Ferry terminal delayed\nUpdated: April 12, 2020 9:15 am\n{STORY}")
    assert (article.date, article.date_source) == ("2020-04-12T09:15", "label:updated")


def test_date_near_headline_beats_date_in_body_and_related_list():
    page = ("Ferry terminal delayed\nMarch 3, 2015\n\n" + STORY +
            "The first plan was drawn up on January 5, 2009, officials said in a statement.\n"
            "More stories\nTown fair cancelled April 4, 2016\n")
    assert extract(page).date == "2015-03-03"


def test_impossible_dates_are_rejected():
    mtime = dt.datetime(2010, 1, 1, tzinfo=dt.timezone.utc).timestamp()
    page = "Ferry terminal delayed\nMarch 3, 2015\nJune 1, 1985\n\n" + STORY
    assert extract(page, mtime=mtime).date is None


def test_path_date_is_used_when_the_page_has_none():
    assert path_date("archive/2008/09/08/story.txt") == dt.date(2008, 9, 8)
    article = extract("Ferry terminal delayed\n\n" + STORY, path="news/2008/09/08/ferry.txt")
    assert article.date == "2008-09-08" and article.date_source == "path"


def test_no_date_gives_none():
    article = extract("Ferry terminal delayed\n\n" + STORY)
    assert article.date is None and article.date_source is None


def test_a_day_above_12_elsewhere_on_the_page_makes_numeric_dates_day_first():
    page = ("Ferry terminal delayed\nPublished 04/12/2020\n\n" + STORY +
            "More stories\nTown fair cancelled 25/11/2020\n")
    article = extract(page)
    assert article.date == "2020-12-04"
    assert "day-first" in article.date_source and article.date_source.startswith("label:published")


def test_a_month_above_12_elsewhere_keeps_numeric_dates_month_first():
    page = ("Ferry terminal delayed\nPublished 04/12/2020\n\n" + STORY +
            "More stories\nTown fair cancelled 11/25/2020\n")
    assert extract(page).date == "2020-04-12"


def test_a_weekday_before_a_numeric_date_settles_its_order():
    # 4 December 2020 was a Friday, 12 April 2020 a Sunday
    for written, meant in (("Friday, 04/12/2020", "2020-12-04"), ("Sunday 04/12/2020", "2020-04-12"),
                           ("Fri 04.12.2020", "2020-12-04"), ("vendredi 04/12/2020", "2020-12-04"),
                           ("Published: Sun, 12/04/2020 10:00", "2020-04-12T10:00")):
        article = extract("Ferry terminal delayed\n" + written + "\n\n" + STORY)
        assert article.date == meant, written
        assert "the weekday printed with a numeric date" in article.date_source
    # a part above 12 is stronger evidence than a weekday (here a wrong one)
    page = "Ferry terminal delayed\nSunday 04/12/2020\n\n" + STORY + "More stories\nFair cancelled 25/11/2020\n"
    assert extract(page).date == "2020-12-04"
    # a weekday that fits neither reading, or both, settles nothing
    assert extract("Ferry terminal delayed\nMonday 04/12/2020\n\n" + STORY).date_source.endswith("(default)")
    assert extract("Ferry terminal delayed\nSunday 05/05/2020\n\n" + STORY).date == "2020-05-05"
    # a word ending like a weekday name is none ("Sunset 04/12/2020")
    assert extract("Ferry terminal delayed\nSunset 04/12/2020\n\n" + STORY).date_source.endswith("(default)")


GERMAN_STORY = ("Die Hafenbehörde hat mitgeteilt, dass das neue Fährterminal erst im Mai öffnet, ein Jahr "
                "später als geplant, wegen Problemen mit dem Stahlgerüst. Die Händler sagen, die Verzögerung "
                "habe sie in diesem Sommer schon Kunden gekostet, und die Stadt ist nicht zufrieden.\n")
FRENCH_STORY = ("Le port est en retard: le nouveau terminal des ferries ouvrira en mai, avec un an de retard, "
                "à cause de la charpente. Les commerçants du quartier disent que le retard leur a coûté des "
                "clients cet été, et la mairie est inquiète pour la saison qui vient.\n")


def test_a_page_in_a_language_that_writes_day_first_reads_numeric_dates_day_first():
    from newsidx.extract.dates import written_in
    assert written_in(GERMAN_STORY) == "German"
    assert written_in(FRENCH_STORY) == "French"
    assert written_in(STORY * 2) == "English"
    assert written_in("04/12/2020") is None  # too few words to tell
    article = extract("Fährterminal verzögert\nVeröffentlicht am 04/12/2020\n\n" + GERMAN_STORY)
    assert article.date == "2020-12-04"
    assert article.date_source.endswith("day-first (the page is written in German)")
    # French "est" (is) is not the US zone EST, nor "cet" (this) CET: zone names count in capitals
    article = extract("Le terminal retardé\nPublié le 04/12/2020\n\n" + FRENCH_STORY)
    assert article.date == "2020-12-04" and "written in French" in article.date_source
    # a Spanish name in an English story does not make it Spanish
    page = "Ferry terminal delayed\nPublished 04/12/2020\n\nMayor Ana de la Cruz said: " + STORY
    assert extract(page).date_source.endswith("(default)")


def test_a_time_zone_beside_a_numeric_date_settles_its_order():
    page = "Ferry terminal delayed\nLast updated: 10:02am GMT 08/01/2008\n\n" + STORY
    assert extract(page).date.startswith("2008-01-08")
    page = "Ferry terminal delayed\nLast updated: 10:02am EST 08/01/2008\n\n" + STORY
    assert extract(page).date.startswith("2008-08-01")


def test_written_out_dates_on_the_page_settle_the_order():
    page = ("Ferry terminal delayed\n03/02/2015\n\n" + STORY +
            "Earlier: the harbour plan was first shown on 14 March 2014 and again on 2 June 2014.\n")
    assert extract(page).date == "2015-02-03"


def test_without_evidence_numeric_dates_read_month_first_and_say_so():
    article = extract("Ferry terminal delayed\nPublished 04/12/2020\n\n" + STORY)
    assert article.date == "2020-04-12"
    assert article.date_source == "label:published; month-first (default)"


def test_a_day_in_the_path_or_a_web_address_settles_the_order():
    page = "Ferry terminal delayed\nPublished 04/12/2020\n\n" + STORY
    assert extract(page, path="news/2020/12/04/ferry.txt").date == "2020-12-04"
    linked = page + "Share: https://example.org/2020/12/04/ferry-terminal-delayed\n"
    article = extract(linked)
    assert article.date == "2020-12-04" and "web address" in article.date_source


@pytest.mark.parametrize("text, expected", [
    ("3. März 2021", "2021-03-03"),
    ("Veröffentlicht am 12. Dezember 2020, 10:15 Uhr", "2020-12-12T10:15"),
    ("Publié le 1er mars 2021", "2021-03-01"),
    ("3 de marzo de 2021", "2021-03-03"),
    ("Pubblicato il 7 luglio 2019", "2019-07-07"),
    ("3 de março de 2021", "2021-03-03"),
    ("Gepubliceerd op 3 maart 2021", "2021-03-03"),
])
def test_dates_written_in_western_european_languages_are_read(text, expected):
    assert _dates(text) == [expected]


def test_a_german_date_opening_a_line_is_no_numbered_item():
    assert not split_lines("3. März 2021")[0].is_list
    assert split_lines("3. Plan the budget for 2021")[0].is_list


def test_a_label_in_another_language_counts_like_its_english_one():
    page = f"Neue Fähre ab Mai\n\nAktualisiert: 5. März 2021\nVeröffentlicht: 3. März 2021\n\n{STORY}"
    article = extract(page, "x.txt", dt.datetime(2022, 1, 1).timestamp())
    assert (article.date, article.date_source) == ("2021-03-03", "label:published")


def test_numeric_dates_written_with_dots_are_read_day_first_unless_the_page_says_otherwise():
    mtime = dt.datetime(2022, 1, 1).timestamp()
    article = extract(f"Ferry terminal delayed\n\nPosted 12.04.2020\n\n{STORY}", "x.txt", mtime)
    assert article.date == "2020-04-12" and "dots" in article.date_source
    # the page's own written-out date settles the order first (a US page writing 04.12.2020)
    page = f"Ferry terminal delayed\n\nPosted 04.12.2020\n\n{STORY}\nOther stories from April 9, 2020\n"
    assert extract(page, "x.txt", mtime).date == "2020-04-12"
