"""Page dumps for the tests, and the one function that builds them.

Every text here was written for the tests (none is copied from real pages), so
tests can rely on exactly which words each file contains: ``ARTICLES`` for the
search and CLI tests, the stories below it for ingest, and generated corpora
for counts that need many distinct articles.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Sequence

# Site furniture a scraped page carries around the article (``chrome=True``).
CHROME_TOP = ["Home | World | Business | Sport", "Advertisement"]
CHROME_BOTTOM = ["Share this article", "Read more", "Copyright 2010 Example News. All rights reserved."]


def page(headline: str, date: str | None, paragraphs: Sequence[str], chrome: bool = True) -> str:
    """The text of a page dump: headline, optional date line, blank-separated paragraphs."""
    lines: list[str] = [*CHROME_TOP, ""] if chrome else []
    lines += [headline, ""]
    if date:
        lines += [f"Published: {date}", ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    if chrome:
        lines += CHROME_BOTTOM
    return "\n".join(lines).rstrip("\n") + "\n"


def write_article(directory, name: str, headline: str, paragraphs: Sequence[str],
                  date: str | None = None, chrome: bool = False, encoding: str = "utf-8",
                  mtime: float | None = None) -> Path:
    """Write one page dump (creating folders) and return its path.

    ``mtime`` (seconds) sets the modification time, so tests never depend on the
    clock's resolution to see a file as changed.
    """
    path = Path(directory) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(page(headline, date, paragraphs, chrome).encode(encoding))
    if mtime is not None:
        touch(path, mtime)
    return path


def touch(path, mtime: float) -> None:
    """Change only the modification time of ``path``."""
    os.utime(path, (mtime, mtime))


# --------------------------------------------------------------------------- search and CLI

ARTICLES = {
    "truce.txt": (
        "Ceasefire holds along the northern border",
        "2010-03-04",
        [
            "A ceasefire agreed by the two governments held for a third day on Thursday, "
            "officials on both sides of the northern border said, as aid convoys reached villages.",
            "Monitors from the regional observer mission reported no shelling overnight and said "
            "the withdrawal of heavy weapons from the front line had begun on schedule.",
            "Diplomats cautioned that the truce remained fragile and that talks on a permanent "
            "settlement would not open before the end of the month.",
        ],
    ),
    "harvest.txt": (
        "Farmers expect record wheat harvest",
        "2010-07-19",
        [
            "Farmers across the plains expect a record wheat harvest this summer after months of "
            "steady rain, the national growers association said in its monthly report.",
            "Prices for bread flour fell for the second week running as traders priced in the "
            "larger crop, and exporters said they were already booking ships for the autumn.",
            "The association warned that a late storm could still damage fields in the south, "
            "where the harvest usually begins two weeks earlier than in the north.",
        ],
    ),
    "talks.txt": (
        "Border talks resume in the capital",
        "2010-03-20",
        [
            "Negotiators returned to the capital on Saturday to resume border talks, two weeks "
            "after the ceasefires along the frontier were signed by both armies.",
            "The delegations will discuss the return of refugees, the exchange of prisoners and "
            "the demarcation of a demilitarised zone, a foreign ministry spokesman said.",
            "Observers said the atmosphere was cordial but that no agreement was expected before "
            "the summer, when parliament must ratify any treaty.",
        ],
    ),
    "stadium.txt": (
        "City council approves new football stadium",
        "2009-11-02",
        [
            "The city council approved plans for a new football stadium on Monday after a debate "
            "that lasted more than six hours and drew hundreds of residents to the town hall.",
            "Supporters of the club cheered the vote, while neighbours of the site said they "
            "feared traffic jams and noise on match days for years to come.",
            "Construction is due to begin next spring and the stadium should open in time for the "
            "2012 season, the mayor said after the vote.",
        ],
    ),
}


def write_archive(folder: Path) -> Path:
    for name, (headline, date, paragraphs) in ARTICLES.items():
        write_article(folder, name, headline, paragraphs, date=date, chrome=True)
    return folder


# --------------------------------------------------------------------------- ingest

TRAM = [
    "The city council of Lindquay voted on Thursday to build a second tram line linking the "
    "old harbour district with the university campus on the northern hills, ending a dispute "
    "that has divided the council chamber for almost six years.",
    "Twenty-seven councillors supported the plan and eleven opposed it. The new line will run "
    "for nine kilometres, cross the river on a rebuilt stone bridge and stop at fourteen "
    "stations, including a covered interchange beside the main railway terminal.",
    "Supporters argued that buses on the harbour road are already full by seven in the morning "
    "and that students spend close to an hour each way in traffic. Opponents warned that the "
    "budget of three hundred and ten million crowns leaves no room for the rising price of steel.",
    "The transport director, Amalie Verhoeven, told reporters that tendering for the track "
    "work would open in the spring and that the first trams could carry passengers within "
    "four years if the contractors keep to the schedule agreed with the regional government.",
    "Shopkeepers on Canal Street, where the line will run down the middle of the road, asked "
    "for compensation during the two summers of construction. The council promised a fund for "
    "affected businesses but did not say how large it would be or who would manage it.",
]

# A story that sits right under its headline, four paragraphs long: the body
# run takes the headline in (extraction gives it back), and the paragraphs
# wrap over several lines at any usual width.
FERRY_HEADLINE = "Harbour ferry service to double its crossings from May"
FERRY = [
    "The harbour authority said on Tuesday that the ferry between the two piers would run every fifteen "
    "minutes from the first week of May, twice as often as it does now, after a winter in which "
    "commuters complained about queues that reached the car park.",
    "Two new boats, built at the yard across the bay, will join the three already in service. Each "
    "carries two hundred passengers and forty bicycles, and the authority expects them to cut the "
    "average wait at the busiest hour to under ten minutes.",
    "Fares will not change this year, the authority said, although the price of a monthly pass is "
    "to be reviewed in the autumn together with the timetable for the winter months.",
    "Local traders welcomed the plan, saying that the queues had kept visitors away from the "
    "market on the north pier, where several stalls closed last year for lack of custom.",
]
# A site's menu, one link a line.
MENU = ["Home", "News", "Business", "Sport", "Weather", "Contact us"]

# The same story as republished by a wire service: other headline, agency
# dateline in front, last paragraph trimmed.
TRAM_WIRE = ["LINDQUAY (Reuters) - " + TRAM[0]] + TRAM[1:4]

# Same topic (a tram line in the same city), different story.
TRAM_OTHER = [
    "Passengers on the Lindquay tram network faced delays of up to forty minutes on Monday "
    "after a power cable failed near the cathedral square during the morning rush, the "
    "operator said in a brief statement posted on its website.",
    "Engineers worked through the afternoon to replace a damaged section of overhead wire, and "
    "replacement buses were sent to shuttle commuters between the square and the western depot, "
    "where hundreds of office workers waited in light rain.",
    "The operator blamed the failure on an ageing transformer that had been scheduled for "
    "replacement next year. A union representative said drivers had reported flickering "
    "lights on that stretch for weeks without any response from management.",
    "Services returned to normal by the evening peak. The operator apologised and said season "
    "ticket holders could claim a refund of one day's fare by filling in a form at any ticket "
    "office before the end of the month.",
]

ORCHARD = [
    "Apple growers in the Saroth valley expect their smallest harvest in a decade after a late "
    "frost in April killed most of the blossom on the higher slopes, the regional farming "
    "association said in its annual estimate published on Wednesday.",
    "The association put the likely crop at just over forty thousand tonnes, roughly half of "
    "last year's figure. Pear and cherry orchards lower in the valley escaped the worst of the "
    "cold and should produce close to their usual volumes.",
    "Several family farms have already laid off seasonal pickers, and the cider cooperative in "
    "Dunmere said it would buy fruit from neighbouring provinces for the first time since it "
    "was founded after the war.",
    "Agronomists said frost nets and wind machines could protect young trees in future, but the "
    "equipment costs more than most small growers earn in a good year, and insurers have "
    "stopped covering frost damage in the valley altogether.",
]

LIBRARY = [
    "Readers in Bexworth will be able to borrow tools, sewing machines and telescopes as well "
    "as books from next month, when the town's central library opens what it calls a library "
    "of things in a converted storeroom behind the reading hall.",
    "The idea came from a volunteer who ran a small tool exchange from her garage during the "
    "winter. More than three hundred residents signed a petition asking the library board to "
    "take it over and give it a permanent home.",
    "Loans will last one week and cost nothing for members. The librarian in charge, Tobias "
    "Grell, said every item had been checked by an electrician and would come with a printed "
    "guide and a box for its parts.",
    "Similar schemes in other towns have struggled with damaged equipment, but Grell said the "
    "board expected most people to treat the objects with care, as they do the books, and "
    "would review the rules after six months.",
]

LATIN1 = [
    "The café on the corner of Bahnhofstrasse in Zürich reopened on Saturday after a fire "
    "that destroyed its kitchen last winter, and the owner, Renée Købke, served free crème "
    "brûlée to the first hundred customers who queued outside.",
    "Neighbours said the café had been a meeting place for chess players and students for "
    "more than forty years, and a collection organised by regulars raised almost half of the "
    "money needed to replace the ovens and the smoke-blackened ceiling.",
    "Købke said the menu would stay the same, with soup at noon and pastries all afternoon, "
    "but the prices would rise slightly because the insurance company paid only part of the "
    "damage and the bank wanted its loan repaid within five years.",
]


# --------------------------------------------------------------------------- generated corpora

_SUBJECTS = ["the harbour authority", "a regional water board", "the transport ministry",
             "an opposition senator", "the national statistics office", "a farmers' cooperative",
             "the city's fire brigade", "a panel of auditors", "the coastal guard",
             "an independent inquiry", "the teachers' union", "a consortium of banks",
             "the weather service", "a provincial court", "the energy regulator",
             "a group of residents", "the museum's trustees", "an airline spokeswoman"]
_VERBS = ["announced", "questioned", "postponed", "approved", "criticised", "reviewed",
          "defended", "rejected", "published", "extended", "suspended", "welcomed"]
_OBJECTS = ["a plan to dredge the northern canal", "the budget for rural clinics",
            "new limits on night flights", "a survey of flooded farmland",
            "the contract for bridge repairs", "a scheme to plant coastal forests",
            "rules on river fishing quotas", "the timetable for the tram extension",
            "a report on school meals", "the sale of the old grain silo",
            "a pilot programme for electric ferries", "the closure of two post offices"]
_PLACES = ["Valmora", "Ostrhaven", "Pell Ridge", "Karsk", "Dunmere", "Lindquay", "Saroth",
           "Bexworth", "Tallis Bay", "Meridan", "Corvale", "Ashgrove", "Norrin", "Quellport"]
_CODAS = ["officials said", "according to a statement", "the minutes show",
          "local reporters were told", "a spokesman confirmed", "documents seen by this paper show"]


def generated_article(number: int, sentences: int = 12) -> tuple[str, list[str]]:
    """A deterministic, distinct article for ``number``: (headline, paragraphs).

    Every sentence carries a serial (``number``-specific figures), so no two
    generated articles are exact or near duplicates of each other.
    """
    rng = random.Random(number)
    place = rng.choice(_PLACES)
    out: list[str] = []
    for s in range(sentences):
        out.append(f"In {rng.choice(_PLACES)}, {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} "
                   f"{rng.choice(_OBJECTS)} costing {number * 37 + s * 11} thousand crowns, "
                   f"{rng.choice(_CODAS)}; case {number}-{s} goes to a vote in {rng.randint(2, 40)} days.")
    paragraphs = [" ".join(out[i:i + 3]) for i in range(0, sentences, 3)]
    headline = f"{place} council weighs proposal number {number}"
    return headline, paragraphs


def write_generated(directory, count: int, start: int = 0, prefix: str = "story") -> list[Path]:
    """Write ``count`` generated articles named ``{prefix}-NNNN.txt``."""
    paths = []
    for number in range(start, start + count):
        headline, paragraphs = generated_article(number)
        paths.append(write_article(directory, f"{prefix}-{number:04d}.txt", headline, paragraphs))
    return paths
