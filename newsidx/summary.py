"""Sentences, an extractive summary and key terms of one article (pure functions).

Sentence splitting -- :func:`split_sentences`
    Blank lines separate paragraphs, and a sentence never crosses one; single
    line breaks are hard wrapping. Inside a paragraph a sentence ends at ``.``,
    ``!`` or ``?`` (with any closing quotes or brackets after it, as in
    ``he said."``) followed by a space and a capital, digit or opening quote.
    A full stop there is not an end when it closes

    * a title (``Mr.``, ``Dr.``, ``Gen.``): a name always follows;
    * an initial (``J. K. Rowling``);
    * ``No.`` before a number (``No. 10``) or a month before a day (``Jan. 5``);
    * an abbreviation that can also end a sentence (``U.S.``, ``Inc.``,
      ``Jan.``, ``Jr.``), unless the next word is a function word such as
      "The", "He" or "But" (``...in the U.S. The move...``) rather than a
      name (``the U.S. Senate``).

    Decimals (``3.5``) need no rule: no space follows their point.

Summary -- :func:`summarize`
    News is written as an inverted pyramid, so the lead is the best single
    predictor of a good summary sentence; but a first paragraph is sometimes a
    teaser ("It was a night to forget.") that states no fact. Each sentence
    therefore scores

        score = POSITION_WEIGHT / (1 + index / 2)
              + (1 - POSITION_WEIGHT) * centrality / max centrality

    where *centrality* is how much the sentence is about what the whole
    article is about: the summed article frequency of its distinct content
    words (stop words removed), divided by the square root of their number so
    that long sentences are not favoured merely for being long. A teaser,
    short and full of words used nowhere else, loses to the central second
    sentence; a lead that states the story keeps its place. Sentences shorter
    than :data:`MIN_SUMMARY_WORDS` or longer than :data:`MAX_SUMMARY_WORDS`
    words, sentences that are mostly a quotation, and lines with no closing
    mark (a subheading, another story's title printed in the body) are passed
    over unless nothing else is left. The best sentences are returned in article order.

Key terms -- :func:`key_terms`
    Candidates are capitalised multi-word names ("Nicolas Sarkozy", "South
    Ossetia", "Bank of England"), which keep their case, and single words,
    lower-cased; stop words, reporting words ("said", "Monday"), numbers and
    words of one or two letters are never terms. A later mention of a name's
    last word ("Mr Sarkozy", "Sarkozy") counts as a mention of the name.
    Terms are ranked by TF-IDF when a document-frequency function is given,
    else by frequency; names get a bonus (:data:`NAME_BOOST`) because a name
    mentioned twice says more about a story than a common word mentioned twice.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from newsidx.stopwords import REPORTING_WORDS, STOP_WORDS

__all__ = ["key_terms", "split_sentences", "summarize"]

# --- sentence splitting -------------------------------------------------------------

# Abbreviations always followed by a name: never the end of a sentence.
_TITLES = frozenset(
    "mr mrs ms messrs dr prof gen lt col maj capt cmdr sgt adm gov sen rep rev hon "
    "st mt ft vs".split()
)
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Abbreviations that end sentences as often as not: decided by the next word.
# "Jr." and "Sr." close a name, so a new sentence may follow them.
_AMBIGUOUS = _MONTHS | frozenset("inc ltd plc corp co bros etc al approx dept est jr sr".split())

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WHITESPACE = re.compile(r"\s+")
# End punctuation, then any closing quotes or brackets.
_END_MARKS = r"[.!?]+[\"'\u201d\u2019)\]]*"
# ... then a space and what may start a sentence.
_CANDIDATE_END = re.compile(_END_MARKS + r"(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_LAST_TOKEN = re.compile(r"(\S+)$")
_FIRST_WORD = re.compile(r"\s+[\"'\u201c\u2018(\[]?([\w.]+)")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}")


def split_sentences(text: str) -> list[str]:
    """Split news text into sentences; see the module docstring for the rules."""
    sentences = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        paragraph = _WHITESPACE.sub(" ", paragraph).strip()
        start = 0
        for match in _CANDIDATE_END.finditer(paragraph):
            if _ends_sentence(paragraph, match):
                sentences.append(paragraph[start : match.end()])
                start = match.end() + 1
        if paragraph[start:].strip():
            sentences.append(paragraph[start:].strip())
    return sentences


def _ends_sentence(paragraph: str, match: re.Match[str]) -> bool:
    if not match.group().startswith("."):
        return True  # "!" and "?" are not used in abbreviations
    last_token = _LAST_TOKEN.search(paragraph, 0, match.start() + 1).group(1)
    abbreviation = last_token.lstrip("\"'\u201c\u2018([").rstrip(".")
    next_word = _FIRST_WORD.match(paragraph, match.end()).group(1)
    lowered = abbreviation.lower()
    if lowered in _TITLES:
        return False
    if len(abbreviation) == 1 and abbreviation.isupper():
        return False  # an initial, as in "J. K. Rowling"
    if next_word[0].isdigit() and (lowered == "no" or lowered in _MONTHS):
        return False
    if lowered in _AMBIGUOUS or _INITIALISM.fullmatch(abbreviation + "."):
        return next_word.lower() in STOP_WORDS
    return True


# --- summary ------------------------------------------------------------------------

MIN_SUMMARY_WORDS = 6
MAX_SUMMARY_WORDS = 45
POSITION_WEIGHT = 0.5
"""Weight of the lead position against centrality (see module docstring)."""

_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]")
_MIN_WORDS_OUTSIDE_QUOTES = 4  # fewer: the sentence is a quotation ("...," he said.)
_ENDS_CLOSED = re.compile(_END_MARKS + r"$")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")  # "don't", "pay-off"


def _content_words(text: str) -> list[str]:
    """Lower-case words of three or more letters that are not stop words."""
    words = (word.lower().replace("\u2019", "'") for word in _WORD.findall(text))
    return [
        word for word in words
        if len(word) > 2 and word not in STOP_WORDS and word not in REPORTING_WORDS
    ]


def _is_summary_candidate(sentence: str) -> bool:
    word_count = len(sentence.split())
    if not MIN_SUMMARY_WORDS <= word_count <= MAX_SUMMARY_WORDS:
        return False
    if not _ENDS_CLOSED.search(sentence):
        return False  # a subheading or a title printed in the body, not a sentence
    return len(_QUOTED.sub(" ", sentence).split()) >= _MIN_WORDS_OUTSIDE_QUOTES


def summarize(text: str, max_sentences: int = 3) -> list[str]:
    """Up to ``max_sentences`` sentences of ``text`` that best summarise it, in order."""
    sentences = split_sentences(text)
    if max_sentences <= 0 or not sentences:
        return []
    candidates = [i for i, sentence in enumerate(sentences) if _is_summary_candidate(sentence)]
    if not candidates:
        candidates = list(range(len(sentences)))
    article_frequency = Counter(_content_words(text))

    def centrality(sentence: str) -> float:
        distinct = set(_content_words(sentence))
        if not distinct:
            return 0.0
        return sum(article_frequency[word] for word in distinct) / math.sqrt(len(distinct))

    centralities = {i: centrality(sentences[i]) for i in candidates}
    most_central = max(centralities.values()) or 1.0

    def score(index: int) -> float:
        position = 1.0 / (1.0 + index / 2.0)
        relative_centrality = centralities[index] / most_central
        return POSITION_WEIGHT * position + (1.0 - POSITION_WEIGHT) * relative_centrality

    chosen = sorted(candidates, key=lambda i: (-score(i), i))[:max_sentences]
    return [sentences[i] for i in sorted(chosen)]


# --- key terms ----------------------------------------------------------------------

NAME_BOOST = 1.5
"""Score multiplier of a multi-word name over a single word with the same count."""

# Capitalised words, possibly joined by lower-case particles: "Bank of England",
# "Jeroen van der Veer". Hyphens and apostrophes stay inside a word ("O'Neill").
_CAPITALISED = r"[A-Z][\w'\u2019-]*"
_NAME_PARTICLES = r"(?:of|de|du|da|del|la|le|van|von|der|den|bin|al)"
_NAME_RUN = re.compile(rf"{_CAPITALISED}(?:\s+(?:{_NAME_PARTICLES}\s+)*{_CAPITALISED})*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_ROLE_WORDS = frozenset(
    "president vice prime minister secretary chancellor premier governor mayor senator "
    "ambassador commissioner judge king queen prince princess pope sir dame lord lady "
    "chairman chairwoman chief executive director general spokesman spokeswoman leader "
    "manager coach captain champion".split()
)
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def _is_term_word(word: str) -> bool:
    lowered = word.lower()
    return (
        len(lowered) > 2
        and lowered not in STOP_WORDS
        and lowered not in REPORTING_WORDS
        and lowered not in _CALENDAR_WORDS
    )


def _trim_name(words: list[str]) -> list[str]:
    """The name inside a run of capitalised words.

    Drops leading and trailing words that are not part of a name ("The", "Mr",
    "In January"), and a role before the name: "French President Nicolas
    Sarkozy" -> "Nicolas Sarkozy". A run that is only a role ("Prime Minister")
    is kept as it is.
    """
    def is_edge_noise(word: str) -> bool:
        lowered = word.lower()
        return lowered in STOP_WORDS or lowered in REPORTING_WORDS or lowered in _CALENDAR_WORDS

    while words and is_edge_noise(words[0]):
        words = words[1:]
    while words and is_edge_noise(words[-1]):
        words = words[:-1]
    role_positions = [i for i, word in enumerate(words) if word.lower() in _ROLE_WORDS]
    if role_positions and role_positions[-1] < len(words) - 1:
        words = words[role_positions[-1] + 1 :]
    return words


@dataclass
class _Candidate:
    term: str
    count: int
    first_position: int
    is_name: bool


def _collect_candidates(text: str) -> dict[str, _Candidate]:
    """Names and single words of ``text`` with counts, keyed by lower-case term.

    Names are looked for sentence by sentence, so a name never spans two. Single
    words are counted outside names, so "Velmora Port Workers Union" does not
    also make "union" and "workers" terms.
    """
    candidates: dict[str, _Candidate] = {}

    def add(term: str, position: int, is_name: bool) -> None:
        key = term.lower()
        if key in candidates:
            candidates[key].count += 1
        else:
            candidates[key] = _Candidate(term, 1, position, is_name)

    sentence_offset = 0
    for sentence in split_sentences(text.replace("\u2019", "'")):
        outside_names = sentence
        for match in _NAME_RUN.finditer(sentence):
            words = _trim_name([_POSSESSIVE.sub("", word) for word in match.group().split()])
            if len(words) >= 2:
                add(" ".join(words), sentence_offset + match.start(), is_name=True)
                blank = " " * (match.end() - match.start())
                outside_names = outside_names[: match.start()] + blank + outside_names[match.end() :]
        for match in _WORD.finditer(outside_names):
            word = _POSSESSIVE.sub("", match.group())
            if _is_term_word(word):
                add(word.lower(), sentence_offset + match.start(), is_name=False)
        sentence_offset += len(sentence) + 1
    _credit_surnames_to_names(candidates)
    return candidates


def _credit_surnames_to_names(candidates: dict[str, _Candidate]) -> None:
    """Fold "sarkozy" into "Nicolas Sarkozy" when it is the last word of one name only."""
    names_by_last_word: dict[str, list[_Candidate]] = {}
    for candidate in candidates.values():
        if candidate.is_name:
            names_by_last_word.setdefault(candidate.term.split()[-1].lower(), []).append(candidate)
    for last_word, names in names_by_last_word.items():
        single = candidates.get(last_word)
        if len(names) == 1 and single is not None and not single.is_name:
            names[0].count += single.count
            del candidates[last_word]


def _inverse_document_frequency(
    term: str, document_frequency: Callable[[str], int], total_documents: int
) -> float:
    """Smoothed IDF. A name's frequency is bounded by that of its rarest word,
    so ``document_frequency`` is only ever asked about single lower-case words."""
    frequency = min(document_frequency(word) for word in term.lower().split())
    return math.log(1.0 + total_documents / (1.0 + frequency))


def key_terms(
    text: str,
    document_frequency: Callable[[str], int] | None = None,
    total_documents: int = 0,
    limit: int = 8,
) -> list[str]:
    """The ``limit`` most characteristic terms of ``text``, best first.

    ``document_frequency(word)`` is the number of documents, out of
    ``total_documents``, containing the lower-case ``word``; without it (or
    with ``total_documents`` 0) terms are ranked by frequency alone.
    """
    candidates = _collect_candidates(text)
    use_idf = document_frequency is not None and total_documents > 0

    def score(candidate: _Candidate) -> float:
        value = candidate.count * (NAME_BOOST if candidate.is_name else 1.0)
        if use_idf:
            value *= _inverse_document_frequency(candidate.term, document_frequency, total_documents)
        return value

    ranked = sorted(candidates.values(), key=lambda c: (-score(c), c.first_position))
    return [candidate.term for candidate in ranked[:limit]]
