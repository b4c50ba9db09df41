"""Vocabulary, weights and thresholds of the extractor: data only, no logic.

Every word list, phrase pattern, hand-set weight and threshold of the
extraction rules lives here, so the method (in ``lines``, ``body``,
``headline``, ``dates`` and ``bylines``) can be read apart from its data.
Two kinds of number and pattern stay with their code on purpose: the
patterns of a syntax the code parses (markdown marks in ``lines``, date
formats in ``dates``, the shape of a dateline or byline in ``bylines``),
and the bounds that shape a learned model's features (``features``, the
evidence of ``headline.candidate_evidence``: changing one means refitting).
The learned weights are data too, kept in ``model.json`` (written by
``tools/train_extraction.py``); ``WEIGHTS`` below make the hand-weighted
content score, which finds the densest region of prose and is itself one of
the features the learned models weigh. Patterns are regular-expression
source strings, compiled by the modules that use them; all are matched
case-insensitively unless noted.
Line patterns (``BOILERPLATE_LINE_PATTERNS``, ``SECTION_BREAK_PATTERNS``) are
matched against the lower-cased line for speed, so they must be written in
lower case.
"""

from __future__ import annotations

from newsidx.stopwords import COMMON_STOP_WORDS

# --- Words -----------------------------------------------------------------

# Words of running prose: the common function words, and the reporting verbs
# of nearly every news paragraph. Running prose is ~40-50% stop words; menus,
# headlines and name lists have few. (``Line.stopword_ratio`` counts them.)
PROSE_STOP_WORDS = COMMON_STOP_WORDS | {"said", "says"}

# --- Line classification ----------------------------------------------------

# Words of page widgets and navigation. A line made mostly of them
# ("Font size: Decrease Increase", "Share All sharing options") is furniture.
UI_WORDS = frozenset("""
share sharing shares email e-mail mail print printable printer save bookmark bookmarks link links
copy url copied permalink font size text decrease increase enlarge reduce larger smaller zoom
facebook twitter tweet pinterest linkedin reddit digg delicious del.icio.us stumbleupon whatsapp
google yahoo myweb newsvine technorati buzz rss feed feeds subscribe subscription unsubscribe
newsletter newsletters alerts login logout sign signin signup register registration account
user username password member members profile settings follow like likes comment comments
reply replies report abuse click tap here window tab open opens close menu search go back
next previous prev earlier later older newer top bottom page pages home index browse posts
post archive archives sitemap skip navigation content main toggle view show hide more less
all options option tools terms conditions privacy policy cookie cookies contact advertise
advertising help faq about us our options chevron_left chevron_right arrow icon button
story stories article articles related popular trending video videos photo photos gallery
play watch listen audio podcast download app apps mobile edition editions weather
""".split())
# share of a line's words that must be widget words to call it furniture
UI_LINE_RATIO = 0.6

# Phrases that mark a line as page furniture rather than article text. Each
# entry is (pattern, weight): the weight is subtracted from the line's content
# score. Patterns anchored with ^...$ must match the whole (cleaned) line;
# the others may match anywhere but only count on short lines (see
# BOILERPLATE_ANYWHERE_MAX_WORDS).
# Where the pictures of news pages come from, as their credits print them: a
# picture agency after the photographer's name and a slash ("Jane Rowe/AFP"),
# a picture library by name. Shared by the boilerplate credit line below and
# the headline's caption evidence (PHOTO_CREDIT_PATTERN).
PICTURE_AGENCIES = ("ap", "afp", "aap", "epa", "reuters", "getty")
PICTURE_LIBRARIES = ("getty images", "shutterstock")
_PICTURE_SOURCE = "|".join(PICTURE_LIBRARIES) + r"|\w/(" + "|".join(PICTURE_AGENCIES) + r")\b"
# what each picture source holds, lower case (for the keyword looks below)
_PICTURE_SOURCE_KEYWORDS = (tuple(library.split()[0] for library in PICTURE_LIBRARIES)
                            + tuple("/" + agency for agency in PICTURE_AGENCIES))

BOILERPLATE_LINE_PATTERNS: tuple[tuple[str, float], ...] = (
    # calls to action and sharing widgets
    (r"^(read|see|view|show|load|click|tap) (more|all|full|the full|here|less)\b.*$", 4.0),
    (r"^(more|full) (stories|story|articles|news|coverage|photos|videos)\b.*$", 3.0),
    (r"^(share|tweet|email|e-mail|print|save|comment|reply|like|follow|subscribe|bookmark|"
     r"recommend|report|flag|close|menu|search|login|log in|sign in|sign up|register)\b"
     r"( this| it| on| via| to| us| with| now| in| up| out| story| article| page| a friend|"
     r" this story| this article| this page| by email| x| facebook| twitter| linkedin| whatsapp| reddit|"
     r" pinterest| bluesky| threads| mastodon| telegram| flipboard| for later)*\W*$", 4.0),
    (r"^(e-?mail|print|share) (this|to a friend|article|story|page)\b.*$", 4.0),
    # the widgets of a modern article page: reading time, audio, gift links
    (r"^\d{1,3}\s*(min|mins|minutes?)\.?\s+(read|listen|watch)\W*$", 4.0),
    (r"^(listen to|gift|save) (this|the) (article|story)\W*$", 4.0),
    (r"^(printable|printer[- ]friendly|print) (version|this|page|story|article)\b.*$", 4.0),
    (r"^(advertisement|advertising|advert|sponsored|sponsored content|promoted|ad|ads|"
     r"story continues below|article continues below|continue reading|"
     r"skip (to|navigation|ad|advertisement)\b.*|"
     r"back to top|top of page|top|next|previous|prev|next page|home|more)\W*$", 4.0),
    (r"^(related|recommended|popular|trending|latest|top|most (read|viewed|popular|emailed|shared|"
     r"commented)|more from|more in|more on|also (in|on|see)|see also|you may also like|you might also like|"
     r"don't miss|do not miss|further reading|related readings?|related (stories|articles|links|news|"
     r"content|coverage|topics|video|videos)|other news|in other news|editor'?s picks|what's next|up next|"
     r"next up|must read|trending now|around the web|from the web|elsewhere on the web)\b.{0,60}$", 3.5),
    (r"^(comments?|\d+ comments?|leave a comment|post a comment|add a comment|add your comment|"
     r"view comments|show comments|join the (discussion|conversation)|discuss this|"
     r"have your say|your comments?|reader comments|comments \(\d+\))\b\W*.{0,40}$", 4.0),
    (r"^(tags?|topics?|filed under|categories|category|keywords?|section)\s*:.*$", 3.0),
    # legal and site footers; a line opening with a copyright sign is one at any length
    (r"^(©|\(c\) |copyright\s*(©|\(c\)|(19|20)\d\d))", 3.5),
    (r"(©|\(c\)|copyright\b|all rights reserved|terms of (use|service)|privacy (policy|statement|notice)|"
     r"cookie policy|use of this site|user agreement|reproduction in whole or in part|"
     r"may not be (published|reproduced|redistributed))", 3.5),
    # photo and video credits, captions
    (r"(\((photo|photograph|picture|image|file photo)\b[^)]*\)|\[(agencies|photo|file|ap|afp|reuters|"
     r"getty|xinhua)[^\]]*\]\s*$|^(photo|photograph|picture|image|video|credit|caption|"
     r"photo credit|file photo)\s*:|(ap|afp|getty images|reuters|epa|file) photo\b|"
     # the labels a page prints for screen readers ("Image caption, Crowds at the port", "Image source, Reuters")
     r"^(image|photo|picture|video|media) (caption|source|credit)s?\s*[:,])", 3.0),
    # a photo's credit line under its caption ("Jane Rowe | Bloomberg | Getty Images", "Jane Rowe/AP"):
    # names, no words of a sentence ("The agency sold its archive to Getty Images")
    # (\A rather than ^: a pattern opening with ^ is tried on every line, this one only on lines with its keywords)
    (r"\A(?!.*\b(the|to|of|an?|in|on|for|with|is|was|its|has|have|had|will|said|from)\b)"
     r".{0,60}(" + _PICTURE_SOURCE + r")\W*$", 3.0),
    # newsletters and subscriptions
    (r"^(sign up|subscribe|get (our|the)|join our|receive our).{0,80}(newsletter|updates|alerts|"
     r"e-?mail|inbox|subscription)", 3.0),
    (r"(javascript|cookies?) (is|are) (disabled|required|not enabled)|enable javascript|your browser", 3.0),
)

# Boilerplate patterns that are not anchored only count on lines this short:
# a long sentence that happens to say "copyright" is still prose.
BOILERPLATE_ANYWHERE_MAX_WORDS = 40
# Every unanchored pattern above needs one of these (lower-case) substrings:
# a cheap test that spares most lines the full regular expressions.
BOILERPLATE_ANYWHERE_KEYWORDS = ("©", "(c)", "copyright", "rights reserved", "terms of", "privacy",
                                 "cookie", "use of this site", "user agreement", "reproduc", "may not be",
                                 "photo", "picture", "image", "[", "credit", "caption", "getty",
                                 "javascript", "browser", "afp", "reuters", "ap ", "epa", "file",
                                 *_PICTURE_SOURCE_KEYWORDS)

# An author's biography closing an article: "Jane Rowe is a senior reporter
# at ...", "Jane Rowe covers transport for ...". Matched case-sensitively
# against paragraphs of at most AUTHOR_BIO_MAX_WORDS words at the article's end.
AUTHOR_BIO_PATTERN = (r"^(?:[A-Z][\w'’.-]+ ){1,3}(?:is|was|has been|covers|writes|reports)\b.{0,120}"
                      r"\b(?:reporter|correspondent|editor|writer|columnist|contributor|journalist|author|"
                      r"freelance|staff|covers|writes about|reports on)\b")
AUTHOR_BIO_MAX_WORDS = 60
# The credits closing a wire story, in brackets: "(Reporting by Jane Rowe;
# Editing by Tom Reilly)", "(Additional reporting by ...)". At most
# WIRE_CREDIT_MAX_LINES such lines of WIRE_CREDIT_MAX_WORDS words.
WIRE_CREDIT_PATTERN = r"[(\[]\s*(additional |further )?(reporting|writing|editing|compiled|research|graphics) by\b"
WIRE_CREDIT_MAX_LINES = 2
WIRE_CREDIT_MAX_WORDS = 40

# Lines that introduce a list of links to other stories ("Related readings:").
# The short, title-like lines right after such a header belong to the list.
LIST_HEADER_PATTERN = (r"^(related|recommended|more|see also|also|popular|latest|top|don't miss|"
                       r"do not miss|you may|you might|read more|further|other|most|editor'?s|"
                       r"trending|next)\b[^.!?]{0,50}:?$")

# Lines that open or sign a reader comment, or stamp an item in a feed of
# other stories: the article has ended where they start. Matched against the
# whole cleaned line. Short lines that carry a date, a clock time or a
# relative time ("2 days ago at 07:47 am") count too (see STAMP_LINE_MAX_WORDS).
SECTION_BREAK_PATTERNS = (
    r"^(posted|submitted|written|added|comment(ed)?) by\b.{0,80}$",
    r"^.{0,60}\b(says|said|wrote|writes)\s*:\s*$",
    r"^(reply|report( abuse| comment)?|flag|permalink|quote|like|recommend|vote)( \(\d+\))?\W*$",
    r"^(rating|score|points|votes?|likes?)\s*:?\s*[-+]?\d+( votes?| points?| likes?)?\W*$",
    r"^[-+]?\d+ (votes?|points?|likes?|replies|recommendations?)\W*$",
    r"^(\d+ )?(comments?|responses?|replies|reader (comments|views|reviews)|user comments|"
    r"readers'? comments|discussion)( \(\d+\))?\s*:?$",
    r"^(leave|post|add|write|submit|read|view|show|see|hide) (a |your |all |the |\d+ )?"
    r"(comments?|reply|view|response|reviews?)\b.{0,30}$",
    r"^(comments|commenting) (are|is) (closed|disabled)\b.*$",
    r"^\d{1,3}\.$",
)
STAMP_LINE_MAX_WORDS = 12
# a line needs this many words to be a sentence with a credit glued on (lines.Line.credit_tail)
CREDIT_TAIL_MIN_WORDS = 6
# ... unless it reads as a sentence: a closing mark and this many stop words
SENTENCE_MIN_STOP_WORDS = 3
# The signature of a social-media post embedded in an article, "(@handle)":
# dated, but no section break.
EMBED_SIGNATURE_PATTERN = r"\(@\w{1,30}\)"

# Headers that open a section of reader comments ("12 Comments", "Have your
# say", "Leave a Reply"). Matched against whole short lines (at most
# COMMENT_HEADER_MAX_WORDS words). Once one follows a run of article text
# worth COMMENT_ZONE_MIN_RUN, the prose after it counts for only
# WEIGHTS["comment_zone_factor"] of its worth: it is the readers', not the
# article's.
COMMENT_HEADER_PATTERNS = (
    r"^[\[(]?\s*(total\s+)?(\d+\s+)?(top rated |recent |latest |article |readers?'?s? |user |your )?"
    r"(comments?|views|responses|replies|reactions)(\s*[:(]\s*\d*\s*\)?)?(\s*so far)?\W*$",
    r"^(leave|post|add|write|submit|send|show|view|read|see)( a| your| all| the)?( own)? "
    r"(comments?|reply|view|views|response)\b.{0,40}$",
    r"^(have your say|your say|join the (discussion|conversation)|be the first to comment|"
    r"comments? on this (story|article)|(blog )?comments powered by|tell us what you think|"
    r"what do you think|no comments (have been posted|submitted|yet))\b.{0,40}$",
)
COMMENT_HEADER_MAX_WORDS = 8
# Bare words that head comments on some sites and name opinion sections on
# others ("Comment", "Views"): not comment headers on their own.
AMBIGUOUS_COMMENT_HEADERS = frozenset({"comment", "views", "reactions", "your view"})
COMMENT_ZONE_MIN_RUN = 80.0

# Characters that separate menu items on one line ("Home | News | Sport").
MENU_SEPARATORS = "|•·»›>"

# A breadcrumb trail: one arrow between words is enough ("Home > World").
# Matched case-sensitively.
BREADCRUMB_PATTERN = r"\w\s+[>»›]\s+\w"

# Teaser summaries in lists of other stories end with an ellipsis.
TEASER_ENDINGS = ("...", "…", "more»", "more >>", ">>", "»")

# --- Content scoring weights (lines.py / body.py) ------------------------------

WEIGHTS = {
    # per-line content score
    "sentence_end": 1.0,           # ends with . ! ? or a closing quote after one
    "sentence_marks_each": 0.4,    # each further sentence boundary inside the line
    "sentence_marks_cap": 4,       # ...up to this many
    "long_line": 1.0,              # at least LONG_LINE_WORDS words
    "very_long_line": 1.0,         # at least VERY_LONG_LINE_WORDS words
    "short_line": -1.0,            # fewer than SHORT_LINE_WORDS words
    "stopword_rich": 1.0,          # stop-word ratio >= STOPWORD_RICH
    "stopword_poor": -1.0,         # stop-word ratio < STOPWORD_POOR (on lines of 4+ words)
    "title_case": -1.0,            # most words capitalised (menus, headlines)
    "name_list": -3.0,             # ...on a long line with few stop words: a list of names or titles
    "menu_separators": -2.0,       # two or more menu separators
    "link_heavy": -3.0,            # most of the line was markdown link text
    "list_item": -0.5,             # bulleted or numbered line
    "teaser_ending": -2.0,         # ends with an ellipsis or "more >>"
    "heading": -1.0,               # markdown heading
    "no_letters": -2.0,            # numbers, symbols only
    "code_like": -4.0,             # javascript/css debris
    "ui_words": -2.0,              # mostly widget and navigation words
    "no_sentence_end": -1.0,       # a short line that does not end like a sentence
    # run selection: value of a line = words * CONTENT_GAIN when its score is
    # positive, else a cost that grows with the line's length
    "content_gain": 1.0,
    "noise_cost_base": 3.0,
    "noise_cost_per_word": 0.5,
    "noise_cost_cap": 15.0,
    "link_list_entry_cost": 1.5,   # a line of a list announced by a header
    # a comment signature or a time-stamped line: the article has ended
    "section_break_cost": 60.0,
    # prose after a comment header (see COMMENT_HEADER_PATTERNS) is worth this share
    "comment_zone_factor": 0.25,
}

LONG_LINE_WORDS = 15
# Lines shorter than this that do not end like a sentence are titles, labels
# or link text more often than prose.
NO_SENTENCE_END_MAX_WORDS = 20
VERY_LONG_LINE_WORDS = 30
SHORT_LINE_WORDS = 6
STOPWORD_RICH = 0.25
STOPWORD_POOR = 0.12
# A line whose score is at least this is content on its own.
CONTENT_SCORE_THRESHOLD = 1.0
# the stop-word ratio only speaks against lines of at least this many words
STOPWORD_POOR_MIN_WORDS = 4
# a line of at least TITLE_CASE_MIN_WORDS words with more than this share of
# its content words capitalised is in Title Case
TITLE_CASE_MIN_WORDS = 3
TITLE_CASE_RATIO = 0.75
# How many likely body lines either side of a gap are compared for shared
# vocabulary (body.same_story_gaps): enough words to judge by, few enough to
# stay with the text next to the gap.
SAME_STORY_LINES = 3
# A paragraph beyond a block of furniture at the body run's ends
# (body.paragraphs_beyond) joins the run when it reads as prose on its own
# (content score at least BEYOND_MIN_SCORE: a teaser of another story is often
# a single weaker sentence) and shares BEYOND_SHARE of its content words with
# the run's nearest lines. Chosen by 5-fold cross-validation on the train
# split: a lower score took in teasers of related stories, and 0.2 (as for
# same_story_gaps) missed opening paragraphs whose sidebar between them and
# the rest of the article is long; from 0.05 to 0.15 nothing changed.
BEYOND_MIN_SCORE = 2.0
BEYOND_SHARE = 0.1
# a line with at least this many menu separators is a menu
MENU_MIN_SEPARATORS = 2
# a line with more than this share of its characters in link text is a link
LINK_HEAVY_SHARE = 0.5
# Boilerplate weight at which a line is furniture whatever else it shows: it
# is never the headline, and dropped from the body even inside the run.
STRONG_BOILERPLATE_WEIGHT = 3.0
# a list header ("Related readings:") is at most this many words; the entries
# of its list are lines of at most LIST_ENTRY_MAX_WORDS words without a full stop
LIST_HEADER_MAX_WORDS = 8
LIST_ENTRY_MAX_WORDS = 14

# --- Headline -----------------------------------------------------------------

HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_WORDS = 30
# how many non-empty lines above the body start are looked at
HEADLINE_WINDOW = 60
# The weights of the headline evidence are learned (model.json); these bound it.
# substantive lines between a candidate and the body count up to this many
HEADLINE_DISTANCE_CAP = 16
# a line of at most this many words without a full stop may be a menu item
MENU_ITEM_MAX_WORDS = 5
# credits and metadata are looked for down to this many lines below the body start
METADATA_BELOW_BODY_START = 3
# a line of at most this many words between headline and body is metadata (a label, a widget)
METADATA_MAX_WORDS = 2
# A line of personal names ("Trevor Daugherty", "Rowe and Hale"): this many
# words ("and" and "&" count), few stop words, none of these characters.
NAME_LINE_MIN_WORDS = 2
NAME_LINE_MAX_WORDS = 3
NAME_LINE_MAX_STOPWORD_RATIO = 0.2
NOT_IN_NAMES_PATTERN = r"[\d:;!?\"“”()]"
# a candidate's comparison key shorter than this is too little to be a headline
HEADLINE_MIN_KEY_CHARS = 8
# Share-tool words printed after a headline ("Save Email Print"), lower case.
SHARE_TOOL_WORDS = frozenset("""
save email e-mail print share tweet comment comments facebook twitter linkedin whatsapp reddit
pinterest mail recommend bookmark
""".split())
# what separates share tools from each other and from the headline
SHARE_TOOL_SEPARATORS = "|,:;·•-–—"
# a share-tool tail is at least this many of those words
SHARE_TAIL_MIN_TOOLS = 2
# what counts as a title line above a standfirst: at least this many words,
# at least this share of them used by the body, at most this many lines above
STANDFIRST_TITLE_MIN_WORDS = 3
STANDFIRST_TITLE_MIN_OVERLAP = 0.5
STANDFIRST_REACH = 4
# a line under a caption that credits its photo has at most this many words
PHOTO_CREDIT_LINE_MAX_WORDS = 8
# How a photo is credited, in a caption or on the line under it ("Photo: Jane
# Rowe", "...sought treatmentCredit: EPA" where the dump glued the credit on,
# "Getty Images", "AP Photo", "Rowe/AFP"): the line is a caption, not a headline.
# Every photo credit holds one of these (lower case): the pattern runs only then.
PHOTO_CREDIT_KEYWORDS = ("photo", "picture", "image", "credit", "illustration", *_PICTURE_SOURCE_KEYWORDS)
PHOTO_CREDIT_PATTERN = (r"(?:photo(?:graph)?|picture|image|credit|illustration)s?\s*:\s*\S|" + _PICTURE_SOURCE
                        + r"|\b(?:ap|afp|epa|aap|reuters|pa) (?:photo|images?)\b")
# a line of at most this many words, all in capitals, names a section or is a kicker
SECTION_NAME_MAX_WORDS = 4
# the link under a teaser of another story ("Read more", "Full story »")
TEASER_LINK_PATTERN = (r"^(read|see|view|watch|listen to)( the)? (more|full story|full article|story|article)\b.{0,20}$"
                       r"|^(continue reading|more|full story)\W*$")
# how many lines below a candidate are searched for a line repeating it
LABEL_REACH = 3
# how many opening lines of the body make its lede (what a headline announces first)
LEDE_LINES = 1
# characters of a word kept as its stem when comparing headline and body words
HEADLINE_STEM_CHARS = 5
# Separators between a headline and a site name in <title>-like lines.
SITE_SUFFIX_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " : ")
# A site name is at most this many words; a leading one is only cut before
# at least LEADING_SITE_NAME_MIN_REST_WORDS words of headline.
SITE_NAME_MAX_WORDS = 6
LEADING_SITE_NAME_MIN_REST_WORDS = 3
# Words that make a short trailing segment look like a site name.
SITE_NAME_WORDS = frozenset("""
news times post herald tribune journal daily gazette telegraph guardian independent observer
chronicle express mail mirror reuters ap afp bbc cnn nbc abc cbs fox msnbc npr xinhua
online com net org co uk today weekly magazine press wire network radio tv television
channel sport sports world politics business technology tech entertainment opinion
review standard star sun globe record register courier bulletin dispatch inquirer
examiner reporter sentinel monitor nation
""".split())


# --- Dates ----------------------------------------------------------------------

# Month names and their usual abbreviations, in English and in the languages
# of western Europe whose pages write a date as day, month name, year ("3.
# März 2021", "1er mars 2021", "3 de marzo de 2021"). Abbreviations that are
# English words ("ago", "set", "out") are left out.
_MONTH_NAMES_BY_LANGUAGE = {
    "english": ("jan january", "feb february", "mar march", "apr april", "may", "jun june",
                "jul july", "aug august", "sep sept september", "oct october", "nov november",
                "dec december"),
    "german": ("januar jänner", "februar", "märz mär", "april", "mai", "juni", "juli", "august",
               "september", "oktober okt", "november", "dezember dez"),
    "french": ("janvier janv", "février fevrier févr", "mars", "avril avr", "mai", "juin",
               "juillet juil", "août aout", "septembre", "octobre", "novembre", "décembre decembre déc"),
    "spanish": ("enero ene", "febrero", "marzo", "abril abr", "mayo", "junio", "julio", "agosto",
                "septiembre setiembre", "octubre", "noviembre", "diciembre dic"),
    "italian": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
                "settembre", "ottobre", "novembre", "dicembre"),
    "portuguese": ("janeiro", "fevereiro fev", "março", "abril", "maio", "junho", "julho", "agosto",
                   "setembro", "outubro", "novembro", "dezembro"),
    "dutch": ("januari", "februari", "maart mrt", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"),
}
MONTHS = {name: number for months in _MONTH_NAMES_BY_LANGUAGE.values()
          for number, names in enumerate(months, start=1) for name in names.split()}

# Weekday names (Monday first), in the languages of the month names: a
# weekday printed before a numeric date (Friday 04/12/2020) tells which
# reading of it is meant. German and Dutch two-letter abbreviations are left
# out ("so", "do", "di" are words).
_WEEKDAY_NAMES_BY_LANGUAGE = {
    "english": ("mon monday", "tue tues tuesday", "wed weds wednesday", "thu thur thurs thursday",
                "fri friday", "sat saturday", "sun sunday"),
    "german": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag sonnabend", "sonntag"),
    "french": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "spanish": ("lunes", "martes", "miércoles miercoles", "jueves", "viernes", "sábado sabado", "domingo"),
    "italian": ("lunedì lunedi", "martedì martedi", "mercoledì mercoledi", "giovedì giovedi",
                "venerdì venerdi", "sabato", "domenica"),
    "portuguese": ("segunda-feira segunda", "terça-feira terça terca", "quarta-feira quarta",
                   "quinta-feira quinta", "sexta-feira sexta", "sábado sabado", "domingo"),
    "dutch": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
}
WEEKDAYS = {name: number for days in _WEEKDAY_NAMES_BY_LANGUAGE.values()
            for number, names in enumerate(days) for name in names.split()}

# The commonest function words of English and of the other languages of the
# month names, none of them an English word: a page written in one of those
# languages writes numeric dates day first (4/12/2020 is 4 December). A page
# is taken to be written in one when its words hold at least
# LANGUAGE_MIN_WORDS of that language's and LANGUAGE_MARGIN times as many as
# of English's.
FUNCTION_WORDS_BY_LANGUAGE = {
    "English": frozenset("the and of to is that with for was are have this from were which".split()),
    "German": frozenset("der die das und ist nicht mit von den dem ein eine auf sich auch wird".split()),
    "French": frozenset("le la les des et est une dans pour qui sur pas du au avec sont".split()),
    "Spanish": frozenset("el los las y del por con para una es que se su al lo más".split()),
    "Italian": frozenset("il di che è per non una della gli con sono nel alla dei delle".split()),
    "Portuguese": frozenset("os não uma do da em para com que são dos das ao mais pelo".split()),
    "Dutch": frozenset("de het een en van niet dat op te zijn voor met ook wordt".split()),
}
LANGUAGE_MIN_WORDS = 10
LANGUAGE_MARGIN = 2

# Labels in front of a date, and how much they recommend it as the
# publication date. "Updated" counts against: a page that prints a bare date
# and an update beside it was published on the bare one; alone, an update is
# still the page's date.
DATE_LABELS: tuple[tuple[str, str, float], ...] = (
    # (label name for date_source, pattern, weight)
    ("published", r"\b(published|publication date|pub(lished)? date|first published|released"
                  r"|veröffentlicht|publié|publicado|pubblicato|gepubliceerd)\b", 4.0),
    ("posted", r"\b(posted|filed|written)\b", 4.0),
    ("created", r"\b(created|date created)\b", 4.0),
    ("dated", r"\b(date|dated)\s*:", 3.0),
    ("updated", r"\b(updated|last updated|modified|last modified|revised|edited|latest update"
                r"|aktualisiert|mis à jour|actualizado|aggiornato|atualizado|bijgewerkt)\b", -2.0),
)

# Time-zone abbreviations seen in news pages, as offsets from UTC in hours.
TIMEZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "IST": 5.5, "CST": -6, "CDT": -5, "EST": -5, "EDT": -4, "MST": -7, "MDT": -6, "PST": -8,
    "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "AEST": 10, "AEDT": 11, "ACST": 9.5,
    "AWST": 8, "NZST": 12, "NZDT": 13, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "WIB": 7,
    "PHT": 8, "SAST": 2, "WAT": 1, "EAT": 3,
}

# Regional hints for reading numeric dates (04/12/2020) when nothing on the
# page settles the order: zones, spellings and domains of day-first countries
# against those of the United States. Matched case-insensitively.
# Zone names are matched in capitals only: in lower case they are words of
# other languages (French "est" and "cet", German "ist").
DAY_FIRST_HINT_PATTERN = (r"\b(?-i:GMT|BST|CET|CEST|AEST|AEDT|IST|SAST|NZST|NZDT|AWST|ACST)\b|"
                          r"\.(co\.uk|uk|ie|au|nz|in|za|sg|my|ng|ke|pk)\b|"
                          r"\b(colour|favourite|organisation|centre|programme|labour|realise[ds]?)\b")
MONTH_FIRST_HINT_PATTERN = (r"\b(?-i:EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|HST)\b|"
                            r"\b(color|favorite|organization|center|program|labor|realize[ds]?)\b")

# Dates outside this range are rejected: the web news era starts about here.
EARLIEST_YEAR = 1990
# Slack allowed past the file's modification time (time zones, clock skew).
FUTURE_SLACK_SECONDS = 86400
# How far before a date its label may stand (characters).
DATE_LABEL_REACH = 40
# How far from a date its time may stand (characters), and how many characters
# may separate them (with no word of four letters or more between).
TIME_REACH = 30
TIME_MAX_GAP = 12
# a line that holds a date and at most this many other characters is a date line
DATE_LINE_MAX_EXTRA_CHARS = 25
# "2 hours ago" counts against the dates of lines of at most this many words
RELATIVE_TIME_LINE_MAX_WORDS = 8
# a date this many lines from the headline or nearer is found "near-headline"
NEAR_HEADLINE_LINES = 5

DATE_WEIGHTS = {
    "label": 1.0,                 # times the label weight above
    "between_headline_and_body": 3.0,
    "near_headline_per_line": -0.25,   # per line of distance from the headline
    "near_headline_max_penalty": -3.0,
    "inside_body": -3.0,
    "after_body": -4.0,
    "in_prose": -3.0,             # a date inside a paragraph is what the story is about
    "date_only_line": 1.0,        # the line is little more than the date
    "has_time": 0.5,
    "in_path": 2.0,               # the same day appears in the file path
    "relative": -5.0,             # "2 hours ago" is not a date
}

# --- Source, byline, dateline -------------------------------------------------------

# Agencies credited in (Agency) tags and datelines; key is the canonical name.
AGENCIES = {
    "Xinhua": r"xinhua(net)?( news agency)?",
    "Reuters": r"reuters|thomson reuters",
    "AP": r"ap|associated press|the associated press",
    "AFP": r"afp|agence france[- ]presse",
    "UPI": r"upi|united press international",
    "Bloomberg": r"bloomberg( news)?",
    "PTI": r"pti|press trust of india",
    "IANS": r"ians",
    "dpa": r"dpa|deutsche presse-agentur",
    "Kyodo": r"kyodo( news)?",
    "Yonhap": r"yonhap",
    "ANI": r"ani",
    "CP": r"cp|the canadian press|canadian press",
    "AAP": r"aap|australian associated press",
    "PA": r"pa|press association",
    "Interfax": r"interfax",
    "RIA Novosti": r"ria novosti|ria",
    "TASS": r"tass|itar-tass",
    "ANSA": r"ansa",
    "EFE": r"efe",
    "Agencies": r"agencies|agency|wires|wire services",
}

# How a credit line opens: such a line is never a headline. After a byline
# opener comes the writer's name ("By Jane Rowe"); the others credit a source
# or a team ("From The Harbour Times", "Reporting by ...").
BYLINE_OPENERS = ("by", "written by", "posted by", "words by")
OTHER_CREDIT_OPENERS = ("from", "reporting by", "author", "source")
# a posting line that names its writer after the date ("Posted on ... by Jane Rowe")
POSTING_OPENERS = ("posted", "published", "written", "submitted")

# a dateline's place has at least this many characters before any comma
DATELINE_PLACE_MIN_CHARS = 3
# a byline's name is at most this many words, capitalised but for these particles
BYLINE_NAME_MAX_WORDS = 6
NAME_PARTICLES = ("and", "de", "van", "von")
# Credits are looked for on the lines between the headline and the body (or
# on CREDIT_LINES_ABOVE_BODY lines above it when there is no headline), on the
# body's first BYLINE_BODY_LINES lines, and on END_CREDIT_LINES lines after it;
# a line credits an agency alone when it has at most AGENCY_LINE_MAX_WORDS words.
CREDIT_LINES_ABOVE_BODY = 6
BYLINE_BODY_LINES = 2
END_CREDIT_LINES = 3
AGENCY_LINE_MAX_WORDS = 4

# Words after "By NAME," that describe the writer's role, not the name.
BYLINE_ROLE_WORDS = r"(writer|correspondent|reporter|editor|staff|columnist|contributor|sports writer)"

# A line naming a writer's role or a credit, not a headline: role words
# (lower case, matched against the lower-cased line like the line patterns
# above) or the shape of a credit line.
CREDIT_ROLE_PATTERN = (r"\b(staff (writer|reporter)|writers?|correspondent|reporter|bureau chief|"
                       r"contributor|columnist|special to|staff and agencies|news service|"
                       r"press association|associated press|wire services?)\b")
# "Kate Connolly in Berlin", "QUEENSTOWN, New Zealand (AFP)"
CREDIT_LINE_PATTERN = (r"(?-i:^[A-Z][\w'.-]+ [A-Z][\w'.-]+ in [A-Z][\w ]+$)|\((" + "|".join(AGENCIES.values()) + r")\)$")
