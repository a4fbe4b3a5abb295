"""`sync`: one transaction over the shared registry: fetch, renumber, rebase, validate, verify,
push (the git mechanics are in `audit.sync`)."""

from __future__ import annotations

from sobreg.audit import sync
from sobreg.audit.transaction import writing
from sobreg.engine import chain
from sobreg.errors import EnvironmentFailure, RefusedError
from sobreg.store import yamlio
from sobreg.store.registry import Registry
from sobreg.validation.check import check
from sobreg.validation.commits import verify


def reseal(path: str, text: str) -> str:
    """The text of a renumbered item with its chain's digests recomputed over the new id."""
    if not path.endswith((".yaml", ".yml")):
        return text
    try:
        doc = yamlio.load_roundtrip(text, path)
    except yamlio.YamlProblem:
        return text
    history = doc.get("history") if isinstance(doc, dict) else None
    if not isinstance(history, list) or not any(isinstance(e, dict) and e.get("digest")
                                                 for e in history):  # fmt: skip
        return text
    for index, (state, digest) in chain.relink(yamlio.to_plain(doc)).items():
        history[index]["state"] = state
        history[index]["digest"] = digest
    return yamlio.dump_roundtrip(doc)


def run(registry: Registry, actor: str) -> sync.Synced:
    """Fetch, renumber, rebase, validate, verify and push, as one attempt or a few."""
    result = sync.Synced()
    with writing(registry) as repo:
        git = repo
        if git.out("status", "--porcelain", "--untracked-files=no"):
            raise RefusedError("sync.dirty")
        remote, branch, upstream = sync.upstream(git)
        for _ in range(sync.ATTEMPTS):
            git.call("fetch", "--quiet", remote)
            if git.call("rev-parse", "--verify", "-q", upstream, ok=True).returncode == 0:
                result.renumbered += sync.renumber(git, registry, upstream, actor, reseal)
                base = git.out("merge-base", "HEAD", upstream)
                result.pulled += int(git.out("rev-list", "--count", f"HEAD..{upstream}"))
                rebased = git.call("rebase", "--quiet", upstream, ok=True,
                              env={"GIT_EDITOR": "true"})  # fmt: skip
                if rebased.returncode != 0:
                    git.call("rebase", "--abort", ok=True)
                    raise sync.conflict(git, registry, base, upstream)
                checked = check(registry)
                if not checked.ok:
                    raise RefusedError("sync.invalid", count=len(checked.errors))
                violations = verify(registry, upstream)
                if violations:
                    raise RefusedError("sync.unverified", count=len(violations))
                ahead = int(git.out("rev-list", "--count", f"{upstream}..HEAD"))
            else:
                ahead = int(git.out("rev-list", "--count", "HEAD"))
            if ahead == 0:
                return result
            pushed = git.call("push", "--quiet", remote, f"HEAD:{branch}", ok=True)
            if pushed.returncode == 0:
                result.pushed = ahead
                return result
        raise EnvironmentFailure("sync.push_failed", attempts=sync.ATTEMPTS)
