"""The query for related articles: the words an article is about.

Searching for the key terms ``show`` already has (names as phrases) costs a
fraction of Whoosh's ``more_like``, which re-analyses the whole body. Key terms
favour words rare in the archive, which in a small archive may be words no
other article uses: the headline's words name the topic.
"""

from __future__ import annotations

from whoosh.query import Or, Phrase, Term

from newsidx.index.analysis import TEXT_ANALYZER


def related_query(key_terms: list[str], headline: str):
    """Any of ``key_terms`` or the headline's words in a body, or None when
    none of them is indexed (all stop words)."""
    clauses = []
    for term in [*key_terms, *headline.split()]:
        words = [token.text for token in TEXT_ANALYZER(term)]
        if len(words) == 1:
            clauses.append(Term("body", words[0]))
        elif words:
            clauses.append(Phrase("body", words))
    return Or(clauses) if clauses else None
