"""Body selection: the main run of prose without the furniture inside it."""

from __future__ import annotations

from newsidx.extract import extract
from newsidx.extract.body import best_run, find_body, gaps_between, same_story, select_body, without_closing_bio
from newsidx.extract.features import PageLayout, lists_announced_by_body
from newsidx.extract.model import shipped_model
from newsidx.extract.lines import split_lines

PARAGRAPHS = [
    "The city council approved the new budget on Tuesday after a long debate about road repairs.",
    "Members said the plan would add two hundred jobs and repair most of the bridges by next spring.",
    "The mayor, who had opposed an earlier draft, said she was pleased that the parks were spared.",
    "A final vote on the transport levy is expected next month, when the council meets again.",
]


def _body(page: str) -> str:
    _, _, kept = find_body(split_lines(page))
    return "\n".join(line.text for line in kept)


def test_best_run_is_the_maximum_sum_span():
    assert best_run([-1, 2, 3, -10, 4]) == (1, 3)
    assert best_run([-1, -2]) == (0, 0)


def test_gaps_between_anchors_are_the_short_runs_with_an_anchor_on_each_side():
    anchors = [False, True, False, False, True, True, False, True, False, False, False, False, True, False]
    # the leading and trailing runs have an anchor on one side only; the
    # four-line run is longer than the limit
    assert gaps_between(anchors, 3) == [range(2, 4), range(6, 7)]


def test_menus_and_footer_are_left_out():
    page = "\n".join(["Home", "News", "Sport", "Contact us", *PARAGRAPHS,
                      "Copyright 2020 The Town Paper. All rights reserved.", "Privacy policy"])
    body = _body(page)
    assert body.startswith(PARAGRAPHS[0]) and body.endswith(PARAGRAPHS[-1])
    assert "Copyright" not in body and "Home" not in body


def test_related_list_inside_the_article_is_dropped_but_text_after_it_kept():
    page = "\n".join([PARAGRAPHS[0], PARAGRAPHS[1], "Related stories:", "Bridge closed for repairs",
                      "Mayor wins second term", PARAGRAPHS[2], PARAGRAPHS[3]])
    body = _body(page)
    assert "Related stories" not in body and "Mayor wins second term" not in body
    assert PARAGRAPHS[3] in body


def test_subheading_between_paragraphs_is_kept_but_widget_pairs_are_not():
    page = "\n".join([PARAGRAPHS[0], PARAGRAPHS[1], "Parks spared", PARAGRAPHS[2],
                      "Facebook", "Twitter", PARAGRAPHS[3]])
    body = _body(page)
    assert "Parks spared" in body
    assert "Facebook" not in body and "Twitter" not in body


def test_reader_comments_after_the_article_are_not_body():
    page = "\n".join([*PARAGRAPHS, "Comments (2)", "Posted by jim at 10:32 PM",
                      "I think the council is wasting our money on this plan and nobody asked us about it.",
                      "Posted by anna at 11:02 PM",
                      "Great news for the parks, finally someone listened to the people who live here."])
    body = _body(page)
    assert body.endswith(PARAGRAPHS[-1])
    assert "wasting our money" not in body


def test_captions_and_read_more_lines_are_dropped():
    page = "\n".join([PARAGRAPHS[0], "The mayor speaks to reporters in the town hall. (Photo: John Smith)",
                      PARAGRAPHS[1], "Read more", PARAGRAPHS[2]])
    body = _body(page)
    assert "Photo" not in body and "Read more" not in body
    assert PARAGRAPHS[2] in body


COMMENTS = [
    "I have lived in this town for forty years and I have never seen the roads in such a state, so this "
    "budget is long overdue and I hope the council actually spends the money where it says it will.",
    "Two hundred jobs sounds good on paper but we were promised the same thing five years ago and "
    "nothing happened, the bridges are still falling apart and the parks are full of litter every weekend.",
    "The transport levy will hit small businesses hardest, and nobody on the council seems to care about "
    "the shops on the high street that are already struggling with rents and rates and parking charges.",
]


def test_comment_headers_are_recognised():
    from newsidx.extract.body import is_comment_header
    for header in ("12 Comments", "Comments", "Reader views (5)", "Have your say", "Leave a Reply",
                   "[ 167 comments ]", "Top Rated Comments", "Add your comment"):
        assert is_comment_header(split_lines(header)[0]), header
    assert not is_comment_header(split_lines("The council declined to comment on the plan.")[0])
    # an opinion section's name, not a comment header
    assert not is_comment_header(split_lines("Comment")[0])
    assert not is_comment_header(split_lines("Views")[0])


def test_comment_section_longer_than_the_article_is_left_out():
    article = [*PARAGRAPHS, "Opposition members walked out before the vote, saying the levy had been "
               "rushed through without a proper consultation of residents and local businesses."]
    page = "\n".join(["Budget approved", *article, "Comments (3)", *COMMENTS, *COMMENTS[:2]])
    body = _body(page)
    assert body.startswith(PARAGRAPHS[0]) and body.endswith(article[-1])


def test_comments_link_above_the_article_does_not_cut_it():
    page = "\n".join(["Budget approved", "Comments (3)", *PARAGRAPHS, "Privacy policy"])
    body = _body(page)
    assert body.startswith(PARAGRAPHS[0]) and body.endswith(PARAGRAPHS[-1])


def test_long_list_of_names_after_the_article_is_not_prose():
    footer = ("Harbour Region: The Harbour Gazette; Quay Courier; Northfield Advertiser; Bay Herald; "
              "Westport Weekly News; Island Record; Eastham Mercury; Southdown Post. Coast Region: "
              "Cliffside Times; Dune Valley Star; Lighthouse Journal; Saltmarsh Chronicle; Tidewater Sun.")
    line = split_lines(footer)[0]
    assert line.score < 1.0
    page = "\n".join(["Budget approved", *PARAGRAPHS, "Other papers", footer, footer.replace("Harbour", "Coast")])
    assert "Gazette" not in _body(page)


FEED = ["More from The Town Paper",
        "Ferry terminal delayed again",
        "The harbour authority said on Monday that the new terminal would open a year later than planned.",
        "Town fair cancelled",
        "Organisers said the fair could not go ahead because the field was flooded after a week of rain.",
        "School wins award",
        "Pupils at the primary school on the hill won a national award for their work on local history."]


def test_feed_of_other_stories_newsletter_box_and_author_bio_are_not_body():
    page = "\n".join(["Home", "News", "Sport", "Weather", "Budget approved after long debate", "By Jane Rowe",
                      *PARAGRAPHS,
                      "Jane Rowe is a senior reporter at The Town Paper, where she has covered the council since 2009.",
                      "Sign up for our morning newsletter and get the day's top stories delivered to your inbox.",
                      *FEED, "Copyright 2015 The Town Paper"])
    body = extract(page).body
    assert body.startswith(PARAGRAPHS[0]) and body.endswith(PARAGRAPHS[-1])
    assert "senior reporter" not in body and "newsletter" not in body and "harbour authority" not in body


def test_a_closing_paragraph_opening_with_the_bylines_name_goes_with_its_heading():
    # no reporter's title in it: what gives it away is the writer's name, from the byline
    page = "\n".join(["Home", "News", "Budget approved after long debate", "Posted on 3 May 2023 by Tom Reilly",
                      *PARAGRAPHS, "About the author",
                      "Tom Reilly has followed the town's finances for a decade and lives by the harbour.",
                      "Privacy policy"])
    article = extract(page)
    assert article.byline == "Tom Reilly"
    assert article.body.endswith(PARAGRAPHS[-1]), article.body


def test_a_closing_bio_is_only_taken_away_for_a_full_name_and_never_leaves_the_body_empty():
    lines = split_lines("\n".join([PARAGRAPHS[0], "Tom said the vote was the closest he could remember."]))
    assert without_closing_bio(lines, "Tom") == lines
    assert without_closing_bio(lines, "Tom Reilly") == lines
    bio = split_lines("Tom Reilly is a reporter at The Town Paper.")
    assert without_closing_bio(bio, "Tom Reilly") == bio
    assert without_closing_bio(split_lines(PARAGRAPHS[0] + "\nAbout the author\n" + bio[0].text),
                               "Tom Reilly") == split_lines(PARAGRAPHS[0])
    # each writer of a shared byline
    two = split_lines("\n".join([PARAGRAPHS[0], "Ann Holt covers the harbour.", "Tom Reilly edits the paper."]))
    assert without_closing_bio(two, "Ann Holt and Tom Reilly") == two[:1]


def test_an_announced_related_list_of_sentence_like_headlines_is_dropped():
    # Headlines of other stories can read like prose; announced as related they are still an aside.
    teasers = ["Council delays vote on the new harbour wall until spring",
               "Ferry operator warns of further cancellations on the island route",
               "Residents of the old quarter say parking plans ignore their views",
               "Mayor defends the cost of the summer festival at a public meeting"]
    page = "\n".join([PARAGRAPHS[0], PARAGRAPHS[1], "", "Related readings:", *teasers, "",
                      PARAGRAPHS[2], PARAGRAPHS[3]])
    body = _body(page)
    assert not any(teaser in body for teaser in teasers), body
    assert PARAGRAPHS[1] in body and PARAGRAPHS[3] in body


def test_a_list_between_paragraphs_is_kept_whole():
    items = ["* Two new bridges over the canal", "* Longer opening hours at the library",
             "* A cycle lane on the harbour road"]
    page = "\n".join(["Home", "News", "Sport", PARAGRAPHS[0],
                      "The budget sets out three projects the council will pay for first:", *items,
                      PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[3], "Privacy policy"])
    body = _body(page)
    assert all(item[2:] in body for item in items)
    assert "Home" not in body and "Privacy policy" not in body


def test_ten_lines_of_subheadings_and_short_answers_between_two_paragraphs_are_filled_in():
    # Sections of an explainer: each subheading and one-line answer doubtful
    # on its own, the paragraphs either side sure.
    section = ["Roads", "Who pays", "Taxpayers, mostly.", "When", "Work starts in May.", "Bridges",
               "Who pays", "The state.", "When", "Next year."]
    lines = split_lines("\n".join([PARAGRAPHS[0], PARAGRAPHS[1], *section, PARAGRAPHS[2], PARAGRAPHS[3]]))
    probabilities = [0.95, 0.95] + [0.45] * len(section) + [0.95, 0.95]
    layout = PageLayout(region=(0, len(lines)), comment_zone=None, announced_lists=set())
    _, _, kept = select_body(lines, probabilities, layout, shipped_model().thresholds)
    assert [line.text for line in kept] == [PARAGRAPHS[0], PARAGRAPHS[1], *section, PARAGRAPHS[2], PARAGRAPHS[3]]


HARBOUR = [
    "The harbour authority will close the old quay to motor boats from March, its director said on Monday.",
    "Boat owners who moor at the old quay have until February to move to the new marina, the authority said.",
    "The closure follows a summer of complaints about noise from motor boats in the harbour at night.",
    "Owners of motor boats will pay lower mooring fees at the new marina for the first year of the change.",
]
HARBOUR_RULES = ["Engines off at the quay", "No music after ten", "Three knots inside the wall", "Two nights at most",
                 "Fishing boats first", "No jet skis"]
OTHER_STORIES = [
    "A new bakery has opened on the high street, selling bread from a recipe older than the town hall.",
    "The county cricket team lost its opening match of the season by six wickets on a damp afternoon.",
]
NO_LAYOUT = PageLayout(region=(0, 0), comment_zone=None, announced_lists=set())


def test_same_story_is_told_by_shared_content_words():
    lines = split_lines("\n".join([*HARBOUR, *OTHER_STORIES]))
    assert same_story(lines, [0, 1], [2, 3], 0.2)
    assert not same_story(lines, [0, 1], [4, 5], 0.2)
    assert not same_story(lines, [0, 1], [], 0.2)


def test_the_body_runs_across_a_list_to_paragraphs_of_the_same_story_only():
    # the list lines are doubtful (short, unpunctuated), the paragraphs sure
    probabilities = [0.95, 0.95] + [0.05] * len(HARBOUR_RULES) + [0.95, 0.95]
    lines = split_lines("\n".join([*HARBOUR[:2], *HARBOUR_RULES, *HARBOUR[2:]]))
    _, _, kept = select_body(lines, probabilities, NO_LAYOUT, shipped_model().thresholds)
    assert [line.text for line in kept] == [*HARBOUR[:2], *HARBOUR_RULES, *HARBOUR[2:]]
    # the same list before the summaries of other stories is where the article ends
    lines = split_lines("\n".join([*HARBOUR[:2], *HARBOUR_RULES, *OTHER_STORIES]))
    _, _, kept = select_body(lines, probabilities, NO_LAYOUT, shipped_model().thresholds)
    assert [line.text for line in kept] == HARBOUR[:2]


RULES_FOR_BOATS = ["Engines off at the quay", "No music on boats after ten", "Three knots inside the harbour wall",
                   "Two nights at most at the quay", "Fishing boats first", "No jet skis in the harbour"]


def test_a_list_is_announced_by_a_body_line_ending_in_a_colon_or_by_a_clause_under_one():
    closing = ["Share this article", "Facebook"]
    sure_then_list = [0.95, 0.95] + [0.05] * len(RULES_FOR_BOATS) + [0.01, 0.01]
    paragraph_announcing = HARBOUR[1][:-1] + ", and these are the new rules:"
    lines = split_lines("\n".join([HARBOUR[0], paragraph_announcing, *RULES_FOR_BOATS, *closing]))
    # the list ends where the widget words start
    assert lists_announced_by_body(lines, sure_then_list) == [(1, range(2, 8))]
    lines = split_lines("\n".join([*HARBOUR[:2], "The new rules are:", *RULES_FOR_BOATS, *closing]))
    assert lists_announced_by_body(lines, [0.95, 0.95, 0.1] + sure_then_list[2:]) == [(1, range(2, 9))]
    for label in ("Share this story:", "Top Stories From The Harbour:"):
        lines = split_lines("\n".join([*HARBOUR[:2], label, *RULES_FOR_BOATS, *closing]))
        assert lists_announced_by_body(lines, [0.95, 0.95, 0.1] + sure_then_list[2:]) == []


def test_a_list_the_article_announces_is_kept_to_its_end_but_other_stories_announced_are_not():
    probabilities = [0.95, 0.95, 0.1] + [0.05] * 6 + [0.01, 0.01]
    lines = split_lines("\n".join([*HARBOUR[:2], "The new rules are:", *RULES_FOR_BOATS, "Share this article", "More"]))
    _, end, kept = select_body(lines, probabilities, NO_LAYOUT, shipped_model().thresholds)
    assert [line.text for line in kept] == [*HARBOUR[:2], "The new rules are:", *RULES_FOR_BOATS]
    assert end == 9
    titles = ["New bakery on the high street", "Cricket team loses opener", "Town fair called off",
              "School wins history prize", "Bus fares to rise in May", "Library hours cut"]
    lines = split_lines("\n".join([*HARBOUR[:2], "Read on:", *titles, "Share this article", "More"]))
    _, _, kept = select_body(lines, [0.95, 0.95, 0.6] + probabilities[3:], NO_LAYOUT, shipped_model().thresholds)
    assert not any(line.text in titles for line in kept)


SIDEBAR = ["Skip to next paragraph", "Related", "Boat show moves to the spring", "Marina fees explained"]


def _kept_with_first_pass(texts, first, second):
    lines = split_lines("\n".join(texts))
    start, end, kept = select_body(lines, second, NO_LAYOUT, shipped_model().thresholds, first)
    return start, end, [line.text for line in kept]


def test_an_opening_paragraph_parted_from_the_article_by_a_sidebar_is_taken_in_without_the_sidebar():
    # The first pass takes the opening paragraph for body; the second pass
    # doubts it for the sidebar under it. The sidebar stays out.
    texts = ["By Jane Rowe", HARBOUR[0], *SIDEBAR, *HARBOUR[1:]]
    first = [0.05, 0.8] + [0.05] * len(SIDEBAR) + [0.95] * 3
    second = [0.05, 0.3] + [0.02] * len(SIDEBAR) + [0.95] * 3
    start, _, kept = _kept_with_first_pass(texts, first, second)
    assert kept == HARBOUR and start == 1
    # without the first pass's word the run stays where the second pass put it
    lines = split_lines("\n".join(texts))
    _, _, kept = select_body(lines, second, NO_LAYOUT, shipped_model().thresholds)
    assert [line.text for line in kept] == HARBOUR[1:]


def test_a_closing_paragraph_after_an_advertisement_is_taken_in():
    texts = [*HARBOUR[:3], "Advertisement", HARBOUR[3], "Share this article"]
    _, end, kept = _kept_with_first_pass(texts, [0.95] * 3 + [0.02, 0.7, 0.01], [0.95] * 3 + [0.02, 0.2, 0.01])
    assert kept == HARBOUR and end == 5


def test_another_story_beyond_a_sidebar_or_a_paragraph_past_a_long_sentence_is_not_taken_in():
    # a teaser of another story: likely body by its shape, but it speaks of other things
    texts = [*HARBOUR[1:], *SIDEBAR, OTHER_STORIES[0]]
    _, _, kept = _kept_with_first_pass(texts, [0.95] * 3 + [0.05] * len(SIDEBAR) + [0.8],
                                       [0.95] * 3 + [0.02] * len(SIDEBAR) + [0.3])
    assert kept == HARBOUR[1:]
    # the article's own paragraph, but past a sentence of prose the first pass doubts (a teaser, a caption)
    texts = [HARBOUR[0], "Related", OTHER_STORIES[1], *HARBOUR[1:]]
    _, _, kept = _kept_with_first_pass(texts, [0.8, 0.05, 0.2] + [0.95] * 3, [0.3, 0.02, 0.1] + [0.95] * 3)
    assert kept == HARBOUR[1:]


def test_a_list_closing_the_article_is_kept_when_it_speaks_of_it():
    terms = ["- Two hundred new jobs on the road repairs",
             "- Repairs to most of the bridges by next spring",
             "- A council vote on the transport levy next month"]
    links = ["- [Ferry terminal delayed again](https://example.org/ferry)",
             "- [Town fair cancelled after the rain](https://example.org/fair)"]
    page = "\n".join(["Home", "News", *PARAGRAPHS, *terms, "", "Privacy policy"])
    body = extract(page).body
    assert all(term[2:] in body for term in terms), body
    page = "\n".join(["Home", "News", *PARAGRAPHS, *links, "", "Privacy policy"])
    assert "Ferry" not in extract(page).body


def test_the_credits_closing_a_wire_story_are_part_of_it():
    credit = "(Reporting by Jane Rowe; Editing by Tom Reilly)"
    page = "\n".join(["Home", "News", *PARAGRAPHS, credit, "Our Standards: The Trust Principles.",
                      "More from the wire", "Privacy policy"])
    body = extract(page).body
    assert body.endswith(PARAGRAPHS[-1] + "\n\n" + credit), body
    # only right under the story: the same words further down are someone else's
    page = "\n".join(["Home", "News", *PARAGRAPHS, "Privacy policy", "Contact us", credit])
    assert credit not in extract(page).body


def test_the_last_paragraph_above_a_row_of_share_links_in_a_markdown_dump_is_kept():
    page = "\n\n".join(["# [The Town Blog](https://example.org/)", "  * [Home](/)\n  * [About](/about)",
                        "## Budget approved after long debate", "Posted on June 2, 2024 by Jane Rowe",
                        *PARAGRAPHS, "### Share this:",
                        "  * [Twitter](https://twitter.com/share)\n  * [Facebook](https://facebook.com/share)",
                        "### Related", "© 2024 The Town Blog"])
    article = extract(page)
    assert article.headline == "Budget approved after long debate"
    assert article.body == "\n\n".join(PARAGRAPHS), article.body


def test_subheadings_between_the_paragraphs_of_a_guide_are_kept():
    sections = [("Getting there", "Trains from the city run every half hour on Saturday and Sunday, and the station is "
                                  "a ten-minute walk from the harbour. Parking in the old quarter will be closed."),
                ("Tickets", "Entry to the harbour front is free, but the evening concerts need a ticket, which "
                            "costs 15 pounds at the gate or 12 pounds online."),
                ("The boat parade", "The parade of fishing boats leaves the outer harbour at 2 p.m. on Saturday. The "
                                    "best views are from the lighthouse pier, which fills up early."),
                ("Food", "More than forty stalls will line the quay, from smoked fish to vegan pies."),
                ("The weather", "Forecasters expect sunshine on Saturday but showers on Sunday afternoon, "
                                "so pack a coat.")]
    # numbered, as such guides are: "1. Getting there"
    page = "\n".join(["Menu", "Search", "Travel", "Five things to know before the harbour festival",
                      "The town's biggest weekend of the year returns on Friday. Here is what you need to know.",
                      "By Ann Holt", "June 28, 2024",
                      *[line for number, (heading, paragraph) in enumerate(sections, 1)
                        for line in (f"{number}. {heading}", paragraph)],
                      "You might also like", "Ten walks along the coast this summer",
                      "The best fish and chips in the county", "Newsletter",
                      "Sign up to get our weekend guide every Thursday."])
    body = extract(page).body
    for heading, paragraph in sections:
        assert paragraph in body
    assert "\n\nFood\n\n" in body and "\n\nThe weather\n\n" in body, body


def test_a_page_that_lost_its_line_breaks_says_so():
    joined = " ".join(["Home News Sport", "Council approves the budget", *PARAGRAPHS] * 6)
    assert any("line breaks" in warning for warning in extract(joined).warnings)
    # a page with its line breaks, however long its paragraphs, does not
    page = "Council approves the budget\n\n" + "\n\n".join(" ".join(PARAGRAPHS * 6) for _ in range(3))
    assert not any("line breaks" in warning for warning in extract(page).warnings)


def test_the_widgets_of_a_modern_article_page_between_paragraphs_are_not_body():
    paragraphs = [
        "The harbour authority said on Tuesday that the new ferry terminal would open in May, a year later "
        "than planned, because of problems with the steel frame delivered last winter.",
        "Local traders welcomed the news but said the delay had already cost them customers this summer, "
        "when the old terminal could take only half the usual sailings.",
        "The authority expects about two million passengers a year once the terminal is fully working, "
        "and says the new berths will take the larger ships now in service.",
        "Engineers found cracks in several beams during an inspection in March, and the contractor agreed "
        "to replace them at its own cost, the authority said.",
    ]
    widgets = ["Share on X", "5 min read", "Listen to this article", "Follow us on Bluesky"]
    page = "Ferry terminal opening delayed by a year\n\nBy Jane Rowe\n\n"
    page += "".join(f"{paragraph}\n\n{widget}\n\n" for paragraph, widget in zip(paragraphs, widgets))
    body = extract(page).body
    assert all(paragraph in body for paragraph in paragraphs)
    assert not [widget for widget in widgets if widget in body]
