"""The second fast reader: PyYAML's C parser and composer with YAML 1.2 resolvers taken from
ruamel itself, constructing only the kinds of value a registry file holds. Anything else (tags,
anchors and aliases, duplicate keys, merge keys, other number forms, impossible dates, any error)
raises `Unsure`, and the reference reader decides (see `yamlfast`, which calls this only for text
the Rust reader left)."""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml
from ruamel.yaml.resolver import implicit_resolvers

_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


class Unsure(Exception):
    """This file needs the reference loader."""


if not hasattr(yaml, "CSafeLoader"):
    # A PyYAML built without libyaml has no C loader: this reader is then not there at all, and
    # `yamlfast.load_c` leaves every text to the reference reader.
    raise ImportError("PyYAML without its C loader (libyaml)")


class _Loader(yaml.CSafeLoader):
    # Own tables, not PyYAML's YAML 1.1 ones: filled by _install() below.
    yaml_implicit_resolvers = {}  # noqa: RUF012
    yaml_constructors: ClassVar[dict[Any, Any]] = {}

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        # A node reached twice comes through an alias: let the reference loader refuse it.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise Unsure
        return super().construct_object(node, deep)


def _diverge(loader: _Loader, node: Any) -> Any:
    raise Unsure


def _map(loader: _Loader, node: Any) -> Any:
    data: dict[Any, Any] = {}
    yield data
    for key_node, value_node in node.value:
        if key_node.tag == _TAG + "merge":
            raise Unsure
        key = loader.construct_object(key_node)
        try:
            if key in data:
                raise Unsure  # duplicate key
        except TypeError:
            raise Unsure from None  # an unhashable key
        data[key] = loader.construct_object(value_node)


def _seq(loader: _Loader, node: Any) -> Any:
    data: list[Any] = []
    yield data
    data.extend(loader.construct_object(child) for child in node.value)


def _int(loader: _Loader, node: Any) -> int:
    if not _INT.match(node.value):
        raise Unsure  # 0x.., 0o.., 1_000: the reference decides
    return int(node.value)


def _float(loader: _Loader, node: Any) -> float:
    if not _FLOAT.match(node.value):
        raise Unsure
    return float(node.value)


def _date(loader: _Loader, node: Any) -> Any:
    if not _DATE.match(node.value):
        raise Unsure  # a timestamp with a time of day
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        raise Unsure from None  # 2026-02-30: the reference reports it


def _install() -> None:
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            for char in first:  # "" holds the resolvers of the empty scalar, as in PyYAML
                _Loader.yaml_implicit_resolvers.setdefault(char, []).append((tag, regexp))
    constructors = {
        "str": yaml.constructor.SafeConstructor.construct_yaml_str,
        "seq": _seq,
        "map": _map,
        "bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
        "null": yaml.constructor.SafeConstructor.construct_yaml_null,
        "int": _int,
        "float": _float,
        "timestamp": _date,
    }
    for name, function in constructors.items():
        _Loader.add_constructor(_TAG + name, function)
    _Loader.add_constructor(None, _diverge)


_install()


def load(text: str) -> Any:
    """The document in `text`, or Unsure."""
    try:
        return yaml.load(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        raise Unsure from None
