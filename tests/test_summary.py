"""Tests for newsidx.summary: sentence splitting, extractive summary, key terms."""

from __future__ import annotations

import re

import pytest

from newsidx.stopwords import REPORTING_WORDS, STOP_WORDS
from newsidx.summary import key_terms, split_sentences, summarize

# --- split_sentences ----------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Mr. Smith went to Washington. He met Dr. Jones there.",
     ["Mr. Smith went to Washington.", "He met Dr. Jones there."]),
    ("Mrs. Brown and Gen. Ortiz spoke. Nobody listened.",
     ["Mrs. Brown and Gen. Ortiz spoke.", "Nobody listened."]),
    ("Officials at the U.N. Security Council met on Jan. 5 to vote. The motion failed.",
     ["Officials at the U.N. Security Council met on Jan. 5 to vote.", "The motion failed."]),
    ("Troops were flown back to the U.S. The move surprised allies.",
     ["Troops were flown back to the U.S.", "The move surprised allies."]),
    ("Shares in Acme Inc. fell sharply. Acme Inc. said it would appeal.",
     ["Shares in Acme Inc. fell sharply.", "Acme Inc. said it would appeal."]),
    ("He bought shares in Acme Inc. The price has since doubled.",
     ["He bought shares in Acme Inc.", "The price has since doubled."]),
    ("The economy grew 3.5% in the quarter. Analysts expected 2.9%.",
     ["The economy grew 3.5% in the quarter.", "Analysts expected 2.9%."]),
    ("J. K. Rowling wrote the book. It sold well.",
     ["J. K. Rowling wrote the book.", "It sold well."]),
    ("Reporters waited outside No. 10 all day. Nobody came out.",
     ["Reporters waited outside No. 10 all day.", "Nobody came out."]),
    ('"We will not give up," he said. "The fight goes on." Then he left.',
     ['"We will not give up," he said.', '"The fight goes on."', "Then he left."]),
    ("She said: \u201cIt is over.\u201d The crowd cheered.",
     ["She said: \u201cIt is over.\u201d", "The crowd cheered."]),
    ("Is it over? Nobody knows! Talks resume today.",
     ["Is it over?", "Nobody knows!", "Talks resume today."]),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


# Written for these tests in the style of wire copy: abbreviations, initials
# and quotations where a naive splitter breaks a sentence or runs two together.
@pytest.mark.parametrize("text, expected", [
    ("The U.S. Senate voted 52-48 on Thursday. Mr. Harlan called it a betrayal.",
     ["The U.S. Senate voted 52-48 on Thursday.", "Mr. Harlan called it a betrayal."]),
    ("Prices rose sharply in the U.S. It was the biggest jump in a decade.",
     ["Prices rose sharply in the U.S.", "It was the biggest jump in a decade."]),
    ("The plant closed in Sept. 2003 after a fire. Workers were never rehired.",
     ["The plant closed in Sept. 2003 after a fire.", "Workers were never rehired."]),
    ("The deadline is Sept. 30, officials said. No extension is planned.",
     ["The deadline is Sept. 30, officials said.", "No extension is planned."]),
    ("J. R. Smith scored 21 points. The Knicks still lost.",
     ["J. R. Smith scored 21 points.", "The Knicks still lost."]),
    ("The report by Lt. Col. Dana Orr was leaked. It ran to 90 pages.",
     ["The report by Lt. Col. Dana Orr was leaked.", "It ran to 90 pages."]),
    ('"We are not going anywhere," said Mr. Okafor. "Not now, not ever."',
     ['"We are not going anywhere," said Mr. Okafor.', '"Not now, not ever."']),
    ('She asked: "Who signed it?" Nobody answered.', ['She asked: "Who signed it?"', "Nobody answered."]),
    ("He said the plan was \u201cdead on arrival.\u201d Aides disagreed.",
     ["He said the plan was \u201cdead on arrival.\u201d", "Aides disagreed."]),
    ("'It is a sad day,' said Sen. Tom Berrow. 'We lost.'",
     ["'It is a sad day,' said Sen. Tom Berrow.", "'We lost.'"]),
    ("Shares of Halvern Corp. fell 4%. Halvern Corp. declined to comment.",
     ["Shares of Halvern Corp. fell 4%.", "Halvern Corp. declined to comment."]),
    ("The talks began at 9 a.m. Tuesday and ended at 6 p.m. Both sides claimed victory.",
     ["The talks began at 9 a.m. Tuesday and ended at 6 p.m.", "Both sides claimed victory."]),
    ("The award went to Sammy Haller Jr. He accepted it in person.",
     ["The award went to Sammy Haller Jr.", "He accepted it in person."]),
    ("Gov. Ruiz (D., N.M.) signed the bill. It takes effect Jan. 1.",
     ["Gov. Ruiz (D., N.M.) signed the bill.", "It takes effect Jan. 1."]),
    ("The firm, based in the U.K., cut 300 jobs. Unions were furious.",
     ["The firm, based in the U.K., cut 300 jobs.", "Unions were furious."]),
    ("E. coli was found in the samples. The farm was closed.",
     ["E. coli was found in the samples.", "The farm was closed."]),
])
def test_split_sentences_in_news_style(text, expected):
    assert split_sentences(text) == expected


def test_paragraphs_are_hard_boundaries():
    text = "Strike ends at Velmora port\n\nWorkers return on Monday.\n\n  \n\nShips are queuing"
    assert split_sentences(text) == [
        "Strike ends at Velmora port", "Workers return on Monday.", "Ships are queuing",
    ]


def test_single_line_breaks_are_wrapping():
    assert split_sentences("The talks\nended  without\n a deal.") == ["The talks ended without a deal."]


def test_split_sentences_of_empty_text():
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


# --- summarize -----------------------------------------------------------------------

ARTICLE = """\
Dock workers in Velmora walked out on Tuesday after pay talks collapsed, leaving forty \
container ships waiting offshore.

The Velmora Port Workers Union rejected an offer of a 3.5% rise. "We have been patient \
for two years and we will not be patient any longer," she said. The port authority \
said the strike at the port would cost exporters $40m a day.

Fruit growers warned their harvest would rot on the quays if the port strike lasted. \
Shipping lines began diverting ships to Cassan. It rained.
"""

TEASER_ARTICLE = """\
It was a morning that nobody in the harbour town will forget.

Dock workers at the port of Velmora walked out on Tuesday, leaving container ships \
stranded as the port strike over pay spread to the ferry terminals.

The port authority said the strike would cost exporters $40m a day, and shipping \
lines began diverting container ships away from the port.
"""


def test_summary_sentences_come_from_the_text_in_original_order():
    sentences = split_sentences(ARTICLE)
    summary = summarize(ARTICLE, max_sentences=3)
    assert len(summary) == 3
    positions = [sentences.index(sentence) for sentence in summary]
    assert positions == sorted(positions)


@pytest.mark.parametrize("max_sentences", [1, 2, 4])
def test_summary_respects_max_sentences(max_sentences):
    assert len(summarize(ARTICLE, max_sentences)) == max_sentences


def test_summary_keeps_a_lead_that_states_the_story():
    # The second sentence is slightly more central; the lead wins on position.
    assert summarize(ARTICLE, max_sentences=1) == [split_sentences(ARTICLE)[0]]


def test_summary_passes_over_a_teaser_lead():
    # The teaser is long enough to be a candidate, but about nothing else in the story.
    assert summarize(TEASER_ARTICLE, max_sentences=1) == [split_sentences(TEASER_ARTICLE)[1]]


def test_summary_skips_quotations_and_very_short_sentences():
    summary = summarize(ARTICLE, max_sentences=5)
    assert not any("patient" in sentence for sentence in summary)
    assert "It rained." not in summary
    assert len(summary) == 5  # the other five sentences


def test_summary_passes_over_a_title_printed_in_the_body():
    text = ARTICLE + "\nFruit growers fear harvest will rot on Velmora quays as port strike drags on\n"
    assert not any(sentence.startswith("Fruit growers fear") for sentence in summarize(text, max_sentences=6))
    assert summarize("Port strike drags on into its second week at Velmora", max_sentences=1) == \
        ["Port strike drags on into its second week at Velmora"]  # nothing else to choose


def test_summary_of_text_with_only_short_sentences_falls_back_to_them():
    assert summarize("Talks failed. Ships wait.", max_sentences=3) == ["Talks failed.", "Ships wait."]


def test_summary_of_empty_text_or_no_sentences_wanted():
    assert summarize("") == []
    assert summarize(ARTICLE, max_sentences=0) == []


# --- key_terms -----------------------------------------------------------------------

CAUCASUS = """\
French President Nicolas Sarkozy flew to Moscow on Tuesday to press for a ceasefire \
in South Ossetia. Mr Sarkozy said the ceasefire had to hold before any talks on the \
future of South Ossetia could begin.

Georgian troops pulled back from the breakaway region overnight, officials said. \
The ceasefire plan drawn up by Sarkozy also calls for Russian forces to withdraw to \
their positions of 7 August. Refugees from South Ossetia crowded into Gori, where \
aid agencies reported shortages of food and water. "We have nothing," one refugee \
said. Refugees said they would not return until the ceasefire was respected.
"""


def test_key_terms_find_the_obvious_names_and_words():
    terms = key_terms(CAUCASUS)
    # Each is mentioned three or four times ("Mr Sarkozy" and "Sarkozy" count for the name).
    assert set(terms[:3]) == {"South Ossetia", "Nicolas Sarkozy", "ceasefire"}
    assert "refugees" in terms


def test_key_terms_credit_later_surname_mentions_to_the_full_name():
    terms = key_terms(CAUCASUS, limit=20)
    assert "sarkozy" not in terms
    assert "Sarkozy" not in terms


def test_key_terms_contain_no_stop_words_numbers_or_short_tokens():
    for term in key_terms(CAUCASUS, limit=50):
        for word in term.lower().split():
            assert word not in STOP_WORDS and word not in REPORTING_WORDS
            assert len(word) > 2
            assert not re.search(r"\d", word)


def test_single_word_terms_are_lower_case_and_names_keep_their_case():
    terms = key_terms(CAUCASUS, limit=50)
    names = [term for term in terms if " " in term]
    assert names and all(word[0].isupper() for name in names for word in name.split())
    assert all(term == term.lower() for term in terms if " " not in term)


def test_key_terms_respect_limit():
    assert len(key_terms(CAUCASUS, limit=3)) == 3
    assert key_terms("", limit=3) == []


MARKETS = "The market fell. Traders blamed the tariff. The market may recover if the tariff goes."


def test_document_frequency_ranks_a_word_in_every_document_below_a_rare_one():
    assert key_terms(MARKETS, limit=2) == ["market", "tariff"]  # equal counts: first seen first
    frequencies = {"market": 1000, "tariff": 3}  # every other word is common: 500
    with_idf = key_terms(MARKETS, document_frequency=lambda w: frequencies.get(w, 500),
                         total_documents=1000, limit=2)
    assert with_idf == ["tariff", "market"]


def test_document_frequency_is_asked_about_single_lower_case_words_only():
    asked = []

    def document_frequency(word: str) -> int:
        asked.append(word)
        return 5

    key_terms(CAUCASUS, document_frequency=document_frequency, total_documents=100)
    assert "south" in asked and "ossetia" in asked
    assert all(re.fullmatch(r"[a-z'-]+", word) for word in asked)
