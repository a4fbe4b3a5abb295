"""The item cache as one scan holds it: the stores read once (each only by a command that needs
it), what the scan adds, and where that is written when the scan ends.

What a scan adds goes to the small recent store while it holds few entries (`RECENT`): a report
after one edit, a republish after one program changed or pre-commit's check of a staged file
writes that file's entries, not the 10,000 of the other stores. When the recent store would hold
more, everything is written into the other stores and the recent store starts empty again.
"""

from __future__ import annotations

import os
from typing import Any

from sobreg.store import cache
from sobreg.store.cache import RACY_NS
from sobreg.store.itemcache.stores import (
    Recent,
    Stat,
    entries,
    hash_file,
    load_recent,
    read_store,
    save_recent,
    store_file,
    without_search,
    write_store,
)
from sobreg.store.registry import Registry, git_dir

# Entries (stats, verdicts, summaries) the recent store holds before everything is written into
# the other stores: a few hundred files changed since they were written.
RECENT = 256


class ItemCache:
    """The stores as one scan sees them: verdicts (what `validate` needs) and summaries (for
    reports), with the recent store's entries taken in.

    A `named` cache (a check of a few files named on the command line) reads and writes the
    recent store only: its files are read and hashed (a few reads cost less than loading every
    file's stat), and a verdict kept by any earlier scan since the stores were written is used;
    a whole cache takes the recent store in too, so a file pre-commit checked is not validated
    again."""

    def __init__(self, registry: Registry, named: bool = False) -> None:
        found = git_dir(registry.root)
        self.files = {
            "verdicts": store_file(found, "verdicts"),
            "summaries": store_file(found, "summaries"),
            "search": store_file(found, "search"),
            "recent": store_file(found, "recent"),
        }
        self.fingerprint = cache.fingerprint(registry.root)
        self.named = named
        self.recent: Recent = load_recent(self.files["recent"], self.fingerprint)
        data = {} if named else read_store(self.files["verdicts"])
        fresh = data.get("fingerprint") == self.fingerprint
        self.stats: dict[str, Stat] = data.get("stats", {}) if fresh else {}
        self.written = int(data.get("written", 0)) if fresh else 0
        # Stats the recent store is sure of are trusted whatever this store's own writing
        # (`known_stat`); they are newer than this store's for the same file.
        self.sure = self.recent.sure()
        self.stats.update(self.sure)
        self.verdicts: dict[str, Any] = data.get("entries", {}) if fresh else {}
        for key, verdict in self.recent.verdicts.items():
            self.verdicts.setdefault(key, verdict)
        self.recorded: set[str] = set()  # files whose stat this process took (see `save`)
        self._summaries: dict[str, Any] | None = None
        self.added_verdicts: dict[str, Any] = {}
        self.added_summaries: dict[str, Any] = {}

    @property
    def summaries(self) -> dict[str, Any]:
        if self._summaries is None:
            self._summaries = entries(self.files["summaries"], self.fingerprint)
            for key, summary in self.recent.summaries.items():
                self._summaries.setdefault(key, summary)
        return self._summaries

    def known_keys(self) -> set[str]:
        """Every content key something is kept of (that this scan read): what a scan of some
        files keeps when it saves."""
        return {*self.verdicts, *self.recent.summaries, *(self._summaries or ())}

    def add_verdict(self, key: str, verdict: Any) -> None:
        self.verdicts[key] = verdict
        self.added_verdicts[key] = verdict

    def add_summary(self, key: str, summary: dict[str, Any]) -> None:
        self.summaries[key] = summary
        self.added_summaries[key] = summary

    def record(self, rel: str, stamp: tuple[int, int, int, int], key: str) -> None:
        """A file's stat as this process took it, with its content key."""
        self.stats[rel] = (*stamp, key)
        self.recorded.add(rel)
        self.sure.pop(rel, None)

    def answers(self, key: str, summaries: bool) -> bool:
        """Whether a verdict (or with `summaries`, a summary) of this content is kept."""
        if summaries:
            return isinstance(self.summaries.get(key), dict)
        return key in self.verdicts

    def known(self, path: str, rel: str) -> str | None:
        """The content key of a file whose stat says it is unchanged since it was hashed, else
        None: then the file must be read."""
        return self.known_stat(os.stat(path), rel)

    def known_stat(self, st: os.stat_result, rel: str) -> str | None:
        """`known`, from a stat already taken."""
        known = self.stats.get(rel)
        # ctime too: nothing in user space can set it back, so a rewrite that restores the
        # size and mtime is still seen.
        stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        if not known or known[:4] != stamp:
            return None
        if st.st_mtime_ns < self.written - RACY_NS or rel in self.sure:
            return known[4]
        return None

    def key(self, path: str, rel: str) -> tuple[str, bytes | None]:
        """The content key of a file, and its bytes when they had to be read."""
        found = self.known(path, rel)
        if found is not None:
            return found, None
        stamp, digest, data = hash_file(path, rel)
        self.record(rel, stamp, digest)
        return digest, data

    def save(self, keep: set[str]) -> None:
        """Write what this scan added (of the entries whose keys are in `keep`): to the recent
        store while it stays small, else into the other stores."""
        file = self.files["recent"]
        if file is None or not (self.added_verdicts or self.added_summaries or self.recorded):
            return
        if not self.named and (
            _more_than(RECENT, self.added_verdicts, keep)
            or _more_than(RECENT, self.added_summaries, keep)
        ):
            # Surely too many for the recent store (a first scan adds every file's): straight
            # into the other stores, without first gathering every stat and verdict for it.
            recent = self._recent_after(keep, entries=False)
            save_recent(file, self.fingerprint, self._write_all(keep, recent))
            return
        recent = self._recent_after(keep)
        if self.named and recent.size > RECENT:  # the others are not read here: keep the newest
            recent.verdicts = _newest(recent.verdicts, RECENT)
            recent.stats = _newest(recent.stats, RECENT)
        if self.named or recent.size <= RECENT:
            save_recent(file, self.fingerprint, recent)
            return
        save_recent(file, self.fingerprint, self._write_all(keep, recent))

    def _recent_after(self, keep: set[str], entries: bool = True) -> Recent:
        """The recent store after this scan; without its stats and verdicts (`entries` false)
        when they go into the other stores anyway."""
        old = self.recent
        stats: dict[str, Stat] = {}
        verdicts: dict[str, Any] = {}
        if entries:
            # A stat the old recent store was not sure of is dropped, not carried into a store
            # written later, which would trust it; the next scan of that file reads it again
            # (git smudges racily clean index entries for the same reason).
            stats = {rel: stat for rel, stat in self.sure.items() if stat[4] in keep}
            stats.update(
                (rel, self.stats[rel]) for rel in self.recorded if self.stats[rel][4] in keep
            )
            verdicts = {k: v for k, v in old.verdicts.items() if k in keep}
            verdicts.update((k, v) for k, v in self.added_verdicts.items() if k in keep)
        summaries = {k: v for k, v in old.summaries.items() if k in keep}
        search = {k: v for k, v in old.search.items() if k in keep}
        for key, summary in self.added_summaries.items():
            if key in keep:
                summaries[key] = without_search(key, summary, search)
        return Recent(old.written, stats, verdicts, summaries, search)

    def _write_all(self, keep: set[str], recent: Recent) -> Recent:
        """Everything known, the recent store's entries (`recent`, with this scan's) included,
        into the other stores: the verdicts and stats, and the summaries when this scan read
        them (a report). What is left for the recent store is returned: a validating scan
        leaves the summaries where they are."""
        verdicts, summaries, searched = (self.files[n] for n in ("verdicts", "summaries", "search"))
        if verdicts is None or summaries is None or searched is None:
            return recent
        racy = self.written - RACY_NS
        trusted = {
            rel: stat
            for rel, stat in self.stats.items()
            if stat[4] in keep and (stat[0] < racy or rel in self.recorded or rel in self.sure)
        }
        kept_verdicts = {k: v for k, v in self.verdicts.items() if k in keep}
        write_store(
            verdicts, {"fingerprint": self.fingerprint, "stats": trusted, "entries": kept_verdicts}
        )
        if self._summaries is None:
            return Recent(summaries=recent.summaries, search=recent.search)
        records = {k: v for k, v in entries(searched, self.fingerprint).items() if k in keep}
        records.update(recent.search)
        cached_summaries = {
            key: without_search(key, summary, records)
            for key, summary in self._summaries.items()
            if key in keep and isinstance(summary, dict)
        }
        write_store(summaries, {"fingerprint": self.fingerprint, "entries": cached_summaries})
        write_store(searched, {"fingerprint": self.fingerprint, "entries": records})
        return Recent()


def _more_than(limit: int, added: dict[str, Any], keep: set[str]) -> bool:
    """Whether more than `limit` of the keys in `added` are kept (counted only that far)."""
    count = 0
    for key in added:
        if key in keep:
            count += 1
            if count > limit:
                return True
    return False


def _newest(found: dict[str, Any], count: int) -> dict[str, Any]:
    """The last `count` entries of `found` (added in order, so the newest)."""
    return dict(list(found.items())[max(0, len(found) - count) :])
