"""Build hook: compile the gettext catalogues (`.po`, edited by translators) to `.mo` files
beside them, for wheels and editable installs alike. Babel is a build dependency only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogues(root: Path) -> list[Path]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted((root / "src" / "sobreg" / "i18n" / "locale").glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as handle:
            write_mo(handle, catalogue)
        written.append(mo)
    return written


class CompileCatalogues(BuildHookInterface):  # type: ignore[misc,unused-ignore]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        compile_catalogues(Path(self.root))
