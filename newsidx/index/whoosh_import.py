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
the real ones; anything else asked of a stand-in meanwhile is the real
module's.
"""

from __future__ import annotations

import sys
import types
from functools import cached_property


class _StandIn(types.ModuleType):
    """A module in the place of a real one while Whoosh is imported: each name
    Whoosh takes from it then (``deferred``) imports the real module when first
    called, and anything else asked of it meanwhile is the real module's."""

    def __init__(self, name: str, deferred: tuple[str, ...]):
        super().__init__(name)
        for attribute in deferred:
            setattr(self, attribute, _deferred(name, attribute))

    def __getattr__(self, attribute: str):
        if attribute.startswith("__"):  # the import system asks for __path__ and the like
            raise AttributeError(attribute)
        return getattr(_real(self.__name__), attribute)


def _real(name: str) -> types.ModuleType:
    """The real module ``name``, its stand-in taken out of the way if it is still there."""
    if isinstance(sys.modules.get(name), _StandIn):
        del sys.modules[name]
    __import__(name)
    return sys.modules[name]


def _deferred(name: str, attribute: str):
    def call(*args, **kwargs):
        return getattr(_real(name), attribute)(*args, **kwargs)

    call.__name__ = attribute
    return call


# The modules stood in for, and the names Whoosh takes from each as it is imported.
_STOOD_IN = {"urllib.request": ("urlretrieve",), "whoosh.lang.morph_en": ("variations",), "hashlib": ("md5",)}


def import_whoosh() -> None:
    if "whoosh.reading" in sys.modules:
        return
    stand_ins: dict[str, types.ModuleType] = {
        name: _StandIn(name, attributes) for name, attributes in _STOOD_IN.items() if name not in sys.modules}
    if "cached_property" not in sys.modules:
        stand_ins["cached_property"] = types.ModuleType("cached_property")
        stand_ins["cached_property"].cached_property = cached_property
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
