"""English stop words (data only): the one list of them in newsidx.

``COMMON_STOP_WORDS``: the most common function words, the bulk of running
prose (~40-50% of its words) and rare in menus, headlines and name lists.
Extraction measures a line's share of them (``extract.vocabulary``); its
learned weights were fitted on that share, so this tier stays as it is.

``STOP_WORDS``: every function word, ``COMMON_STOP_WORDS`` and rarer ones --
words that say nothing about what a text is about: articles, pronouns,
auxiliaries and modals, prepositions, conjunctions, common adverbs and
determiners -- lower case, contractions with a straight apostrophe ("don't"). Contractions are not listed without it: "shell", "ill", "wed" and
"hell" are words too.

``REPORTING_WORDS``: words every news story uses to attribute and date
statements ("said", "told", "monday"). Not stop words in general (a search for
"said" is legitimate), but never key terms of an article.
"""

from __future__ import annotations

# Key terms and summaries (``summary``) leave out every stop word; the
# extractor counts only the common ones.
_COMMON_FUNCTION_WORDS = """
a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each even
few for from further had has have having he her here hers herself him himself his how i
if in into is it its itself just may me might more most must my myself no nor not now of
off on once only or other our ours ourselves out over own same she should since so some
such than that the their theirs them themselves then there these they this those though
through to too under until up upon very was we were what when where which while who whom
why will with would yet you your yours yourself
"""

_OTHER_FUNCTION_WORDS = """
across afterwards almost alone along already although always among amongst another
anybody anyhow anyone anything anyway anywhere around became become becomes becoming
beforehand behind beside besides beyond cannot done either else elsewhere enough etc
ever every everybody everyone everything everywhere except former formerly furthermore
hence hereafter hereby herein however indeed instead last latter latterly least less
made make many meanwhile mine moreover mostly much namely neither never nevertheless
next nobody none noone nothing nowhere often one onto others otherwise per perhaps
please quite rather really several somebody somehow someone something sometime sometimes
somewhere still thence thereafter thereby therefore therein throughout thru thus
together toward towards unless us via well whatever whence whenever whereafter whereas
whereby wherein whereupon wherever whether whither whoever whole whose within without
yourselves
"""

_CONTRACTIONS = """
ain't aren't can't couldn't didn't doesn't don't hadn't hasn't haven't he'd he'll
he's i'd i'll i'm i've isn't it'd it'll it's let's mightn't mustn't shan't she'd
she'll she's shouldn't that's there's they'd they'll they're they've wasn't we'd
we'll we're we've weren't what's who's won't wouldn't you'd you'll you're you've
"""

_REPORTING = """
said says say saying told tell tells added adding according asked stated claimed
reported reports reporting announced
mr mrs ms miss dr
monday tuesday wednesday thursday friday saturday sunday
today yesterday tomorrow week weeks month months year years
including new
"""

COMMON_STOP_WORDS: frozenset[str] = frozenset(_COMMON_FUNCTION_WORDS.split())

STOP_WORDS: frozenset[str] = COMMON_STOP_WORDS | frozenset(_OTHER_FUNCTION_WORDS.split() + _CONTRACTIONS.split())

REPORTING_WORDS: frozenset[str] = frozenset(_REPORTING.split())
