"""Tests for newsidx.dedup: exact hashes, MinHash signatures, LSH band keys."""

from __future__ import annotations

import hashlib
import json
import os
import re
from array import array
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsidx import dedup
from newsidx.extract.bylines import dateline_prefix_end

# A wire story written for these tests (four paragraphs, about 230 words).
ORIGINAL = """\
Dock workers at the port of Velmora walked out on Tuesday after talks over a new \
pay deal collapsed, leaving more than forty container ships waiting offshore.

The Velmora Port Workers Union said its members had rejected an offer of a 3.5% \
rise because it did not keep pace with inflation, which reached 6.1% last month. \
"We have been patient for two years," union leader Marta Oyelaran told reporters \
outside the harbour gates.

The port authority said the strike would cost exporters about $40m a day and urged \
both sides to return to the table. Fruit growers in the northern valleys warned \
that their harvest would rot on the quays if the dispute lasted more than a week.

Transport minister Daniel Reyes said the government would not intervene for now \
but was watching the situation closely. Shipping lines have begun diverting \
vessels to the smaller port of Cassan, 200km to the south, where cranes are \
already working around the clock. Analysts said the disruption could add to \
shortages of car parts and electronics across the region.
"""

# The same story as another outlet ran it: agency dateline, curly quotes, final
# sentence dropped, two words of one sentence changed, different line breaks.
EDITED_COPY = """\
VELMORA, March 4 (Reuters) - Dock workers at the port of Velmora walked out on \
Tuesday after talks over a new pay deal collapsed, leaving more than forty \
container ships waiting offshore.
The Velmora Port Workers Union said its members had turned down an offer of a 3.5% \
rise because it did not keep pace with inflation, which hit 6.1% last month. \
\u201cWe have been patient for two years,\u201d union leader Marta Oyelaran told \
reporters outside the harbour gates.
The port authority said the strike would cost exporters about $40m a day and urged \
both sides to return to the table.  Fruit growers in the northern valleys warned \
that their harvest would rot on the quays if the dispute lasted more than a week.
Transport minister Daniel Reyes said the government would not intervene for now \
but was watching the situation closely. Shipping lines have begun diverting \
vessels to the smaller port of Cassan, 200km to the south, where cranes are \
already working around the clock.
"""

# A different story on the same topic: the follow-up a few days later, with the
# same names and some of the same background.
FOLLOW_UP = """\
The strike at the port of Velmora ended on Saturday when dock workers accepted a \
revised offer worth 5% this year and a further 2% next spring.

Union leader Marta Oyelaran called the agreement a victory for patience and said \
members would return to work on Monday morning. About sixty container ships are \
now queuing offshore, and the port authority expects the backlog to take ten days \
to clear.

Exporters said the five-day stoppage had cost them more than $150m. Fruit growers \
in the northern valleys said much of the harvest had been saved by trucks sent to \
Cassan. Transport minister Daniel Reyes welcomed the deal and promised a review \
of how disputes at the port are handled.
"""


def words(count: int) -> str:
    return " ".join(f"word{index}" for index in range(count))


# --- normalisation and exact duplicates -----------------------------------------

def test_normalise_body_folds_case_quotes_dashes_and_whitespace():
    assert dedup.normalise_body("  \u201cIt\u2019s  DONE\u201d \u2013 she said.\n\nFine! ") == (
        "its done she said fine"
    )


def test_normalise_body_drops_accents():
    assert dedup.normalise_body("Caf\u00e9 Montr\u00e9al") == "cafe montreal"


@pytest.mark.parametrize("dateline", [
    "MOSCOW (Reuters) - ",
    "BEIJING, Aug. 9 (Xinhua) -- ",
    "(AP) \u2014 ",
    "WASHINGTON - ",
])
def test_normalise_body_drops_a_leading_dateline(dateline):
    assert dedup.normalise_body(dateline + "The talks ended.") == "the talks ended"


def test_normalise_body_keeps_an_ordinary_first_sentence():
    assert dedup.normalise_body("Shell - the oil firm - said: no.") == "shell the oil firm said no"


# Characters whose folding is ASCII (accents, ligatures, curly quotes,
# dashes, pound signs, combining marks) or not ("ø", "中"), and plain ASCII.
_MIXED_CHARACTERS = ("abcXYZ 019.,_-'`’‘ʼ´£€–—“”…½²ﬁßİıéèñÅøΣς中한\u0301\u0323\u0344\u0591\u093f\u20d0")


def _folded_all_at_once(text: str) -> str:
    # the folding's definition, on the whole text (what ASCII and character-by-character folding must equal)
    text = text.lstrip()
    return " ".join(dedup._fold(text[dateline_prefix_end(text):]).split())


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(alphabet=_MIXED_CHARACTERS, max_size=60), st.text(max_size=60)))
def test_folding_character_by_character_is_folding_the_whole_text(text):
    assert dedup.normalise_body(text) == _folded_all_at_once(text)


def test_underscores_and_apostrophes_fold_alike_in_ascii_and_beyond():
    assert dedup.normalise_body("it's the_end `now`") == "its the end now"
    assert dedup.normalise_body("it\u2019s the_end \u00b4now\u00b4") == "its the end now"


def test_copies_differing_in_whitespace_quotes_and_dateline_share_a_body_hash():
    copy = "MOSCOW (Reuters) - " + ORIGINAL.replace('"', "\u201d").replace("\n\n", "\n   ")
    assert dedup.body_hash(copy) == dedup.body_hash(ORIGINAL)


@pytest.mark.parametrize("changed", [
    ORIGINAL.replace("3.5%", "4.5%"),
    ORIGINAL.replace("walked out", "stayed"),
    ORIGINAL.rsplit("\n\n", 1)[0],
    FOLLOW_UP,
])
def test_different_texts_have_different_body_hashes(changed):
    assert dedup.body_hash(changed) != dedup.body_hash(ORIGINAL)


def test_body_hash_is_short_hex():
    assert re.fullmatch(r"[0-9a-f]{16}", dedup.body_hash(ORIGINAL))


@settings(deadline=None)  # a loaded machine must not fail it on time (as every other property test here)
@given(st.lists(st.sampled_from(["alpha", "Beta", "GAMMA", "delta's", "3.5", "e\u0301t\u00e9"]),
                min_size=1, max_size=30),
       st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\t"]), min_size=1, max_size=5))
def test_body_hash_ignores_spacing_and_case(tokens, separators):
    spaced = "".join(tok + separators[i % len(separators)] for i, tok in enumerate(tokens))
    assert dedup.body_hash(spaced.upper()) == dedup.body_hash(" ".join(tokens))


# --- signatures and similarity ----------------------------------------------------

def test_signature_shape():
    sig = dedup.signature(ORIGINAL)
    assert len(sig) == dedup.SIGNATURE_LENGTH
    assert all(isinstance(value, int) and 0 <= value < 2**32 for value in sig)
    assert len(set(sig)) > dedup.SIGNATURE_LENGTH // 2  # bins hold different minima


def test_identical_bodies_have_similarity_one():
    assert dedup.similarity(dedup.signature(ORIGINAL), dedup.signature(ORIGINAL)) == 1.0


def test_edited_copy_scores_above_threshold_and_shares_a_band_key():
    original, copy = dedup.signature(ORIGINAL), dedup.signature(EDITED_COPY)
    assert dedup.similarity(original, copy) >= dedup.NEAR_DUPLICATE_THRESHOLD
    assert set(dedup.band_keys(original)) & set(dedup.band_keys(copy))


def test_follow_up_on_the_same_topic_scores_below_threshold():
    score = dedup.similarity(dedup.signature(ORIGINAL), dedup.signature(FOLLOW_UP))
    assert score < dedup.NEAR_DUPLICATE_THRESHOLD / 2


def test_similarity_estimates_the_exact_jaccard_similarity():
    # A copy with the last paragraph trimmed: a mid-range similarity, where the
    # estimator's error is largest (standard deviation <= 0.045 for 128 values).
    trimmed = ORIGINAL.rsplit("\n\n", 1)[0]
    a, b = dedup.shingle_hashes(ORIGINAL), dedup.shingle_hashes(trimmed)
    exact = len(a & b) / len(a | b)
    assert 0.4 < exact < 0.8
    estimate = dedup.similarity(dedup.signature(ORIGINAL), dedup.signature(trimmed))
    assert abs(estimate - exact) < 0.15


def test_similarity_is_symmetric():
    a, b = dedup.signature(ORIGINAL), dedup.signature(FOLLOW_UP)
    assert dedup.similarity(a, b) == dedup.similarity(b, a)


# --- band keys ---------------------------------------------------------------------

def test_band_keys_are_one_keyword_safe_term_per_band():
    keys = dedup.band_keys(dedup.signature(ORIGINAL))
    assert len(keys) == dedup.BANDS
    assert [key[:4] for key in keys] == [f"b{band:02d}:" for band in range(dedup.BANDS)]
    assert all(re.fullmatch(r"b\d\d:[0-9a-f]{16}", key) for key in keys)


def test_band_key_changes_only_with_its_own_rows():
    sig = list(dedup.signature(ORIGINAL))
    sig[0] ^= 1  # first row of band 0
    before, after = dedup.band_keys(dedup.signature(ORIGINAL)), dedup.band_keys(tuple(sig))
    assert before[0] != after[0]
    assert before[1:] == after[1:]


def test_sharing_a_band_is_agreeing_on_all_its_rows_whatever_the_sequence_type():
    sig = dedup.signature(ORIGINAL)
    other = [value ^ 1 for value in sig]
    assert not dedup.shares_a_band(sig, other)
    other[8:12] = sig[8:12]  # band 2, whole
    assert dedup.shares_a_band(sig, array("I", other))
    other[9] ^= 1
    assert not dedup.shares_a_band(sig, other)
    assert not dedup.shares_a_band((), ()) and not dedup.shares_a_band(sig, sig[:64])
    assert dedup.shares_a_band(dedup.signature(ORIGINAL), dedup.signature(EDITED_COPY))


def test_band_keys_reject_a_signature_of_the_wrong_length():
    with pytest.raises(ValueError):
        dedup.band_keys((1, 2, 3))


def test_candidate_probability_is_an_s_curve_around_the_threshold():
    assert dedup.candidate_probability(dedup.NEAR_DUPLICATE_THRESHOLD) > 0.98
    assert dedup.candidate_probability(0.1) < 0.01


# --- short and empty bodies ----------------------------------------------------------

@pytest.mark.parametrize("body", ["", "   \n ", "Brief.", words(dedup.MIN_WORDS - 1)])
def test_short_bodies_are_never_near_duplicate_matched(body):
    sig = dedup.signature(body)
    assert sig == ()
    assert dedup.band_keys(sig) == []
    assert dedup.similarity(sig, sig) == 0.0


def test_body_of_min_words_gets_a_signature():
    assert len(dedup.signature(words(dedup.MIN_WORDS))) == dedup.SIGNATURE_LENGTH


def test_short_bodies_still_have_body_hashes():
    assert dedup.body_hash("Brief.") == dedup.body_hash("  BRIEF ")
    assert dedup.body_hash("") != dedup.body_hash("Brief.")


def test_signature_of_a_short_body_fills_empty_bins_from_its_own_values():
    # 30 words give 28 shingles for 128 bins: most bins are filled by densification.
    body = words(dedup.MIN_WORDS)
    sig = dedup.signature(body)
    assert len(sig) == dedup.SIGNATURE_LENGTH
    assert set(sig) <= {shingle_hash & 0xFFFFFFFF for shingle_hash in dedup.shingle_hashes(body)}


# --- shingle hashing ---------------------------------------------------------------------

def test_a_shingle_hashes_alike_in_any_body():
    assert dedup.shingle_hashes("alpha beta gamma") <= dedup.shingle_hashes("zeta alpha beta gamma eta")


def test_each_place_in_a_shingle_has_values_of_its_own():
    # With one value per word for every place, XOR would make a shingle its
    # words' set: "x x y" and "y" alike, and word order lost.
    assert dedup.shingle_hashes("alpha beta gamma") != dedup.shingle_hashes("gamma beta alpha")
    assert len(dedup.shingle_hashes("ex ex ex why why why")) == 4


def test_shingle_hashes_do_not_depend_on_the_words_remembered(monkeypatch):
    body = words(200)
    first = dedup.shingle_hashes(body)
    monkeypatch.setattr(dedup, "_known_tables", {})
    monkeypatch.setattr(dedup, "_KNOWN_WORDS_LIMIT", 7)  # forgotten again and again within one body
    assert dedup.shingle_hashes(body) == first
    assert dedup.shingle_hashes(body) == first


def test_a_body_shorter_than_a_shingle_is_one_shingle():
    assert len(dedup.shingle_hashes("alpha beta")) == 1
    assert dedup.shingle_hashes("alpha beta") != dedup.shingle_hashes("beta alpha")
    assert dedup.shingle_hashes("") == set()


def test_signatures_are_what_the_catalog_format_stores():
    # Signatures are stored: computing them otherwise makes old and new ones
    # incomparable, which needs a new catalog FORMAT (then pin the new values here).
    from newsidx.index import catalog

    sig = dedup.signature(ORIGINAL)
    pinned = hashlib.blake2b(repr(list(sig)).encode(), digest_size=8).hexdigest()
    assert (catalog.FORMAT, pinned) == ("4", "40ffbcd6610a42d1")


# --- stability -------------------------------------------------------------------------

def test_results_are_stable_across_processes():
    script = (
        "import json, sys; from newsidx import dedup; body = sys.stdin.read(); "
        "sig = dedup.signature(body); "
        "print(json.dumps([dedup.body_hash(body), list(sig), dedup.band_keys(sig)]))"
    )
    repo_root = str(Path(__file__).resolve().parent.parent)
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": repo_root}
        result = subprocess.run([sys.executable, "-c", script], input=ORIGINAL, env=env,
                                capture_output=True, text=True, check=True)
        outputs.append(json.loads(result.stdout))
    sig = dedup.signature(ORIGINAL)
    here = [dedup.body_hash(ORIGINAL), list(sig), dedup.band_keys(sig)]
    assert outputs[0] == outputs[1] == here


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), min_size=dedup.SIGNATURE_LENGTH, max_size=dedup.SIGNATURE_LENGTH),
       st.sets(st.integers(0, dedup.SIGNATURE_LENGTH - 1)), st.integers(1, 2**32 - 1))
def test_similarity_counts_equal_values_exactly(values, changed, flip):
    """The lane-wise comparison gives what comparing value by value gives,
    whichever bits of a value differ (the top one, the lowest one, all)."""
    other = [value ^ flip if place in changed else value for place, value in enumerate(values)]
    expected = (dedup.SIGNATURE_LENGTH - len(changed)) / dedup.SIGNATURE_LENGTH
    assert dedup.similarity(tuple(values), tuple(other)) == expected
    assert dedup.similarity(array("I", values), tuple(other)) == expected
