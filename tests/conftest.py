"""Shared by every test folder: this folder is on sys.path, so ``live_repo`` can be imported.

The scorer's cache of checked gold (newsgold.cache) goes to a folder of this run, never to the
user's cache; tests of the cache point it elsewhere themselves.
"""

import atexit
import os
import shutil
import tempfile

os.environ["NEWSGOLD_CACHE_DIR"] = tempfile.mkdtemp(prefix="newsgold-test-cache-")
atexit.register(shutil.rmtree, os.environ["NEWSGOLD_CACHE_DIR"], True)
