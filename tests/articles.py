"""Purpose-written page dumps for the search and CLI tests (no real pages copied)."""

from __future__ import annotations

from pathlib import Path

CHROME_TOP = "Home | World | Business | Sport\nAdvertisement\n"
CHROME_BOTTOM = "\nShare this article\nRead more\nCopyright 2010 Example News. All rights reserved.\n"

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


def page(headline: str, date: str, paragraphs: list[str], body_extra: str = "") -> str:
    body = "\n\n".join(paragraphs) + body_extra
    return f"{CHROME_TOP}\n{headline}\n\nPublished: {date}\n\n{body}\n{CHROME_BOTTOM}"


def write_archive(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (headline, date, paragraphs) in ARTICLES.items():
        (folder / name).write_text(page(headline, date, paragraphs), encoding="utf-8")
    return folder
