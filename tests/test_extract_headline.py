"""Headline choice and site-suffix stripping."""

from __future__ import annotations

from newsidx.extract import extract
from newsidx.extract.headline import page_phrases, strip_site_suffix
from newsidx.extract.lines import split_lines
from pages import FERRY, FERRY_HEADLINE, MENU

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


def test_body_overlap_counts_inflected_words():
    from newsidx.extract.headline import body_overlap, distinct_content_stems
    body = distinct_content_stems(split_lines("The council strengthened the flood barriers along the river."))
    headline, other_story = split_lines("Council strengthens river flood barriers\nFive best cafes downtown")
    assert body_overlap(headline, body) == 1.0
    assert body_overlap(other_story, body) == 0.0


def test_headline_about_the_body_beats_a_nearer_teaser():
    page = ("Ferry terminal opening delayed by a year\nPublished: March 3, 2015\n"
            "Cheap flights to the islands this winter\nNew cafe opens on the high street\n"
            "School choir wins regional prize\n\n" + STORY)
    assert extract(page).headline == "Ferry terminal opening delayed by a year"


def test_standfirst_under_the_headline_is_not_the_headline():
    page = ("Menu\nFerry terminal delayed\n"
            "The harbour authority says the steel frame of the new terminal needs more work\n"
            "By Jane Rowe\n\n" + STORY)
    assert extract(page).headline == "Ferry terminal delayed"


def test_breadcrumb_is_not_a_headline():
    page = ("Harbour News Home > Ferry Terminal News\n\nDelay for harbour ferry plans\n\n" + STORY)
    assert extract(page).headline == "Delay for harbour ferry plans"


def test_a_label_above_a_headline_that_contains_it_does_not_demote_it():
    page = ("Ferry Terminal\nPublished: March 3, 2015\n"
            "Harbour authority admits the new Ferry Terminal will open a year late\n\n" + STORY)
    assert extract(page).headline == "Harbour authority admits the new Ferry Terminal will open a year late"


def test_a_title_with_a_colon_is_not_a_name_line():
    page = "Menu\nHarbour Works: Terminal\nJanuary 7, 2015\n\n" + STORY
    assert extract(page).headline == "Harbour Works: Terminal"


def test_suffix_counts_as_a_site_name_only_as_whole_words():
    # "report" is printed elsewhere only inside longer words ("reported")
    page_keys = page_phrases(split_lines("Council reported record rents\nRents rise again - report"))
    assert strip_site_suffix("Rents rise again - report", page_keys) == "Rents rise again - report"
    page_keys = page_phrases(split_lines("Harbour Gazette\nRents rise again - Harbour Gazette"))
    assert strip_site_suffix("Rents rise again - Harbour Gazette", page_keys) == "Rents rise again"


def test_a_leading_label_printed_elsewhere_stays_in_the_headline():
    page_keys = page_phrases(split_lines("Harbour Week 2015\nHarbour Week 2015 | Ferry terminal opens a year late"))
    assert strip_site_suffix("Harbour Week 2015 | Ferry terminal opens a year late", page_keys) == \
        "Harbour Week 2015 | Ferry terminal opens a year late"
    assert strip_site_suffix("Harbour News | Ferry terminal opens a year late", page_keys) == \
        "Ferry terminal opens a year late"


def test_topic_label_above_a_line_that_repeats_it_is_recognised():
    from newsidx.extract.headline import labels_a_line_below
    lines = split_lines("Ferry Terminal\nPublished: March 3, 2015\n"
                        "Harbour authority admits the Ferry Terminal will open a year late\n" + STORY)
    keys = page_phrases(lines).split("\n")
    assert labels_a_line_below(lines, 0, keys)
    assert not labels_a_line_below(lines, 2, keys)


def test_a_credit_line_above_the_headline_does_not_make_it_a_standfirst():
    from newsidx.extract.headline import below_a_title, distinct_content_stems
    body = distinct_content_stems(split_lines(STORY))
    lines = split_lines("Home\nFrom The Harbour Times\nFerry terminal opening delayed by a year, traders angry")
    # the credit is metadata: skipped, and nothing title-like is left above
    assert not below_a_title(lines, 2, [True, True, False], body)
    assert below_a_title(lines, 2, [True, False, False], body)


def test_a_teaser_with_its_read_more_link_does_not_make_the_headline_a_standfirst():
    page = ("Don't miss\nHarbour cafe wins award\nRead more\nFerry traders fear terminal delay\nRead more\n\n"
            "Ferry terminal opening delayed by a year\n\n" + STORY)
    assert extract(page).headline == "Ferry terminal opening delayed by a year"


def test_a_capitals_kicker_above_the_headline_does_not_make_it_a_standfirst():
    page = ("Menu\nFERRY TERMINAL DELAY\nHarbour authority admits ferry terminal opening delayed by a year\n"
            "By Jane Rowe\n\n" + STORY)
    assert extract(page).headline == "Harbour authority admits ferry terminal opening delayed by a year"


def test_share_tool_tail_is_stripped():
    from newsidx.extract.lines import strip_share_tail
    assert strip_share_tail("Ferry terminal opening delayed Save Email Print") == "Ferry terminal opening delayed"
    assert strip_share_tail("Ferry terminal opening delayed | Share | Tweet") == "Ferry terminal opening delayed"
    # one such word may be part of the headline
    assert strip_share_tail("Council bans the word share") == "Council bans the word share"


def test_widget_headings_and_site_name_are_not_the_headline():
    page = ("The Harbour Times\nHome\nNews\nSport\nWeather\n"
            "Ferry terminal opening delayed by a year\nBy Jane Rowe\n\n" + STORY +
            "More Latest News\nTown fair cancelled\nNew mayor sworn in\nFind us on Facebook\nOur Team\n")
    assert extract(page).headline == "Ferry terminal opening delayed by a year"


def test_a_name_after_a_dash_that_the_article_uses_is_no_site_name():
    """A site name is printed again in the page's furniture; a speaker named
    after a quote-like headline is printed again in the article."""
    page = ("The Harbour Times\nHome\nNews\n"
            "Terminal will open in May - Rowe\n\n"
            "Harbour chief Anna Rowe said on Monday the new ferry terminal will open in May, a year late.\n"
            "Rowe said problems with the steel frame had caused the delay, and traders had been told.\n"
            "The authority expects about two million passengers a year once the terminal works.\n"
            "Copyright The Harbour Times\n")
    assert extract(page).headline == "Terminal will open in May - Rowe"
    site = page.replace("Terminal will open in May - Rowe", "Terminal will open in May - The Harbour Times")
    assert extract(site).headline == "Terminal will open in May"


def test_a_dump_that_opens_with_its_headline_repeated_in_the_lede_keeps_it_as_headline():
    text = ("Almanac of the river towns\n\n"
            "An almanac of the river towns lists every flood and every harbour strike of the past "
            "century, with the dates the parish records give.\n\n"
            "It is published by the town library and sold at the harbour kiosk for two pounds.\n")
    article = extract(text)
    assert article.headline == "Almanac of the river towns"
    assert article.body.startswith("An almanac of the river towns lists")
    assert "no headline found" not in article.warnings


def test_a_dump_that_opens_with_prose_does_not_lose_its_first_sentence_to_the_headline():
    text = ("The council met on Monday and voted to close the old bridge for repairs.\n\n"
            "Engineers said the work would take most of the summer and cost more than planned.\n")
    article = extract(text)
    assert article.headline != "The council met on Monday and voted to close the old bridge for repairs."
    assert article.body.startswith("The council met on Monday")


def test_a_headline_that_opens_like_furniture_is_still_the_headline():
    # "Top ..." and "copyright" are furniture words; here they are the news
    for title in ("Top judge clashes with ministers over sentencing", "Carmaker wins copyright ruling in court"):
        article = extract(f"{title}\n\n{STORY}")
        assert article.headline == title, article


def test_a_dump_that_opens_with_a_question_for_a_title_keeps_it_as_headline():
    article = extract(f"Could the harbour delay be a blessing in disguise?\n\n{STORY}")
    assert article.headline == "Could the harbour delay be a blessing in disguise?"
    assert article.body.startswith("The harbour authority said")
    # two sentences are a paragraph, not a title
    article = extract(f"Is it late? The ferry terminal is.\n\n{STORY}")
    assert article.headline != "Is it late? The ferry terminal is."


def test_a_headline_the_body_took_in_beats_a_menu_above_it():
    # the body run takes in the headline right above it; the last menu item
    # is then the only line above the body
    page = "\n".join(MENU) + f"\n\n{FERRY_HEADLINE}\n\nHARBOURTON (Reuters) - " + "\n\n".join(FERRY)
    article = extract(page)
    assert article.headline == FERRY_HEADLINE
    assert article.body.startswith("HARBOURTON (Reuters) - The harbour authority said")
    # the dateline is read from the body's first line, now the one after the headline
    assert (article.source, article.dateline) == ("Reuters", "HARBOURTON")


def test_a_headline_with_share_tools_glued_on_is_judged_without_them():
    # with the tools counted, the headline looked like a menu and the section
    # label above it won
    for tail in (" | Save | Share | Print", " Save Email Print"):
        page = ("\n".join(MENU) + f"\n\nHarbour and coast news\n{FERRY_HEADLINE}{tail}\n"
                "By Ann Holt, transport reporter\n\n" + "\n\n".join(FERRY))
        assert extract(page).headline == FERRY_HEADLINE, tail
    line = split_lines(f"{FERRY_HEADLINE} | Save | Share | Print")[0]
    assert line.text == FERRY_HEADLINE and line.menu_separators == 0 and line.ui_ratio == 0


# A caption that speaks of the article more than its headline does, and the
# ways pages credit the photo it describes.
HEADLINE_BYLINE = "Ferry terminal delayed again\n\nBy Jane Rowe\nMarch 3, 2015\n\n"
CAPTION = "The new ferry terminal, a year later than planned, still without its steel frame"


def test_a_caption_with_its_photo_credit_glued_on_is_not_the_headline():
    page = HEADLINE_BYLINE + CAPTION + "Credit: Tom Hale\n\n" + STORY
    assert extract(page).headline == "Ferry terminal delayed again"


def test_a_caption_over_a_photo_credit_line_is_not_the_headline():
    for credit in ("Photo: Tom Hale/Reuters", "Getty Images", "Tom Hale/AFP"):
        page = HEADLINE_BYLINE + CAPTION + "\n" + credit + "\n\n" + STORY
        assert extract(page).headline == "Ferry terminal delayed again", credit


def test_photo_credits_are_recognised_on_the_line_or_right_under_it():
    from newsidx.extract.headline import credits_a_photo
    lines = split_lines(f"{CAPTION}\nPhoto: Tom Hale\n{CAPTION}\n\nStory continues\n"
                        "Getty Images to open a new archive in the port\n" + STORY)
    assert credits_a_photo(lines, 0)      # the credit under it
    assert credits_a_photo(lines, 1)      # the credit itself
    assert not credits_a_photo(lines, 2)  # the line under it credits nothing
    # a headline naming a picture agency is long: it credits no photo above it
    assert not credits_a_photo(lines, 3)
    for credit in ("Picture: Tom Hale", "Image: Tom Hale", "Illustration: Tom Hale", "Tom Hale / Shutterstock",
                   "Tom Hale/AP", "Tom Hale/Reuters", "Tom Hale/EPA", "Tom Hale/AAP", "Tom Hale/Getty", "AP Photo",
                   "Getty Images"):
        assert credits_a_photo(split_lines(credit), 0), credit
    for plain in ("Tom Hale", "Tom Hale, Harbour Times", "Apple to open a store in the port"):
        assert not credits_a_photo(split_lines(plain), 0), plain


def test_a_title_above_past_a_byline_is_told_from_one_right_above():
    from newsidx.extract.headline import HeadlineContext, title_above_past_metadata
    page = ("Ferry terminal opening delayed by a year\nBy Jane Rowe\nMarch 3, 2015\n"
            "Traders fear the terminal delay will cost them the summer\n" + STORY)
    lines = split_lines(page)
    context = HeadlineContext.of(lines, 4, lines[4:])
    assert title_above_past_metadata(lines, 3, context.metadata, context.body_stems)
    # right under the title, with nothing between, it is below_a_title's case
    assert not title_above_past_metadata(lines, 1, context.metadata, context.body_stems)
    adjacent = split_lines("Ferry terminal opening delayed by a year\n"
                           "Traders fear the terminal delay will cost them the summer\n" + STORY)
    context = HeadlineContext.of(adjacent, 2, adjacent[2:])
    assert not title_above_past_metadata(adjacent, 1, context.metadata, context.body_stems)


def test_a_headline_in_capitals_beats_the_standfirst_under_it():
    # some sites print (or style) the headline in capitals, as they do menus
    page = ("Home | News | Business\n\nFERRY TERMINAL OPENING DELAYED BY A YEAR\n\n"
            "Traders fear the terminal delay will cost them a second summer\n\nBy Jane Rowe\n\n" + STORY)
    assert extract(page).headline == "FERRY TERMINAL OPENING DELAYED BY A YEAR"
    page = "NEWS\n\nFERRY TERMINAL OPENING DELAYED BY A YEAR\n\nBy Jane Rowe\nMarch 3, 2015\n\n" + STORY
    assert extract(page).headline == "FERRY TERMINAL OPENING DELAYED BY A YEAR"


def test_forget_earlier_pages_forgets_what_extraction_kept_from_them():
    # what extract_speed relies on to time each page as the first of its site
    from newsidx.extract import headline, lines
    from newsidx.extract.pipeline import forget_earlier_pages
    extract(HEADLINE_BYLINE + CAPTION + "\nGetty Images\n\n" + STORY)
    assert lines._measured and headline._names_a_photo_credit.cache_info().currsize
    forget_earlier_pages()
    assert not lines._measured and headline._names_a_photo_credit.cache_info().currsize == 0
