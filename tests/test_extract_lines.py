"""Line splitting, markdown removal and line features."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsidx.extract.lines import split_lines, strip_markdown, words_of


def test_strip_markdown_heading_links_and_emphasis():
    text, heading, is_list, link_share = strip_markdown("# The **big** [story](http://x.y/z) today")
    assert text == "The big story today"
    assert heading == 1 and not is_list
    assert 0 < link_share < 0.5


def test_strip_markdown_list_item_that_is_all_link():
    text, heading, is_list, link_share = strip_markdown("  * [Sports](/sports)")
    assert (text, heading, is_list) == ("Sports", 0, True)
    assert link_share == 1.0


def test_strip_markdown_removes_images_and_escapes():
    assert strip_markdown("![logo](a.png) Prices rise \\- again")[0] == "Prices rise - again"


def test_strip_markdown_removes_the_link_numbers_of_a_lynx_dump_but_not_footnote_marks():
    assert strip_markdown("* [1]Home")[0] == "Home"
    assert strip_markdown("The [14]harbour authority said so.[3]")[0] == "The harbour authority said so.[3]"
    assert strip_markdown("A photo [IMG] of the pier ([22]PDF)")[0] == "A photo of the pier (PDF)"
    assert strip_markdown("[1] First of the points")[0] == "[1] First of the points"


def test_strip_markdown_finds_markup_wherever_it_stands_and_leaves_plain_lines_plain():
    # strip_markdown returns plain lines at once: each mark below must still be seen
    assert strip_markdown("Prices __rose__ again")[0] == "Prices rose again"
    assert strip_markdown("See <https://example.org/a> for more")[0] == "See https://example.org/a for more"
    assert strip_markdown("Jobs for C\\# developers")[0] == "Jobs for C# developers"
    assert strip_markdown("Prices rise \\- again")[0] == "Prices rise - again"
    assert strip_markdown("Scores ## today")[0] == "Scores today"
    assert strip_markdown("A **bold** claim")[0] == "A bold claim"
    assert strip_markdown("Read the [full story](http://x.y/z) here")[0] == "Read the full story here"
    assert strip_markdown("> A quoted line")[0] == "A quoted line"
    assert strip_markdown("12. Twelfth point")[:3] == ("Twelfth point", 0, True)
    assert strip_markdown("  Plain   line\twith  spaces ") == ("Plain line with spaces", 0, False, 0.0)


def test_prose_scores_above_menu_and_widgets():
    lines = split_lines(
        "Home | News | Sport | Weather\n"
        "Share this article\n"
        "The council voted on Tuesday to close the old library, which has served the town for ninety years.\n"
    )
    menu, share, prose = lines
    assert prose.score > 0 > menu.score
    assert share.score < 0 and share.boilerplate > 0


def test_time_stamped_short_line_is_a_section_break():
    stamp, prose = split_lines("Posted 2 hours ago\nThe vote was close, officials said on Monday evening.")
    assert stamp.section_break
    assert not prose.section_break


def test_blank_lines_are_skipped_but_positions_kept():
    lines = split_lines("first line here\n\n\nsecond line here")
    assert [line.index for line in lines] == [0, 3]
    assert lines[1].blank_before


def test_line_patterns_are_written_in_lower_case():
    """They are matched against the lower-cased line without re.IGNORECASE."""
    import re

    from newsidx.extract import vocabulary as vocab
    patterns = [p for p, _ in vocab.BOILERPLATE_LINE_PATTERNS] + list(vocab.SECTION_BREAK_PATTERNS)
    for pattern in patterns:
        literal_letters = re.sub(r"\\.", "", pattern)  # \W, \d, \b are classes, not letters
        assert literal_letters == literal_letters.lower(), pattern
    assert all(k == k.lower() for k in vocab.BOILERPLATE_ANYWHERE_KEYWORDS)


def test_upper_case_furniture_is_still_recognised():
    share, comments, stamp = split_lines("SHARE THIS ARTICLE\nREPORT ABUSE\nUPDATED 10:42 AM")
    assert share.boilerplate > 0
    assert comments.section_break and stamp.section_break


def test_repeated_lines_keep_their_own_positions():
    lines = split_lines("Home\n\nNews\nHome\nHome")
    assert [line.index for line in lines] == [0, 2, 3, 4]
    assert [line.blank_before for line in lines] == [True, True, False, False]
    assert lines[0].score == lines[3].score


def test_comparison_key_folds_case_punctuation_and_spacing():
    from newsidx.extract.lines import comparison_key
    assert comparison_key("U.S.-China  trade: deal?") == "u s china trade deal"
    line = split_lines("The U.S.-China trade deal")[0]
    assert line.key == comparison_key(line.text) == "the u s china trade deal"


def test_a_long_title_without_a_full_stop_is_not_prose():
    teaser, paragraph = split_lines(
        "Council workers find a forgotten tunnel under the old harbour market during routine road repairs\n"
        "Council workers found a forgotten tunnel under the old harbour market during routine road repairs.")
    assert teaser.words == paragraph.words == 15
    # no full stop costs twice: no sentence-end credit, and a penalty
    assert teaser.score <= paragraph.score - 2


def test_code_debris_is_recognised_but_prose_that_looks_a_bit_like_it_is_not():
    code = split_lines("document.write('<div class=\"ad\">');\nvar slot = new AdSlot(3);\n<script type=\"text/javascript\">")
    assert all(line.code_like for line in code)
    prose = split_lines("The club hopes to sign two players before the transfer window.\n"
                        "The festival opened with <The Harbour Tale>, a musical.\n"
                        "Born in a small fishing village on the coast;")
    assert not any(line.code_like for line in prose)


def test_code_debris_found_by_its_word_or_its_closing_semicolon():
    # the cheap test before the full pattern must let these through: no "=",
    # brace or tag, only "function(" or a statement's ");" at the end
    code = split_lines("jQuery(function ($)\ntrackPageView(pageName);")
    assert all(line.code_like for line in code)
    prose = split_lines("The mayor (a former teacher) spoke first; the crowd listened (mostly).")
    assert not prose[0].code_like


def test_words_are_the_same_in_plain_ascii_and_in_accented_text():
    assert words_of("The U.S.-led talks aren't over: 3.5% more") == ["The", "U.S", "led", "talks", "aren't", "over", "3.5", "more"]
    assert words_of("The café’s U.S.-led talks_2 aren't over") == ["The", "café’s", "U.S", "led", "talks", "2", "aren't", "over"]
    assert words_of("See https://example.org/a-b now") == ["See", "now"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ9'.-_ ,\t£’“—é\u0301中", max_size=80))
def test_words_are_the_words_the_pattern_finds(text):
    # ASCII lines, and lines whose other characters only break words, take a
    # faster path (a table, then loose apostrophes, dots and hyphens dropped);
    # the pattern every other line uses is the reference.
    from newsidx.extract import lines

    assert words_of(text) == lines._WORD.findall(text)


def test_an_embedded_post_signature_is_dated_but_no_section_break():
    signature, stamp = split_lines("— Harbour Council (@HarbourCouncil) November 4, 2019\nPosted November 4, 2019")
    assert not signature.section_break
    assert stamp.section_break


def test_a_copyright_notice_is_furniture_at_any_length():
    notice = ("© 2019 Harbour Media Group. All rights reserved. Use of this site constitutes acceptance of our "
              "user agreement and privacy policy and cookie statement and your privacy rights. The material on "
              "this site may not be reproduced, distributed, transmitted, cached or otherwise used, except with "
              "the prior written permission of Harbour Media Group.")
    # long enough (over 40 words) that only patterns anchored at the start apply
    prose = ("Copyright lawyers said on Tuesday that the ruling on the old harbour photographs would be appealed "
             "next month, and that the council had never asked the photographers or their families for any "
             "permission before printing the pictures in its visitor guide and on the new ferry terminal walls.")
    notice_line, prose_line = split_lines(notice + "\n" + prose)
    assert notice_line.words > 40 and notice_line.boilerplate > 0
    assert prose_line.words > 40 and prose_line.boilerplate == 0


def test_a_trie_of_literals_finds_what_any_of_them_finds():
    import re

    from newsidx.extract.lines import one_of_literals

    literals = ("photo", "photographer", "ph", "(c)", "cookie", "copy", "a b")
    pattern = re.compile(one_of_literals(literals))
    for text in ("a photograph", "p h", "(c) 2020", "(c", "cook", "copyright", "xa by", "a b", ""):
        assert bool(pattern.search(text)) == any(literal in text for literal in literals), text


def _features(lines):
    from dataclasses import asdict

    return [asdict(line) for line in lines]


def test_lines_measured_on_earlier_pages_give_what_a_fresh_measure_gives(monkeypatch):
    from newsidx.extract import lines as lines_module

    earlier = "Home | World | Sport\n\nA first page's only sentence, long enough to be prose.\nShare this story"
    page = ("Share this story\nHome | World | Sport\n\n"
            "A first page's only sentence, long enough to be prose.\nA line this page alone has.")
    monkeypatch.setattr(lines_module, "_measured", {})
    fresh = _features(split_lines(page))
    monkeypatch.setattr(lines_module, "_measured", {})
    split_lines(earlier)
    warm = split_lines(page)
    assert _features(warm) == fresh
    # the same text at another place on the page is told apart by its position
    assert [(line.index, line.blank_before) for line in warm] == [(0, True), (1, False), (3, True), (4, False)]


def test_the_cache_of_measured_lines_starts_again_past_its_limit(monkeypatch):
    from newsidx.extract import lines as lines_module

    monkeypatch.setattr(lines_module, "_measured", {})
    monkeypatch.setattr(lines_module, "_MEASURED_LIMIT", 3)
    page = "\n".join(f"Line number {n} of a page." for n in range(10))
    first, again = _features(split_lines(page)), _features(split_lines(page))
    assert first == again
    assert len(lines_module._measured) <= 3


def test_a_word_that_starts_like_comment_is_no_comment_widget():
    # "Commentators", "Commentary", a sentence opening "Comments by ...": prose, not the
    # "Comments (12)" widget the pattern is for
    assert split_lines("Commentators said the shops had cut their prices too late.")[0].boilerplate == 0.0
    assert split_lines("Comments by the central bank's governor last week had sparked the fall in the dollar.")[0] \
        .boilerplate == 0.0
    assert split_lines("Comments (12)")[0].boilerplate > 0.0
    assert split_lines("Leave a comment: your email address will not be published")[0].boilerplate > 0.0


def test_a_short_sentence_naming_a_day_is_no_time_stamp():
    assert not split_lines("The first meeting is on June 3 at the town hall.")[0].section_break
    assert split_lines("Posted June 3, 2019 at 10:42")[0].section_break
    # a teaser's ellipsis is no sentence's end
    assert split_lines("07:13 I cannot wait to see the band back in...")[0].section_break


def test_what_is_left_of_a_cut_off_tag_is_code_debris():
    assert split_lines('the storm closed the harbour for a week." />')[0].code_like
    assert not split_lines('He said: "The harbour is closed."')[0].code_like


def test_a_credit_glued_after_a_sentence_is_noticed_and_an_abbreviation_is_not_one():
    assert split_lines("The reservoir has fallen sharply since March. Ann Holt for The Harbour Times")[0].credit_tail
    assert split_lines("The plan was approved on Monday night. REUTERS/Jane Rowe")[0].credit_tail
    assert not split_lines("The harbour was closed, said Capt. Jerry Hale of the port police.")[0].credit_tail
    assert not split_lines("He said it was over. And then he left the hall")[0].credit_tail


def test_a_photo_credit_line_is_boilerplate_and_a_sentence_naming_the_agency_is_not():
    from newsidx.extract.lines import is_furniture
    for credit in ("Jane Rowe | Bloomberg | Getty Images", "Jane Rowe/AP", "Jane Rowe/AAP", "Jane Rowe / Shutterstock",
                   "Jane Rowe/AFP via Getty Images", "Jane Rowe/Reuters", "Jane Rowe/EPA"):
        assert is_furniture(split_lines(credit)[0]), credit
    for prose in ("The agency sold its archive to Getty Images",
                  "Shares of Getty Images rose 4 per cent on Monday after the company said profits rose."):
        assert split_lines(prose)[0].boilerplate == 0, prose


def test_the_labels_a_page_prints_for_screen_readers_over_a_photo_are_boilerplate():
    for label in ("Image caption, Crowds gathered at the harbour on Tuesday", "Image source, Reuters",
                  "Media caption, The mayor speaks to traders", "Photo credit: Jane Rowe"):
        assert split_lines(label)[0].boilerplate > 0, label
    assert split_lines("Image captions are written by the picture desk, she said.")[0].boilerplate == 0
