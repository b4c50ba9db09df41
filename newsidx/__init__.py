"""newsidx: index, search and read folders of scraped news articles.

The package is layered so data flows one way:

    sources (files -> bytes) -> extract (bytes/text -> Article)
        -> index (Article -> Whoosh documents, queries -> hits)
        -> archive (the library API the CLI wraps) -> render (rich output)
"""

__version__ = "0.1.0"
