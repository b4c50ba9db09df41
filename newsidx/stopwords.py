"""English stop words (data only).

``STOP_WORDS``: function words that say nothing about what a text is about --
articles, pronouns, auxiliaries and modals, prepositions, conjunctions, common
adverbs and determiners -- lower case, contractions with a straight apostrophe
("don't"). Contractions are not listed without it: "shell", "ill", "wed" and
"hell" are words too.

``REPORTING_WORDS``: words every news story uses to attribute and date
statements ("said", "told", "monday"). Not stop words in general (a search for
"said" is legitimate), but never key terms of an article.
"""

from __future__ import annotations

_FUNCTION_WORDS = """
a about above across after afterwards again against all almost alone along already
also although always am among amongst an and another any anybody anyhow anyone
anything anyway anywhere are around as at
be became because become becomes becoming been before beforehand behind being below
beside besides between beyond both but by
can cannot could
did do does doing done down during
each either else elsewhere enough etc even ever every everybody everyone everything
everywhere except
few for former formerly from further furthermore
had has have having he hence her here hereafter hereby herein hers herself him
himself his how however
i if in indeed instead into is it its itself
just
last latter latterly least less
made make many may me meanwhile might mine more moreover most mostly much must my
myself
namely neither never nevertheless next no nobody none noone nor not nothing now
nowhere
of off often on once one only onto or other others otherwise our ours ourselves out
over own
per perhaps please
quite
rather really
same several she should since so some somebody somehow someone something sometime
sometimes somewhere still such
than that the their theirs them themselves then thence there thereafter thereby
therefore therein these they this those though through throughout thru thus to
together too toward towards
under until unless up upon us
very via
was we well were what whatever when whence whenever where whereafter whereas whereby
wherein whereupon wherever whether which while whither who whoever whole whom whose
why will with within without would
yet you your yours yourself yourselves
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

STOP_WORDS: frozenset[str] = frozenset(_FUNCTION_WORDS.split() + _CONTRACTIONS.split())

REPORTING_WORDS: frozenset[str] = frozenset(_REPORTING.split())
