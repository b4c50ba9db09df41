"""Importing Whoosh without the modules it loads but never uses here.

Of Whoosh's ~75 ms import, about half is imports newsidx never calls:
``whoosh.compat`` takes ``urlretrieve`` from ``urllib.request`` (which loads
http.client, ssl and email), ``whoosh.reading`` takes ``cached_property``
from the third-party package of that name (which loads asyncio) for one
property, and ``whoosh.query.terms`` takes ``variations`` from
``whoosh.lang.morph_en``, whose hundreds of regular expressions take 7 ms to
compile, for a query type newsidx never builds; ``whoosh.filedb.filetables``
takes ``md5`` from ``hashlib``, which loads OpenSSL (3.5 ms), for hash tables
the newsidx codec does not use. While Whoosh is first imported, light
stand-ins take their place: ``urlretrieve``, ``variations`` and ``md5`` load
the real module when called, and ``cached_property`` is the standard
library's, which does the same for Whoosh's one use. They are removed from
``sys.modules`` right after, so any other code importing those modules gets
the real ones; anything else asked of the ``hashlib`` stand-in meanwhile
is the real module's.
"""

from __future__ import annotations

import sys
import types
from functools import cached_property


def _urlretrieve(*args, **kwargs):
    sys.modules.pop("urllib.request", None)
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _variations(*args, **kwargs):
    sys.modules.pop("whoosh.lang.morph_en", None)
    from whoosh.lang.morph_en import variations

    return variations(*args, **kwargs)


def _md5(*args, **kwargs):
    sys.modules.pop("hashlib", None)
    from hashlib import md5

    return md5(*args, **kwargs)


def _real_hashlib(name: str):
    if name.startswith("__"):  # the import system asks the module for __path__ and the like
        raise AttributeError(name)
    sys.modules.pop("hashlib", None)
    import hashlib

    return getattr(hashlib, name)


def import_whoosh() -> None:
    if "whoosh.reading" in sys.modules:
        return
    stand_ins = {}
    if "urllib.request" not in sys.modules:
        stand_ins["urllib.request"] = types.ModuleType("urllib.request")
        stand_ins["urllib.request"].urlretrieve = _urlretrieve
    if "cached_property" not in sys.modules:
        stand_ins["cached_property"] = types.ModuleType("cached_property")
        stand_ins["cached_property"].cached_property = cached_property
    if "whoosh.lang.morph_en" not in sys.modules:
        stand_ins["whoosh.lang.morph_en"] = types.ModuleType("whoosh.lang.morph_en")
        stand_ins["whoosh.lang.morph_en"].variations = _variations
    if "hashlib" not in sys.modules:
        stand_ins["hashlib"] = types.ModuleType("hashlib")
        stand_ins["hashlib"].md5 = _md5
        stand_ins["hashlib"].__getattr__ = _real_hashlib
    sys.modules.update(stand_ins)
    try:
        import whoosh.compat  # noqa: F401 -- the modules that import them
        import whoosh.filedb.filetables  # noqa: F401
        import whoosh.query  # noqa: F401
        import whoosh.reading  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
