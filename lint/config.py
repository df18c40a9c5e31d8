"""Configuration: the shipped defaults (``config.yml``) merged with the user's file.

The user's file is ``newslint.yml`` or ``.newslint.yml`` in the current folder
or a parent, or the one given with ``--config``. YAML is read with the safe
loader only. Every mistake is reported with the file and line it sits on.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from lint.api import rule_matches
from lint.i18n import _
from lint.model import SEVERITY_NAMES, Severity

CONFIG_NAMES = ("newslint.yml", ".newslint.yml")

TOP_KEYS = {
    "extends": "another config file to start from (a path relative to this one)",
    "plugins": "local plugin modules to load (paths relative to this file)",
    "block-plugins": "plugin names not to load",
    "select": "rule names or code prefixes to run (empty: every rule not off)",
    "ignore": "rule names or code prefixes not to run",
    "include": "gitignore-style patterns of files to lint when walking folders",
    "exclude": "gitignore-style patterns of files and folders to skip",
    "fail-on": "lowest severity that makes the exit status 1",
    "encoding": "input encoding to use instead of detection (e.g. gb18030)",
    "html-content": "full HTML pages: lint the article only (article) or all the page's copy (all)",
    "cache-dir": "folder for the findings cache (relative to the config file)",
    "lang": "language of messages and docs: en, zh (zh-Hans) or zh-Hant (null: the locale's)",
    "rules": "per-rule severity and options",
    "overrides": "per-file settings: a list of {files: [...], select, ignore, rules, html-content}",
}


class ConfigError(Exception):
    """Config mistakes; ``str()`` is one line per mistake, each naming its file and line."""

    def __init__(self, message: str = "", problems: Optional[list[str]] = None):
        self.problems = list(problems) if problems else [message]
        super().__init__("\n".join(self.problems))


MAX_DEPTH = 64  # nesting of YAML values (a config needs 5)
MAX_ALIASED_VALUES = 10000  # values reached through YAML aliases


class _Located:
    """Values from a YAML file with the line each one was written on."""

    def __init__(self, path: str, text: str):
        import yaml

        _SafeLoader = _safe_loader()
        self.path = path
        self.lines: dict[tuple, int] = {}
        try:
            node = yaml.compose(text, Loader=_SafeLoader)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
            where = f"{path}:{mark.line + 1}" if mark else path
            problem = getattr(err, "problem", None) or str(err)
            raise ConfigError(_("{where}: malformed YAML: {problem}", where=where, problem=problem)) from None
        self._seen: set = set()  # ids of nodes built: a second visit comes through an alias
        self._aliased = 0  # values built through aliases (a 'billion laughs' bomb has billions)
        self.value = self._build(node, ()) if node is not None else {}

    def _build(self, node, key_path: tuple, aliased: bool = False):
        import yaml

        _SafeLoader = _safe_loader()
        line = node.start_mark.line + 1
        if len(key_path) > MAX_DEPTH:
            raise ConfigError(
                _("{path}:{line}: values nested more than {n} deep", path=self.path, line=line, n=MAX_DEPTH)
            )
        aliased = aliased or id(node) in self._seen
        self._seen.add(id(node))
        if aliased:
            self._aliased += 1
            if self._aliased > MAX_ALIASED_VALUES:
                raise ConfigError(
                    _(
                        "{path}:{line}: YAML aliases expand to more than {n} values (an alias bomb?); refused",
                        path=self.path,
                        line=line,
                        n=MAX_ALIASED_VALUES,
                    )
                )
        # a mapping key's own line wins over the line its value starts on
        self.lines.setdefault(key_path, line)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            raise ConfigError(
                _(
                    "{path}:{line}: YAML tag {tag!r} is not allowed: the config is plain data",
                    path=self.path,
                    line=line,
                    tag=node.tag,
                )
            )
        if isinstance(node, yaml.MappingNode):
            out = {}
            for k, v in node.value:
                if not isinstance(k, yaml.ScalarNode):
                    raise ConfigError(
                        _("{path}:{line}: keys must be plain names", path=self.path, line=k.start_mark.line + 1)
                    )
                key = k.value
                if key in out:
                    raise ConfigError(
                        _("{path}:{line}: duplicate key {key!r}", path=self.path, line=k.start_mark.line + 1, key=key)
                    )
                self.lines[key_path + (key,)] = k.start_mark.line + 1
                out[key] = self._build(v, key_path + (key,), aliased)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self._build(v, key_path + (i,), aliased) for i, v in enumerate(node.value)]
        loader = _SafeLoader("")
        try:
            return loader.construct_object(node, deep=True)
        except yaml.YAMLError as err:
            raise ConfigError(f"{self.path}:{node.start_mark.line + 1}: {err}") from None

    def line(self, key_path) -> int:
        key_path = tuple(key_path)
        while key_path and key_path not in self.lines:
            key_path = key_path[:-1]
        return self.lines.get(key_path, 1)


def _safe_loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> _Located:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(_("{path}: config file not found", path=str(path))) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(_("{path}: cannot read config: {reason}", path=str(path), reason=str(err))) from None
    loc = _Located(str(path), text)
    if loc.value in (None, ""):
        loc.value = {}
    if not isinstance(loc.value, dict):
        raise ConfigError(_("{path}:1: the config must be a mapping of keys to values", path=str(path)))
    return loc


def defaults_path() -> Path:
    """config.yml ships inside the package (wheel); in a source checkout it sits at the top."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "config.yml", here.parent / "config.yml"):
        if candidate.is_file():
            return candidate
    raise ConfigError(f"newslint's default config.yml is missing (looked beside {here})")


def _load_defaults(dpath: Path) -> dict:
    """The shipped config.yml, parsed. The parse is cached beside the
    entry-point cache (keyed by the file's size and modification time), so a
    run without a user config never imports the YAML library."""
    from lint.usercache import prune, read_cached, user_cache_dir, write_cached

    st = dpath.stat()
    key = f"{dpath}:{st.st_size}:{st.st_mtime_ns}"
    cache = os.path.join(user_cache_dir(), "defaults.marshal")
    cached = read_cached(cache)
    if isinstance(cached, dict) and cached.get("key") == key and isinstance(cached.get("data"), dict):
        return cached["data"]
    import yaml

    with open(dpath, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_safe_loader()) or {}
    try:
        write_cached(cache, {"key": key, "data": data})
        prune(os.path.dirname(cache), "defaults", ".json", keep=0)  # the JSON file of earlier releases
    except (OSError, ValueError):
        pass
    return data


def find_user_config(start: Optional[Path] = None) -> Optional[Path]:
    cur = (start or Path.cwd()).resolve()
    for folder in (cur, *cur.parents):
        for name in CONFIG_NAMES:
            p = folder / name
            if p.is_file():
                return p
    return None


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


@dataclass
class RuleSettings:
    severity: Severity
    options: dict


@dataclass
class Config:
    """The effective configuration of one run."""

    data: dict
    root: Path  # folder that relative patterns and plugin paths are resolved against
    sources: list[str] = field(default_factory=list)  # files it was read from, defaults first
    plugin_base: dict = field(default_factory=dict)  # plugin path -> folder of the file naming it
    located: list = field(default_factory=list, repr=False)  # the user's files, with line numbers
    defaults: Optional[dict] = field(default=None, repr=False)  # the shipped config.yml, before the user's files

    # --- views -------------------------------------------------------------
    @property
    def fail_on(self) -> Severity:  # noqa: D401
        return Severity.parse(self.data.get("fail-on", "error"))

    @property
    def plugins(self) -> list[Path]:
        out = []
        # plugins are loaded before validate() runs: skip wrong types, validate() names them
        plugins = self.data.get("plugins")
        for p in plugins if isinstance(plugins, list) else []:
            if not isinstance(p, str):
                continue
            base = Path(self.plugin_base.get(p, self.root))
            out.append((base / p).resolve())
        return out

    @property
    def blocked(self) -> list[str]:
        blocked = self.data.get("block-plugins")
        return [b for b in blocked if isinstance(b, str)] if isinstance(blocked, list) else []

    def reader_options(self, rel_path: Optional[str] = None) -> dict:
        """Reader settings for a file: ``encoding`` and ``html-content``
        (an override matching ``rel_path`` may set ``html-content``)."""
        content = self.data.get("html-content")
        if rel_path is not None:
            for ov in self.data.get("overrides") or []:
                if isinstance(ov, dict) and "html-content" in ov and _matches(ov.get("files") or [], rel_path):
                    content = ov["html-content"]
        return {"encoding": self.data.get("encoding"), "html-content": content or "article"}

    def with_cli(self, select=None, ignore=None, fail_on=None, encoding=None, html_content=None) -> "Config":
        data = copy.deepcopy(self.data)
        if select is not None:
            data["select"] = select
        if ignore is not None:
            data["ignore"] = list(data.get("ignore") or []) + ignore
        if fail_on is not None:
            data["fail-on"] = fail_on
        if encoding is not None:
            data["encoding"] = encoding
        if html_content is not None:
            data["html-content"] = html_content
            # the command line wins over the config's per-file settings too
            for ov in data.get("overrides") or []:
                if isinstance(ov, dict):
                    ov.pop("html-content", None)
        return Config(data, self.root, self.sources, self.plugin_base, self.located, self.defaults)

    def resolve_codes(self, registry) -> None:
        """Rename rule codes used as keys under ``rules:`` (``NL101:``) to rule
        names, in place. Files are merged again in order with codes renamed, so a
        code in a later file overrides the name in an earlier one and vice versa."""
        names = {cls.code: name for name, cls in registry.checks.items()}

        def has_codes(rules) -> bool:
            return isinstance(rules, dict) and any(k in names for k in rules)

        def rename(rules: dict) -> dict:
            out: dict = {}
            for k, v in rules.items():
                n = names.get(k, k)
                out[n] = _merge(out.get(n) or {}, v or {}) if n in out else v
            return out

        overrides = (
            [ov for ov in self.data.get("overrides") or [] if isinstance(ov, dict)]
            if isinstance(self.data.get("overrides"), list)
            else []
        )
        if not has_codes(self.data.get("rules")) and not any(has_codes(ov.get("rules")) for ov in overrides):
            return
        if has_codes(self.data.get("rules")):
            if self.defaults is not None and self.located:
                rules: dict = {}
                for layer in [self.defaults] + [loc.value for loc in self.located]:
                    if isinstance(layer.get("rules"), dict):
                        rules = _merge(rules, rename(layer["rules"]))
            else:
                rules = rename(self.data["rules"])
            self.data["rules"] = rules
        for ov in overrides:
            if has_codes(ov.get("rules")):
                ov["rules"] = rename(ov["rules"])
        for section in [self.data.get("rules") or {}] + [ov.get("rules") or {} for ov in overrides]:
            for settings in section.values() if isinstance(section, dict) else ():
                if isinstance(settings, dict) and settings.get("severity") is False:
                    settings["severity"] = "off"

    def rule_settings(self, registry, rel_path: Optional[str] = None) -> dict[str, RuleSettings]:
        """Enabled rules for a file: name -> severity and options."""
        data = self.data
        ignore = list(data.get("ignore") or [])
        if rel_path is not None:
            for ov in self.data.get("overrides") or []:
                if _matches(ov.get("files") or [], rel_path):
                    # an override's select replaces, its ignore adds, its rules merge
                    data = _merge(data, {k: v for k, v in ov.items() if k not in ("files", "ignore")})
                    ignore += ov.get("ignore") or []
        select = data.get("select") or []
        out: dict[str, RuleSettings] = {}
        for name, cls in registry.checks.items():
            settings = (data.get("rules") or {}).get(name) or {}
            sev = Severity.parse(_severity_value(settings.get("severity", cls.severity)))
            explicitly = any(s in (name, cls.code) for s in select)
            if select and not explicitly and not any(_rule_matches(s, name, cls.code) for s in select):
                continue
            if any(_rule_matches(s, name, cls.code) for s in ignore):
                continue
            if sev == Severity.OFF:
                if not explicitly:
                    continue
                sev = Severity.parse(cls.severity) if cls.severity != "off" else Severity.WARNING
            opts = dict(cls.options)
            opts.update({k: v for k, v in settings.items() if k != "severity"})
            out[name] = RuleSettings(sev, opts)
        return out

    def is_included(self, rel_path: str) -> bool:
        return _matches(self.data.get("include") or [], rel_path)

    def is_excluded(self, rel_path: str, is_dir: bool = False) -> bool:
        return _matches(self.data.get("exclude") or [], rel_path + ("/" if is_dir else ""))


def _severity_value(value: Any) -> str:
    """YAML 1.1 reads a bare ``off`` as false; it means the severity "off"."""
    return "off" if value is False else value


def _rule_matches(selector: str, name: str, code: str) -> bool:
    """``select``/``ignore`` also take ``ALL``."""
    return selector == "ALL" or rule_matches(selector, name, code)


_SPEC_CACHE: dict[tuple, Any] = {}


def _matches(patterns: list[str], rel_path: str) -> bool:
    if not patterns:
        return False
    key = tuple(patterns)
    spec = _SPEC_CACHE.get(key)
    if spec is None:
        import pathspec

        try:
            spec = pathspec.PathSpec.from_lines("gitignore", patterns)
        except (KeyError, LookupError):  # pathspec < 1.0 names the same syntax gitwildmatch
            spec = pathspec.PathSpec.from_lines("gitwildmatch", patterns)
        _SPEC_CACHE[key] = spec
    return spec.match_file(rel_path)


# --- loading ---------------------------------------------------------------------


def load_config(
    path: Optional[str | os.PathLike] = None,
    *,
    no_config: bool = False,
    cwd: Optional[Path] = None,
) -> Config:
    """Defaults, then the user's file (found or given). Validation of rule names
    and options happens in :func:`validate` once plugins are loaded."""
    dpath = defaults_path()
    defaults = _load_defaults(dpath)
    cwd = cwd or Path.cwd()
    user: Optional[Path] = None
    if path is not None:
        user = Path(path)
    elif not no_config:
        user = find_user_config(cwd)
    if user is None:
        return Config(defaults, cwd.resolve(), [str(dpath)])
    chain = _load_chain(user, [])
    data = defaults
    plugin_base: dict = {}
    for loc in chain:
        layer = {k: v for k, v in loc.value.items() if k != "extends"}
        # wrong types are reported by validate(); here they must only not crash
        for p in layer["plugins"] if isinstance(layer.get("plugins"), list) else []:
            if isinstance(p, str):
                plugin_base[p] = str(Path(loc.path).resolve().parent)
        if "plugins" in layer and isinstance(layer["plugins"], list):
            before = data["plugins"] if isinstance(data.get("plugins"), list) else []
            merged = before + layer["plugins"]  # de-duplicated in order (entries may be unhashable)
            layer["plugins"] = [x for i, x in enumerate(merged) if x not in merged[:i]]
        data = _merge(data, layer)
    overrides = data["overrides"] if isinstance(data.get("overrides"), list) else []
    for section in [data.get("rules") or {}] + [ov.get("rules") or {} for ov in overrides if isinstance(ov, dict)]:
        for settings in section.values() if isinstance(section, dict) else ():
            if isinstance(settings, dict) and settings.get("severity") is False:
                settings["severity"] = "off"
    return Config(data, user.resolve().parent, [str(dpath)] + [loc.path for loc in chain], plugin_base, chain, defaults)


def _load_chain(path: Path, seen: list[Path]) -> list[_Located]:
    rp = path.resolve()
    if rp in seen:
        raise ConfigError(_("{path}: 'extends' loops back to this file", path=str(path)))
    loc = _read_yaml(path)
    ext = loc.value.get("extends")
    chain: list[_Located] = []
    if ext is not None:
        if not isinstance(ext, str):
            raise ConfigError(
                _("{path}:{line}: 'extends' must be a file path", path=loc.path, line=loc.line(("extends",)))
            )
        chain = _load_chain(rp.parent / ext, seen + [rp])
    return chain + [loc]


def schema_for(registry) -> dict:
    """The JSON schema of a user config, given the loaded rules: each option's
    schema comes from its declaration on the rule (:class:`lint.api.Option`)."""
    pattern_list = {"type": "array", "items": {"type": "string"}}
    rule_props = {}
    for name, cls in registry.checks.items():
        props = {"severity": {"enum": list(SEVERITY_NAMES) + [False]}}  # YAML 1.1 reads a bare off as false
        for opt, spec in cls.declared_options().items():
            props[opt] = spec.schema()
        rule_props[name] = rule_props[cls.code] = {
            "type": ["object", "null"],
            "properties": props,
            "additionalProperties": False,
        }
    rules = {"type": "object", "properties": rule_props, "additionalProperties": False}
    selector = {"type": "array", "items": {"type": "string"}}
    html_content = {"enum": ["article", "all"]}
    per_file = {
        "type": "object",
        "properties": {
            "files": pattern_list,
            "select": selector,
            "ignore": selector,
            "rules": rules,
            "html-content": html_content,
        },
        "required": ["files"],
        "additionalProperties": False,
    }
    top = {
        "extends": {"type": "string"},
        "plugins": pattern_list,
        "block-plugins": pattern_list,
        "select": selector,
        "ignore": selector,
        "include": pattern_list,
        "exclude": pattern_list,
        "fail-on": {"enum": list(SEVERITY_NAMES)},
        "encoding": {"type": ["string", "null"]},
        "html-content": html_content,
        "cache-dir": {"type": ["string", "null"]},
        "lang": {"enum": [None, "en", "zh", "zh-Hans", "zh-Hant", "zh_Hans", "zh_Hant"]},
        "rules": rules,
        "overrides": {"type": "array", "items": per_file},
    }
    assert set(top) == set(TOP_KEYS)
    return {"type": "object", "properties": top, "additionalProperties": False}


def validate(cfg: Config, registry) -> None:
    """Check the user's files against the schema the loaded rules imply, and
    that selectors name real rules. Raises one ConfigError listing every
    mistake, each with its file and line; then renames rule codes to names."""
    chain: list[_Located] = cfg.located
    if chain:
        import jsonschema

        validator = jsonschema.Draft7Validator(schema_for(registry))
        codes = {cls.code for cls in registry.checks.values()}
        problems: list[tuple] = []
        for n, loc in enumerate(chain):
            found: list[tuple] = []
            for err in validator.iter_errors(loc.value):
                for key_path, msg in _explain(err, registry):
                    found.append((loc.line(key_path), msg))
            found.extend(_check_selectors(loc, registry, codes))
            found.extend(_check_rule_twice(loc, registry))
            problems.extend(
                (n, line, _("{path}:{line}: {problem}", path=loc.path, line=line, problem=msg))
                for line, msg in sorted(set(found))
            )
        if problems:
            raise ConfigError(problems=[p for _n, _line, p in sorted(problems, key=lambda p: (p[0], p[1]))])
    cfg.resolve_codes(registry)


def _check_selectors(loc: _Located, registry, codes: set) -> list[tuple]:
    out = []

    def check(values, key_path):
        for i, s in enumerate(values if isinstance(values, list) else []):
            if not isinstance(s, str) or s == "ALL" or s in registry.checks or any(c.startswith(s) for c in codes):
                continue  # a non-string is a type error the schema reports
            near = _near(s, list(registry.checks) + sorted(codes))
            out.append(
                (
                    loc.line(key_path + (i,)),
                    _("{key}: no rule is named or coded {value!r}{hint}", key=key_path[-1], value=s, hint=near),
                )
            )

    check(loc.value.get("select"), ("select",))
    check(loc.value.get("ignore"), ("ignore",))
    overrides = loc.value.get("overrides")
    for j, ov in enumerate(overrides if isinstance(overrides, list) else []):
        if isinstance(ov, dict):
            check(ov.get("select"), ("overrides", j, "select"))
            check(ov.get("ignore"), ("overrides", j, "ignore"))
    return out


def _check_rule_twice(loc: _Located, registry) -> list[tuple]:
    """A rule configured under both its name and its code in one mapping."""
    out = []
    overrides = loc.value.get("overrides")
    sections = [(("rules",), loc.value.get("rules"))] + [
        (("overrides", j, "rules"), ov.get("rules"))
        for j, ov in enumerate(overrides if isinstance(overrides, list) else [])
        if isinstance(ov, dict)
    ]
    for key_path, rules in sections:
        if not isinstance(rules, dict):
            continue
        for name, cls in registry.checks.items():
            if name in rules and cls.code in rules:
                second = max((name, cls.code), key=lambda k: loc.line(key_path + (k,)))
                out.append(
                    (
                        loc.line(key_path + (second,)),
                        _(
                            "{where}: {code} and {name} name the same rule; configure it once",
                            where=".".join(map(str, key_path)),
                            code=cls.code,
                            name=name,
                        ),
                    )
                )
    return out


def _near(word: str, choices: list[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or ''."""
    from difflib import get_close_matches

    word = str(word)
    for c in choices:  # fail_on -> fail-on, WARNING -> warning
        if c.lower() == word.lower().replace("_", "-"):
            return _(" (did you mean {name!r}?)", name=c)
    near = get_close_matches(word, choices, n=1, cutoff=0.6) or [c for c in choices if c.startswith(word) and word]
    return _(" (did you mean {name!r}?)", name=near[0]) if near else ""


def _show(value: Any) -> str:
    """A config value as the user wrote it (YAML, not Python)."""
    if value is None:
        return _("null (empty)")
    if value is True or value is False:
        return str(value).lower()
    if isinstance(value, (list, dict)):
        import json

        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _explain(err, registry) -> list[tuple]:
    """``(key path, message)`` for each mistake one schema error stands for."""
    path = list(err.absolute_path)
    where = ".".join(str(p) for p in path) or _("config")
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        known = [k for k in err.schema.get("properties", {})]
        out = []
        for name in [k for k in err.instance if k not in known]:
            if path and path[-1] == "rules":
                names = list(registry.checks)
                hint = _near(name, names + [c.code for c in registry.checks.values()]) or _(" (see `newslint rules`)")
                msg = _("unknown rule {name!r}{hint}", name=name, hint=hint)
            elif len(path) >= 2 and path[-2] == "rules":
                opts = [k for k in known if k != "severity"]
                listing = _(" (options: {names})", names=", ".join(["severity", *opts]))
                msg = _(
                    "rule {rule!r} has no option {name!r}{hint}",
                    rule=path[-1],
                    name=name,
                    hint=_near(name, known) or listing,
                )
            else:
                hint = _near(name, known) or _(" (known keys: {names})", names=", ".join(sorted(known)))
                if path:
                    msg = _("unknown key {name!r} in {where}{hint}", name=name, where=where, hint=hint)
                else:
                    msg = _("unknown key {name!r}{hint}", name=name, hint=hint)
            out.append((path + [name], msg))
        return out
    if err.validator == "enum":
        choices = [v for v in err.validator_value if isinstance(v, str)]  # not YAML's false for off
        return [
            (
                path,
                _(
                    "{where}: {value} is not one of {choices}{hint}",
                    where=where,
                    value=_show(err.instance),
                    choices=", ".join(choices),
                    hint=_near(err.instance, choices),
                ),
            )
        ]
    if err.validator == "type":
        want = (
            err.validator_value
            if isinstance(err.validator_value, str)
            else " or ".join(t for t in err.validator_value if t != "null")
        )
        return [(path, _("{where}: expected {want}, got {value}", where=where, want=want, value=_show(err.instance)))]
    if err.validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        from lint.api import Option

        rng = Option(None, min=err.schema.get("minimum"), max=err.schema.get("maximum")).range_text()
        return [
            (
                path,
                _(
                    "{where}: {value} is out of range: it must be {range}",
                    where=where,
                    value=_show(err.instance),
                    range=rng,
                ),
            )
        ]
    if err.validator == "required":
        return [(path, f"{where}: {err.message}")]
    return [(path, f"{where}: {err.message}")]


def dump(cfg: Config) -> str:
    import yaml

    return yaml.safe_dump(cfg.data, sort_keys=False, allow_unicode=True)
