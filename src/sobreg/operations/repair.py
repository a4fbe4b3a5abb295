"""`repair`, as one transaction under the registry lock."""

from __future__ import annotations

from sobreg.audit import repair as mending
from sobreg.audit.lock import registry_lock
from sobreg.audit.repo import Git
from sobreg.store.registry import Registry


def repair(registry: Registry) -> mending.Report:
    """Complete or remove sobreg's own torn writes and name anything else."""
    git = Git(registry.root)
    with registry_lock(git.git_dir):
        return mending.repair(git, registry)
