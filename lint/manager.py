"""Loading plugins: entry points in the ``newslint`` group, plus local modules.

Built-in checks, formats and readers are registered through the same entry
point group as third-party packages, so the third-party path is exercised on
every run.
"""

from __future__ import annotations

import importlib
import os
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from types import FunctionType, ModuleType
from typing import Iterable, Optional

import pluggy

from lint import hookspecs
from lint.api import CODE_RE, NAME_RE, Check, Format, Reader
from lint.model import SEVERITY_NAMES
from lint.usercache import prune, read_cached, user_cache_dir, write_cached

GROUP = "newslint"


class PluginError(Exception):
    """A plugin that cannot be used; the message names it."""


@dataclass
class Registry:
    pm: pluggy.PluginManager
    checks: dict[str, type[Check]] = field(default_factory=dict)
    formats: dict[str, type[Format]] = field(default_factory=dict)
    readers: list[type[Reader]] = field(default_factory=list)
    plugins: list[str] = field(default_factory=list)

    def check_by_name_or_code(self, key: str) -> Optional[type[Check]]:
        if key in self.checks:
            return self.checks[key]
        for cls in self.checks.values():
            if cls.code == key.upper():
                return cls
        return None

    def reader_for(self, path: str) -> type[Reader]:
        lower = path.lower()
        fallback = None
        for r in self.readers:
            if any(lower.endswith(s) for s in r.suffixes):
                return r
            if "*" in r.suffixes and fallback is None:
                fallback = r
        if fallback is None:
            raise PluginError("no reader is registered for plain text (is the built-in 'read-text' plugin blocked?)")
        return fallback


def _installed_signature() -> str:
    """What decides the entry points: every distribution's metadata on sys.path.

    Cheap to compute (a directory listing and one stat per distribution), so
    the entry-point list can be cached between runs without importing
    importlib.metadata, which costs more than the rest of start-up.
    """
    parts = [sys.version]
    for folder in sys.path:
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        parts.append(folder)
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                ep = os.path.join(folder or ".", name, "entry_points.txt")
                try:
                    st = os.stat(ep)
                    stamp = f"{st.st_mtime_ns}:{st.st_size}"
                except OSError:
                    stamp = "-"
                parts.append(f"{name}={stamp}")
    # the whole text, compared whole: no digest (and no hashlib import) needed
    return "\n".join(parts)


def entry_points_for(group: str) -> list[tuple[str, str]]:
    """``(name, "module[:attr]")`` of the group's entry points, cached on disk by
    the installed-metadata signature (a cache failure only costs time)."""
    sig = _installed_signature()
    folder = user_cache_dir()
    tag = zlib.crc32(sig.encode("utf-8", "surrogateescape"))
    path = os.path.join(folder, f"entry-points-{group}-{tag:08x}.marshal")
    cached = read_cached(path)
    try:
        if cached.get("signature") == sig:
            return [(str(a), str(b)) for a, b in cached["entry_points"]]
    except (AttributeError, KeyError, TypeError, ValueError):
        pass
    from importlib.metadata import entry_points

    seen: dict[str, str] = {}
    for ep in entry_points(group=group):
        seen.setdefault(ep.name, ep.value)
    eps = sorted(seen.items())
    try:
        write_cached(path, {"signature": sig, "entry_points": eps})
        prune(folder, f"entry-points-{group}-", ".marshal", keep=16)
        prune(folder, f"entry-points-{group}-", ".json", keep=0)  # the JSON files of earlier releases
    except OSError:
        pass
    return eps


def _load_entry_point(value: str) -> object:
    module, _, attr = value.partition(":")
    obj = importlib.import_module(module.strip())
    for part in attr.strip().split(".") if attr.strip() else ():
        obj = getattr(obj, part)
    return obj


def _load_local(path: Path) -> object:
    import importlib.util

    if not path.is_file():
        raise PluginError(f"local plugin {str(path)!r}: file not found")
    modname = "newslint_local_" + "".join(c if c.isalnum() else "_" for c in path.stem)
    spec = importlib.util.spec_from_file_location(modname, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"local plugin {str(path)!r}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[modname] = module
    try:
        spec.loader.exec_module(module)
    except Exception as err:  # noqa: BLE001 - any import failure is the plugin's
        sys.modules.pop(modname, None)
        raise PluginError(f"local plugin {str(path)!r} failed to import: {type(err).__name__}: {err}") from err
    return module


class _PluginManager(pluggy.PluginManager):
    """pluggy's manager, quicker to register a module: pluggy looks at every
    name in the module (imports, constants, classes) with
    ``inspect.getattr_static``; in a module only functions can carry a
    hook-implementation mark, so everything else is passed over (a third of
    start-up's registration time)."""

    def parse_hookimpl_opts(self, plugin, name):
        if isinstance(plugin, ModuleType):
            attr = plugin.__dict__.get(name)
            if not isinstance(attr, FunctionType) or f"{self.project_name}_impl" not in attr.__dict__:
                return None
        return super().parse_hookimpl_opts(plugin, name)


def load_plugins(local: Iterable[Path] = (), blocked: Iterable[str] = (), entry_point_group: str = GROUP) -> Registry:
    pm = _PluginManager(GROUP)
    pm.add_hookspecs(hookspecs)
    for name in blocked:
        pm.set_blocked(name)
    for name, value in entry_points_for(entry_point_group):
        if pm.is_blocked(name) or pm.get_plugin(name) is not None:
            continue
        try:
            plugin = _load_entry_point(value)
        except Exception as err:  # noqa: BLE001
            raise PluginError(f"plugin {name!r} ({value}) failed to import: {type(err).__name__}: {err}") from err
        _register(pm, plugin, name)
    for path in local:
        name = str(path)
        if pm.is_blocked(name) or pm.is_blocked(path.stem):
            continue
        _register(pm, _load_local(path), name)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as err:
        raise PluginError(f"plugin {pm.get_name(err.plugin)!r}: {err}") from None
    return _collect(pm)


def _register(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    try:
        pm.register(plugin, name=name)
    except ValueError as err:
        raise PluginError(f"plugin {name!r}: {err}") from None
    except pluggy.PluginValidationError as err:
        raise PluginError(f"plugin {name!r}: {err}") from None


def _call(pm, hook_name: str):
    """Call a register hook plugin by plugin, so errors name the plugin."""
    hook = getattr(pm.hook, hook_name)
    for impl in hook.get_hookimpls():  # registration order
        name = pm.get_name(impl.plugin) or repr(impl.plugin)
        try:
            result = impl.function()
        except Exception as err:  # noqa: BLE001
            raise PluginError(f"plugin {name!r}: {hook_name}() raised {type(err).__name__}: {err}") from err
        if result is None:
            continue
        if not isinstance(result, (list, tuple)):
            raise PluginError(f"plugin {name!r}: {hook_name}() must return a list, got {type(result).__name__}")
        for item in result:
            yield name, item


def _collect(pm: pluggy.PluginManager) -> Registry:
    reg = Registry(pm, plugins=[n for n in map(pm.get_name, pm.get_plugins()) if n is not None])
    codes: dict[str, str] = {}
    for plugin, cls in _call(pm, "newslint_register_checks"):
        if not (isinstance(cls, type) and issubclass(cls, Check)):
            raise PluginError(f"plugin {plugin!r}: register_checks returned {cls!r}, which is not a Check subclass")
        where = f"plugin {plugin!r}, check {cls.__name__}"
        if not NAME_RE.match(cls.name or ""):
            raise PluginError(f"{where}: invalid rule name {cls.name!r} (use kebab-case, e.g. 'house-style')")
        if not CODE_RE.match(cls.code or ""):
            raise PluginError(
                f"{where}: invalid code {cls.code!r} (use 1-4 capital letters and 3 digits, e.g. 'HS001')"
            )
        if cls.severity not in SEVERITY_NAMES:
            raise PluginError(f"{where}: invalid default severity {cls.severity!r}")
        if cls.name in reg.checks:
            raise PluginError(
                f"{where}: rule name {cls.name!r} is already used by plugin {reg.checks[cls.name].plugin!r}"
            )
        if cls.code in codes:
            raise PluginError(f"{where}: code {cls.code} is already used by rule {codes[cls.code]!r}")
        cls.plugin = plugin
        reg.checks[cls.name] = cls
        codes[cls.code] = cls.name
    for plugin, cls in _call(pm, "newslint_register_formats"):
        if not (isinstance(cls, type) and issubclass(cls, Format)) or not cls.name:
            raise PluginError(f"plugin {plugin!r}: register_formats returned {cls!r}, not a named Format subclass")
        if cls.name in reg.formats:
            raise PluginError(f"plugin {plugin!r}: format {cls.name!r} is already registered")
        reg.formats[cls.name] = cls
    for plugin, cls in _call(pm, "newslint_register_readers"):
        if not (isinstance(cls, type) and issubclass(cls, Reader)) or not cls.name:
            raise PluginError(f"plugin {plugin!r}: register_readers returned {cls!r}, not a named Reader subclass")
        reg.readers.append(cls)
    reg.checks = dict(sorted(reg.checks.items(), key=lambda kv: kv[1].code))
    return reg
