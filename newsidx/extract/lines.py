"""Splitting a dump into lines and measuring each line's shallow features.

Page dumps put one block of the page (a paragraph, a menu item, a caption) on
each line, whatever converter made them (a paragraph a converter wrapped to a
width is joined first, ``unwrap``). Each non-empty line becomes a
:class:`Line` carrying its cleaned text (markdown marks of html2text dumps,
lynx's link numbers and a share-tool tail such as "| Save | Print" removed)
and the shallow features the body, headline and date steps score:
length in words, sentence punctuation, stop-word ratio, capitalisation,
link share, menu separators, list and heading marks, boilerplate vocabulary.
``content_score`` folds the features into one number (weights in
``vocabulary.WEIGHTS``): positive for prose, negative for page furniture.
A short line without sentence punctuation and a long Title Case line with few
stop words (a list of names or publications) are not prose.

Each line also carries a comparison key (``comparison_key``: lower-case words,
punctuation folded) for finding the same words elsewhere on the page.

Speed: this is the per-line work of extraction, so each markdown pattern runs
only when the characters it needs are present, the vocabulary patterns are
matched against the lower-cased line without re.IGNORECASE, and a line
repeated on the page or met on an earlier page of the process (menus, share
bars, a site's footer) is measured once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from newsidx.ascii import replace_beyond_ascii
from newsidx.extract import vocabulary as vocab
from newsidx.extract.unwrap import logical_lines, physical_lines

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# The same words in plain ASCII text (most lines), found without the regular
# expression engine stepping through every letter: a table turns whatever no
# word holds into spaces, then an apostrophe, dot or hyphen not between two
# letters or digits ("said." "-- ") becomes one too. Twice as fast.
_ASCII_WORD_CHARACTERS = str.maketrans({
    chr(code): chr(code) if chr(code).isalnum() or chr(code) in "'.-" else " " for code in range(128)})
_LOOSE_JOINER = re.compile(r"['.-](?:(?<![A-Za-z0-9]['.-])|(?![A-Za-z0-9]))")
_BREAKS_WORDS = re.compile(r"[^\w’]")  # neither in a word nor joining two ("it’s")
_MENU_SEPARATOR = re.compile("[" + re.escape(vocab.MENU_SEPARATORS) + "]")
# html2text markup. A label holds no "[": each scan for the closing bracket
# stops at the next opening one, so a line of brackets costs one pass, not
# one per bracket.
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[\d*\]")
_REF_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")
_ANGLE_URL = re.compile(r"<(https?://[^>\s]+)>")
_HEADING = re.compile(r"^\s*(#{1,6})(?:\s+|$)")
_LIST_MARK = re.compile(r"^\s*(?:[*+\-•·▪►–—]\s+|\d{1,3}[.)]\s+)")
_LIST_MARK_STARTS = frozenset("*+-•·▪►–—0123456789")
# "3. März 2021": a German date, whose day looks like a numbered item's mark
_DAY_DOT_MONTH = re.compile(r"\s*[0-3]?\d\.\s+([^\W\d_]+)\.?\s+(?:19|20)\d\d\b")
_QUOTE_MARK = re.compile(r"^\s*(?:>\s*)+")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_STRAY_MARKS = re.compile(r"(?:^|(?<=\s))[*#]+(?=\s|$)")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
# what any markdown handled below needs: a character of it anywhere ("__" is
# looked for apart: an alternation would cost the class its fast scan), or a
# heading, quote or list mark opening the line
_MARKDOWN_CHARACTER = re.compile(r"[#\[<*\\]")
_MARKDOWN_OPENINGS = _LIST_MARK_STARTS | {"#", ">", ""}
_HRULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
# lynx -dump numbers each link in front of its text ("[12]Home"; the numbered
# addresses follow under "References") and marks images and buttons; a
# footnote mark follows its word ("said.[3]") and stays
_LYNX_MARK = re.compile(r"(?:^|(?<=[\s(]))\[(?:\d{1,4}|IMG|INLINE|LINK|BUTTON)\](?=[\w\"'“‘])|\[(?:IMG|INLINE)\]")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)

# a line ends a sentence: a mark, then perhaps closing quotes and brackets
_SENTENCE_MARKS = (".", "!", "?")
_CLOSING_MARKS = "\"'”’)]"
# opens with the mark (the letter before it is a lookbehind): the engine then
# scans for the rare mark rather than trying every letter, twice as fast
_SENTENCE_BOUNDARY = re.compile(r"[.!?](?<=[a-z0-9%)\"'”’][.!?])[\"'”’]?\s+[\"'“‘(]?[A-Z0-9]")
# script and style debris; "document." and "window." only as property access
# (not "the transfer window."), tags only with lower-case names (not
# "<The Palace>"), and ";" only ending a statement (not a list item)
_CODE_LIKE = re.compile(r"(function\s*\(|\bvar\s+\w+\s*=|\bdocument\.\w|\bwindow\.\w|\{\s*[\w-]+\s*:|"
                        r"(\)|\w\s*=[^;]*);\s*$|[{}]\s*$|=\s*new\s+\w+\(|</?[a-z][a-z0-9]*\b[^>]*>|"
                        r"\bgoogle_\w+|^\s*[/*]{2}|[\"']\s*/?>$)")

# characters or words every _CODE_LIKE alternative needs (checked apart: a
# single character class is scanned for far faster than an alternation).
# Not "(" alone, which prose uses often: "function(" needs the word, and the
# ";" and '" />' alternatives end the line with it (a tag's attribute cut off
# from its opening: what is left of <meta content="...">).
_CODE_CHARACTER = re.compile(r"[={}<]")
_CODE_WORDS = ("document.", "window.", "google_", "function")
_CODE_OPENINGS = ("/", "*")
_CODE_ENDINGS = (";", ">")
_DIGIT = re.compile(r"\d")
# a word's first character, taken in C by map() rather than a comprehension
_FIRST_CHARACTER = itemgetter(0)
_EMBED_SIGNATURE = re.compile(vocab.EMBED_SIGNATURE_PATTERN)

# The vocabulary patterns below are written in lower case and matched against
# the lower-cased line without re.IGNORECASE, which is about twice as fast.
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# a date, a clock time or a relative time anywhere in a line
_STAMP = re.compile(
    r"\b\d{1,2}:\d\d(?::\d\d)?(?![.:,]?\d)|\b\d+\s+(?:sec|second|min|minute|hour|hr|day|week|month|year)s?\s+ago\b"
    r"|\b" + _MONTH_WORD + r"\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r"(?![a-z])"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(?:19|20)\d\d-\d\d-\d\d\b"
)
_PROSE_STOP_WORDS = vocab.PROSE_STOP_WORDS
# After a sentence's closing mark, up to nine capitalised words (names, with
# "for", "of", "the", "/" between) ending the line without one of their own:
# a photo credit glued to its caption ("... since March. Ann Holt for The
# Times", "REUTERS/Jane Rowe"), a "More" link or a time stamp glued to a
# teaser. Prose ends on its closing mark, abbreviations included ("Capt. Jo Hale.").
_TAIL_WORD = r"(?:[A-Z][\w'’.&/-]*|for|of|the|and|via|by|/)"
_CREDIT_TAIL = re.compile(r"[.!?][\"'”’)]?\s+" + _TAIL_WORD + r"(?:\s+" + _TAIL_WORD + r"){0,8}(?<=\w)$")
_UI_WORDS = vocab.UI_WORDS
# Patterns that end in a colon ("Jane wrote:") can only match a line that
# does; tried on those lines alone, as their open starts (".{0,60}") are slow.
_ENDS_WITH_COLON = r":\s*$"
_SECTION_BREAK = re.compile("|".join(f"(?:{p})" for p in vocab.SECTION_BREAK_PATTERNS
                                     if not p.endswith(_ENDS_WITH_COLON)))
_COLON_SECTION_BREAK = re.compile("|".join(f"(?:{p})" for p in vocab.SECTION_BREAK_PATTERNS
                                           if p.endswith(_ENDS_WITH_COLON)) or "(?!)")

def one_of_literals(literals: Iterable[str]) -> str:
    """A pattern matching any of ``literals``, written as a trie ("c(?:aption|redit)"):
    the regex engine tries every alternative at every character, and a trie
    makes the alternatives that share a first character one."""
    by_first: dict[str, list[str]] = {}
    for literal in literals:
        by_first.setdefault(literal[:1], []).append(literal[1:])
    ends_here = "" in by_first  # one literal ends here, others go on
    branches = [re.escape(first) + one_of_literals(rests) for first, rests in sorted(by_first.items()) if first]
    if not branches:
        return ""
    pattern = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{pattern})?" if ends_here else pattern


_BOILERPLATE = tuple((re.compile(pattern), weight, pattern.startswith("^"))
                     for pattern, weight in vocab.BOILERPLATE_LINE_PATTERNS)
# One pass over each group first: most lines match no pattern at all.
_ANY_ANCHORED_BOILERPLATE = re.compile(
    "|".join(f"(?:{p})" for p, _ in vocab.BOILERPLATE_LINE_PATTERNS if p.startswith("^")))
_BOILERPLATE_KEYWORD = re.compile(one_of_literals(vocab.BOILERPLATE_ANYWHERE_KEYWORDS))
_ANY_UNANCHORED_BOILERPLATE = re.compile(
    "|".join(f"(?:{p})" for p, _ in vocab.BOILERPLATE_LINE_PATTERNS if not p.startswith("^")))


def strip_markdown(text: str) -> tuple[str, int, bool, float]:
    """Remove html2text markdown (and lynx's link numbers) from one line.

    Returns the plain text, the heading level (0 if none), whether the line
    was a list item, and the share of its characters that were link text.
    Each pattern runs only when the characters it needs are present: most
    lines carry no markdown at all.
    """
    heading = 0
    text = text.strip()
    first = text[:1]
    if first not in _MARKDOWN_OPENINGS and "__" not in text and not _MARKDOWN_CHARACTER.search(text):
        return " ".join(text.split()), 0, False, 0.0  # most lines: no markdown at all
    if first == "#":
        match = _HEADING.match(text)
        if match:
            heading = len(match.group(1))
            text = text[match.end():]
    if text.lstrip()[:1] == ">":
        text = _QUOTE_MARK.sub("", text)
    is_list = bool(text.lstrip()[:1] in _LIST_MARK_STARTS and _LIST_MARK.match(text)) and not _is_day_dot_date(text)
    if is_list:
        text = _LIST_MARK.sub("", text, count=1)
    if "![" in text:
        text = _IMAGE.sub(" ", text)
    link_chars = 0
    if "](" in text or "][" in text:
        def keep_label(m: re.Match) -> str:
            nonlocal link_chars
            link_chars += len(m.group(1))
            return m.group(1)
        text = _LINK.sub(keep_label, text)
        text = _REF_LINK.sub(keep_label, text)
    if "[" in text:
        text = _LYNX_MARK.sub("", text)
    if "<" in text:
        text = _ANGLE_URL.sub(r"\1", text)
    if "*" in text or "__" in text:
        text = _EMPHASIS.sub(r"\2", text)
    if "\\" in text:
        text = _ESCAPED.sub(r"\1", text)
    if "*" in text or "#" in text:
        text = _STRAY_MARKS.sub("", text)
    text = " ".join(text.split())
    link_share = min(1.0, link_chars / len(text)) if text else 0.0
    return text, heading, is_list, link_share


def _is_day_dot_date(text: str) -> bool:
    match = _DAY_DOT_MONTH.match(text)
    return bool(match) and match.group(1).lower() in vocab.MONTHS


def strip_share_tail(text: str) -> str:
    """Remove a run of share-tool words printed after a line, most often a
    headline ("Storm closes port | Save | Email | Print"): at least two of
    them, ending the line, after a line's worth of words. A widget glued on
    by the dump, like markup: the line is measured without it."""
    tool_words, separators = vocab.SHARE_TOOL_WORDS, vocab.SHARE_TOOL_SEPARATORS
    # every line is asked: most end on no tool word, which one look settles
    # (a line ending on a bare separator is looked at whole)
    last = text[text.rfind(" ") + 1:].strip(separators).lower()
    if last and last not in tool_words:
        return text
    words = text.split()
    cut, tools = len(words), 0
    while cut > 0:
        word = words[cut - 1].strip(separators).lower()
        if word and word not in tool_words:
            break
        tools += bool(word)  # a bare separator ("|") between tools is not one
        cut -= 1
    if tools >= vocab.SHARE_TAIL_MIN_TOOLS and cut >= vocab.HEADLINE_MIN_WORDS:
        return " ".join(words[:cut]).rstrip(" " + separators)
    return text


@dataclass(slots=True)
class Line:
    """One non-empty line of a dump and its features."""

    index: int            # position among the dump's lines (blank ones included)
    raw: str              # the line as dumped, stripped
    text: str             # markdown removed, whitespace collapsed
    words: int
    heading: int          # markdown heading level, 0 if none
    is_list: bool
    link_share: float
    stopword_ratio: float
    sentence_end: bool
    sentence_marks: int   # sentence boundaries inside the line
    title_case_ratio: float
    menu_separators: int
    boilerplate: float    # summed weight of boilerplate vocabulary matched
    code_like: bool
    ui_ratio: float       # share of words that are widget/navigation words
    section_break: bool   # a comment signature or a time-stamped short line
    blank_before: bool    # a blank line (or the start) precedes it
    has_letters: bool     # any letter at all (not only numbers and symbols)
    teaser_ending: bool   # ends like a teaser in a list of other stories ("...", "more »")
    credit_tail: bool     # a sentence, then a few capitalised words with no closing mark ("... Jane Rowe for Reuters")
    key: str = ""         # lower-case words joined by single spaces, see comparison_key()
    stems: tuple[str, ...] = ()  # crude stems of the content words, see content_stems()
    score: float = 0.0    # content score, see content_score()


def _boilerplate_weight(lowered: str, words: int) -> float:
    """Summed weight of the boilerplate patterns a (lower-cased) line matches."""
    check_anchored = bool(_ANY_ANCHORED_BOILERPLATE.match(lowered))
    check_anywhere = (words <= vocab.BOILERPLATE_ANYWHERE_MAX_WORDS
                      and bool(_BOILERPLATE_KEYWORD.search(lowered))
                      and bool(_ANY_UNANCHORED_BOILERPLATE.search(lowered)))
    if not (check_anchored or check_anywhere):
        return 0.0
    weight = 0.0
    for pattern, w, anchored in _BOILERPLATE:
        if anchored:
            if check_anchored and pattern.match(lowered):
                weight += w
        elif check_anywhere and pattern.search(lowered):
            weight += w
    return weight


def _may_be_code(text: str) -> bool:
    # ``text`` is stripped (as ``measure`` passes it): "^\s*" and "\s*$" in
    # _CODE_LIKE meet no spaces
    return (bool(_CODE_CHARACTER.search(text)) or text.startswith(_CODE_OPENINGS) or text.endswith(_CODE_ENDINGS)
            or any(map(text.__contains__, _CODE_WORDS)))


def _is_section_break(lowered: str, words: int, sentence: bool) -> bool:
    """A comment signature or a time-stamped short line (``lowered``: lower case).

    The signature of a post embedded in the article ("— Jane Doe (@jdoe)
    November 4, 2019") is dated but continues the article; so does a short
    sentence that names a day (``sentence``: "The vote is on June 3.")."""
    if (words <= vocab.STAMP_LINE_MAX_WORDS and not sentence and _DIGIT.search(lowered) and _STAMP.search(lowered)
            and not _EMBED_SIGNATURE.search(lowered)):
        return True
    return bool(_SECTION_BREAK.match(lowered)
                or (lowered.rstrip().endswith(":") and _COLON_SECTION_BREAK.match(lowered)))


def words_of(text: str) -> list[str]:
    """The words of a text (web addresses left out), as written."""
    return _words_of(text, text.lower())


def _words_of(text: str, lowered: str) -> list[str]:
    # ``lowered`` is ``text.lower()``, which ``measure`` has at hand already
    if "http" in lowered or "www." in lowered:
        text = _URL.sub(" ", text)
    ascii_text = text if text.isascii() else replace_beyond_ascii(text, _break_if_only_breaking)
    if ascii_text is not None:
        return _LOOSE_JOINER.sub(" ", ascii_text.translate(_ASCII_WORD_CHARACTERS)).split()
    return _WORD.findall(text)


def _break_if_only_breaking(character: str) -> str | None:
    # Pound signs, curly double quotes, dashes: a space does what they did.
    return " " if _BREAKS_WORDS.match(character) else None


def comparison_key(text: str) -> str:
    """Runs of letters and digits, lower case, joined by single spaces: equal
    for texts that differ only in case, punctuation and spacing ("U.S.-China"
    is "u s china"). ``Line.key`` holds a line's."""
    return _key_of_joined_words(" ".join(words_of(text.lower())))


def content_stems(key: str) -> tuple[str, ...]:
    """Crude stems (the first ``HEADLINE_STEM_CHARS`` characters) of the
    content words of a comparison key, stop words left out: inflections of
    one word ("strengthens", "strengthened") share a stem. ``Line.stems``
    holds a line's."""
    n, stop_words = vocab.HEADLINE_STEM_CHARS, _PROSE_STOP_WORDS
    return tuple([t[:n] for t in key.split() if t not in stop_words])


def _key_of_joined_words(joined_lowered_words: str) -> str:
    # Words keep inner apostrophes, dots and hyphens ("u.s-china"); keys split
    # there. Four replace() calls are ten times faster than one translate().
    return (joined_lowered_words.replace("'", " ").replace("’", " ")
            .replace(".", " ").replace("-", " "))


def measure(index: int, raw: str, blank_before: bool) -> Line | None:
    """Features of one dump line, or None for a line with no text."""
    first = raw[:1]
    if (first == "[" and _REF_DEFINITION.match(raw)) or (first in "-*_=" and _HRULE.match(raw)):
        return None
    text, heading, is_list, link_share = strip_markdown(raw)
    if not text:
        return None
    text = strip_share_tail(text)
    lowered_text = text.lower()
    tokens = _words_of(text, lowered_text)
    words = len(tokens)
    # words hold no spaces: lower-casing them joined is one call, not one per word
    joined_lowered = " ".join(tokens).lower()
    lowered = joined_lowered.split(" ") if tokens else []
    key = _key_of_joined_words(joined_lowered)
    stop = sum(map(_PROSE_STOP_WORDS.__contains__, lowered))
    ui_words = sum(map(_UI_WORDS.__contains__, lowered))
    initials = list(map(_FIRST_CHARACTER, tokens))
    capitalised = sum(map(str.isupper, initials)) + sum(map(str.isdigit, initials))
    # function words are lower case even in Title Case headlines
    content_words = words - stop
    title_case_ratio = capitalised / content_words if content_words else 0.0
    separators = len(_MENU_SEPARATOR.findall(text))
    sentence_end = text.rstrip(_CLOSING_MARKS).endswith(_SENTENCE_MARKS)
    line = Line(
        index=index,
        raw=raw,
        text=text,
        words=words,
        heading=heading,
        is_list=is_list,
        link_share=link_share,
        stopword_ratio=stop / words if words else 0.0,
        sentence_end=sentence_end,
        sentence_marks=len(_SENTENCE_BOUNDARY.findall(text)),
        title_case_ratio=min(1.0, title_case_ratio),
        menu_separators=separators,
        boilerplate=_boilerplate_weight(lowered_text, words),
        code_like=_may_be_code(text) and bool(_CODE_LIKE.search(text)),
        ui_ratio=ui_words / words if words else 0.0,
        # a stamp is a date and a few words; a sentence (its own stop words, a
        # closing mark that is no teaser's ellipsis) only mentions one
        section_break=_is_section_break(lowered_text, words, sentence_end and stop >= vocab.SENTENCE_MIN_STOP_WORDS
                                        and not text.endswith(vocab.TEASER_ENDINGS)),
        blank_before=blank_before,
        # map() over a C method: several times cheaper than a generator, per line
        has_letters=any(map(str.isalpha, text)),
        teaser_ending=text.endswith(vocab.TEASER_ENDINGS),
        credit_tail=not sentence_end and words >= vocab.CREDIT_TAIL_MIN_WORDS and bool(_CREDIT_TAIL.search(text)),
        key=key,
        stems=content_stems(key),
    )
    line.score = content_score(line)
    return line


def content_score(line: Line) -> float:
    """How much a line looks like article prose: > 0 prose, < 0 furniture."""
    w = vocab.WEIGHTS
    score = 0.0
    if line.sentence_end:
        score += w["sentence_end"]
    elif line.words < vocab.NO_SENTENCE_END_MAX_WORDS:
        score += w["no_sentence_end"]
    score += w["sentence_marks_each"] * min(line.sentence_marks, w["sentence_marks_cap"])
    if line.words >= vocab.LONG_LINE_WORDS:
        score += w["long_line"]
    if line.words >= vocab.VERY_LONG_LINE_WORDS:
        score += w["very_long_line"]
    if line.words < vocab.SHORT_LINE_WORDS:
        score += w["short_line"]
    if line.stopword_ratio >= vocab.STOPWORD_RICH:
        score += w["stopword_rich"]
    elif line.words >= vocab.STOPWORD_POOR_MIN_WORDS and line.stopword_ratio < vocab.STOPWORD_POOR:
        score += w["stopword_poor"]
    if line.words >= vocab.TITLE_CASE_MIN_WORDS and line.title_case_ratio > vocab.TITLE_CASE_RATIO:
        score += w["title_case"]
        if line.words >= vocab.LONG_LINE_WORDS and line.stopword_ratio < vocab.STOPWORD_POOR:
            score += w["name_list"]
    if line.menu_separators >= vocab.MENU_MIN_SEPARATORS:
        score += w["menu_separators"]
    if line.link_share > vocab.LINK_HEAVY_SHARE:
        score += w["link_heavy"]
    if line.is_list:
        score += w["list_item"]
    if line.teaser_ending:
        score += w["teaser_ending"]
    if line.heading:
        score += w["heading"]
    if line.words == 0 or not line.has_letters:
        score += w["no_letters"]
    if line.code_like:
        score += w["code_like"]
    if line.ui_ratio >= vocab.UI_LINE_RATIO:
        score += w["ui_words"]
    return score - line.boilerplate


def is_furniture(line: Line) -> bool:
    """Furniture on its own evidence: strong boilerplate vocabulary ("Read
    more", copyright, photo credits), code debris, comment signatures."""
    return line.boilerplate >= vocab.STRONG_BOILERPLATE_WEIGHT or line.code_like or line.section_break


def may_join_body(line: Line) -> bool:
    """A doubtful line (a list item, a subheading) among body lines joins
    them unless it is furniture on its own evidence or made of widget words."""
    return not is_furniture(line) and line.ui_ratio < vocab.UI_LINE_RATIO


def _moved(line: Line, index: int, blank_before: bool) -> Line:
    """A copy of a measured line for where the page repeats it (dataclasses.replace, but a tenth of its cost)."""
    copy = _new_line(Line)
    for name in _LINE_FIELDS:
        setattr(copy, name, getattr(line, name))
    copy.index, copy.blank_before = index, blank_before
    return copy


_LINE_FIELDS = tuple(Line.__dataclass_fields__)
_new_line = object.__new__


# Lines measured on earlier pages, by their stripped text. A site repeats its
# menus, footers and share bars on every page, so an archive of one site
# measures each of them once, not once a page; a line's features depend on
# nothing but its text. Bounded like the index's stem cache: past this many
# lines it starts again. Lines are never changed once measured, which is what
# makes sharing them (and copying them with _moved) safe.
_MEASURED_LIMIT = 20_000
_measured: dict[str, Line | None] = {}


def split_lines(text: str, unwrap: bool = True) -> list[Line]:
    """The non-empty lines of a cleaned dump, with features; a hard-wrapped
    paragraph is one line (``unwrap``) unless ``unwrap`` is false.

    A line seen before, on this page (menus, share bars) or on an earlier one
    (the site's furniture), is measured once.
    """
    out: list[Line] = []
    measured = _measured
    for index, stripped, blank_before in (logical_lines if unwrap else physical_lines)(text):
        seen = measured.get(stripped, _UNMEASURED)
        if seen is _UNMEASURED:
            if len(measured) >= _MEASURED_LIMIT:
                measured.clear()
            line = measured[stripped] = measure(index, stripped, blank_before)
        elif seen is None:
            line = None
        elif seen.index != index or seen.blank_before != blank_before:
            line = _moved(seen, index, blank_before)
        else:  # where it was measured: no copy needed (a page never has two lines at one index)
            line = seen
        if line is not None:
            out.append(line)
    return out


_UNMEASURED = object()


def forget_measured_lines() -> None:
    """Forget the lines measured on earlier pages: what a benchmark does to
    time a page as if it were the first of its site."""
    _measured.clear()
