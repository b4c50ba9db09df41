"""The stand-ins used while Whoosh is imported leave no trace for other code."""

from __future__ import annotations

import subprocess
import sys


def test_after_importing_the_index_the_real_modules_are_imported_by_others():
    code = (
        "import sys, newsidx.index\n"
        "assert 'hashlib' not in sys.modules\n"
        "assert 'urllib.request' not in sys.modules and 'asyncio' not in sys.modules\n"
        "import urllib.request\n"
        "assert hasattr(urllib.request, 'urlopen')\n"
        "from whoosh.compat import urlretrieve\n"
        "assert callable(urlretrieve)\n"
        "assert 'whoosh.lang.morph_en' not in sys.modules\n"
        "from whoosh.query import terms\n"
        "assert 'colour' in terms.variations('colours')\n"  # what the Variations query calls
        "assert 'whoosh.lang.morph_en' in sys.modules\n"
        "from whoosh.filedb import filetables\n"
        "assert filetables.md5(b'a').hexdigest() == '0cc175b9c0f1b6a831c399e269772661'\n"
        "import hashlib\n"
        "assert hashlib.blake2b(b'a').digest_size == 64\n"
        "filetables.md5(b'b')\n"
        "assert sys.modules['hashlib'] is hashlib\n"  # a call after the real import imports nothing again
        "from newsidx.archive import Archive\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
