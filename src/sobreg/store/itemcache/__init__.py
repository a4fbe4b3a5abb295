"""The item cache (cache kind `items`): each registry file's verdict and summary, kept by a key
of its path and bytes, and the stats that let a scan trust a file without reading it, the way
git's index does. One unit with this interface; nothing outside imports its modules:

- `scanning`: the files' verdicts or summaries, from the cache where their content is known, the
  rest analysed here and in forked children; `unchanged_keys`: the content keys of a listing
  when no file's stat changed since its last scan;
- `held`: the stores as one scan holds them (`ItemCache`), and where what it adds is written;
- `stores`: the stores on disk and the records they hold.

May import `store.cache`, `store.parallel`, `store.registry` and models.
"""

from sobreg.store.itemcache.held import ItemCache
from sobreg.store.itemcache.scanning import Analyse, Listing, Scanned, scan, unchanged_keys
from sobreg.store.itemcache.stores import SEARCH, cached_search, cached_summaries

__all__ = [
    "SEARCH",
    "Analyse",
    "ItemCache",
    "Listing",
    "Scanned",
    "cached_search",
    "cached_summaries",
    "scan",
    "unchanged_keys",
]
