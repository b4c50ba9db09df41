"""Which extraction made an index's articles: a fingerprint of its code and weights.

An ingest never reads an unchanged file again (that is what makes a re-run
fast), so articles keep the extraction that made them until ``ingest
--rebuild``. The index records this fingerprint (``IndexUpdate.set_extraction``)
so that ``ingest`` and ``stats`` can say when the running newsidx extracts
differently.

Light on purpose: ``stats`` asks it, so it imports neither the extraction
package (its ``__init__`` loads every extraction module) nor ``hashlib``
(OpenSSL) until it is called.
"""

from __future__ import annotations

# The modules outside newsidx/extract that extraction imports (a test holds
# this list to the imports).
EXTRACTION_HELPERS = ("ascii.py", "stopwords.py", "text.py")


def extraction_fingerprint() -> str | None:
    """A digest of the extraction package's sources and learned weights
    (``newsidx/extract``) and of the modules it imports; None if they cannot
    be read (an installation without its sources). Any change to them gives
    another, comments included: a needless "extract again" costs a rebuild, a
    missed one leaves articles extracted worse than they could be."""
    import hashlib
    from importlib import resources

    digest = hashlib.sha256()
    try:
        package = resources.files("newsidx")
        extraction = sorted((entry for entry in package.joinpath("extract").iterdir()
                             if entry.name.endswith((".py", ".json"))), key=lambda entry: entry.name)
        for entry in [*extraction, *(package / name for name in EXTRACTION_HELPERS)]:
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()[:16]
