"""The admin in Vietnamese: which message catalogues the enabled apps bring, and the project's
own catalogue (``locale/vi``) that translates what their Vietnamese catalogues leave in English.

Wagtail and Django ship only part of their messages in Vietnamese. The project's translations
are written by hand in ``locale/vi/source/<app>[.djangojs].json`` (``msgid`` → ``msgstr``; a
key ``"<msgctxt>\\u0004<msgid>"`` for messages with a context; one string for plural messages,
Vietnamese having a single plural form). ``build()`` assembles them into
``locale/vi/LC_MESSAGES/{django,djangojs}.po`` and compiles the ``.mo`` files Django loads
through ``LOCALE_PATHS`` (they take precedence over the apps' own catalogues).
``report()`` counts per app what stays untranslated: ``bench/translations.py`` prints it.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings

LANGUAGE = "vi"
DOMAINS = ("django", "djangojs")
CONTEXT_SEPARATOR = "\x04"
HEADER = {
    "Project-Id-Version": "congan-portal",
    "Last-Translator": "Cổng TTĐT Công an Thành phố",
    "Language-Team": "Vietnamese",
    "Language": LANGUAGE,
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}
# Placeholders and markup a translation must keep exactly: %(name)s, %s, %d, {name}, {0}, tags.
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[\w.]*\}|</?[a-zA-Z][^>]*>")


def project_locale_dir() -> Path:
    return Path(settings.BASE_DIR) / "locale"


def source_dir() -> Path:
    return project_locale_dir() / LANGUAGE / "source"


def catalogue_path(domain: str, suffix: str = "po") -> Path:
    return project_locale_dir() / LANGUAGE / "LC_MESSAGES" / f"{domain}.{suffix}"


def key_of(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}{CONTEXT_SEPARATOR}{entry.msgid}" if entry.msgctxt else entry.msgid


def is_translated(entry: polib.POEntry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


@dataclass
class AppCatalogue:
    """One app's catalogue in one domain: its messages (from the English or any catalogue)
    and those its own Vietnamese catalogue translates."""

    label: str
    domain: str
    locale_dir: Path
    entries: dict[str, polib.POEntry] = field(default_factory=dict)
    translated_by_app: set[str] = field(default_factory=set)

    @property
    def source_name(self) -> str:
        return self.label if self.domain == "django" else f"{self.label}.{self.domain}"


def _template_po(locale_dir: Path, domain: str) -> Path | None:
    english = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
    if english.exists():
        return english
    # Some packages ship no English catalogue: any language's catalogue lists the same msgids.
    others = sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po"))
    return others[0] if others else None


def _locale_dirs() -> list[tuple[str, Path]]:
    """Django's own messages first (django/conf/locale), then every installed app outside the
    project that ships catalogues."""
    import django

    found = [("django", Path(django.__file__).parent / "conf" / "locale")]
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            continue  # the project's own apps write Vietnamese in their source
        locale_dir = path / "locale"
        if locale_dir.is_dir():
            found.append((config.name, locale_dir))
    return found


def _package_locale_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name) if importlib.util.find_spec(name.split(".")[0]) else None
    if spec is None or not spec.submodule_search_locations:
        return None
    locale_dir = Path(list(spec.submodule_search_locations)[0]) / "locale"
    return locale_dir if locale_dir.is_dir() else None


def app_catalogues(also: tuple[str, ...] = ()) -> list[AppCatalogue]:
    """The catalogues of the installed apps, and of the packages named in ``also`` (apps
    translated ahead of being enabled, e.g. ``wagtail.contrib.search_promotions``)."""
    catalogues = []
    dirs = _locale_dirs()
    installed = {label for label, _ in dirs}
    for name in also:
        if name not in installed and (locale_dir := _package_locale_dir(name)) is not None:
            dirs.append((name, locale_dir))
    for label, locale_dir in dirs:
        for domain in DOMAINS:
            template = _template_po(locale_dir, domain)
            if template is None:
                continue
            catalogue = AppCatalogue(label, domain, locale_dir)
            for entry in polib.pofile(str(template)):
                if not entry.obsolete and entry.msgid:
                    catalogue.entries[key_of(entry)] = entry
            own = locale_dir / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
            if own.exists():
                catalogue.translated_by_app = {key_of(e) for e in polib.pofile(str(own)) if is_translated(e)}
            catalogues.append(catalogue)
    return catalogues


def load_sources() -> dict[str, dict[str, str]]:
    """The hand-written translations, per source file name (``wagtail.admin``,
    ``wagtail.admin.djangojs``…)."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(source_dir().glob("*.json"))}


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


def check_translation(entry: polib.POEntry, msgstr: str) -> str | None:
    """Why a translation cannot be used, or None. A plural message is checked against its
    plural msgid: the single Vietnamese form must carry its count."""
    original = entry.msgid_plural or entry.msgid
    if not msgstr.strip():
        return "empty"
    expected, got = placeholders(original), placeholders(msgstr)
    if entry.msgid_plural:
        # "One item" / "%(count)s items": the single form keeps the plural's placeholders.
        expected = expected | placeholders(entry.msgid)
    if expected != got:
        return f"placeholders {dict(expected)} != {dict(got)}"
    return None


def project_catalogue(domain: str) -> polib.POFile:
    """The project's catalogue for one domain, assembled from the sources and the apps'
    message definitions (plural form, context, format flags)."""
    sources = load_sources()
    packages = tuple(name.removesuffix(".djangojs") for name in sources)
    catalogues = [c for c in app_catalogues(also=packages) if c.domain == domain]
    definitions: dict[str, polib.POEntry] = {}
    for catalogue in catalogues:
        for key, entry in catalogue.entries.items():
            definitions.setdefault(key, entry)
    po = polib.POFile(wrapwidth=100)
    po.metadata = dict(HEADER)
    problems = []
    merged: dict[str, str] = {}
    for name, translations in sources.items():
        if (name.endswith(".djangojs")) != (domain == "djangojs"):
            continue
        for key, msgstr in translations.items():
            merged.setdefault(key, msgstr)
    for key in sorted(merged):
        definition = definitions.get(key)
        if definition is None:
            continue  # a message the installed versions no longer use
        msgstr = merged[key]
        problem = check_translation(definition, msgstr)
        if problem:
            problems.append(f"{domain}: {key!r}: {problem}")
            continue
        entry = polib.POEntry(
            msgctxt=definition.msgctxt,
            msgid=definition.msgid,
            flags=[f for f in definition.flags if f.endswith("-format")],
        )
        if definition.msgid_plural:
            entry.msgid_plural = definition.msgid_plural
            entry.msgstr_plural = {0: msgstr}
        else:
            entry.msgstr = msgstr
        po.append(entry)
    if problems:
        raise ValueError("Unusable translations:\n" + "\n".join(problems))
    return po


def build() -> list[Path]:
    """Write locale/vi/LC_MESSAGES/{django,djangojs}.{po,mo}; returns the files written."""
    written = []
    for domain in DOMAINS:
        po = project_catalogue(domain)
        po_path, mo_path = catalogue_path(domain), catalogue_path(domain, "mo")
        po_path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(po_path))
        po.save_as_mofile(str(mo_path))
        written += [po_path, mo_path]
    return written


def project_translated(domain: str) -> set[str]:
    path = catalogue_path(domain)
    if not path.exists():
        return set()
    return {key_of(e) for e in polib.pofile(str(path)) if is_translated(e)}


@dataclass
class Count:
    label: str
    domain: str
    total: int
    by_app: int
    by_project: int
    untranslated: list[str]


def report(*, with_project: bool = True) -> list[Count]:
    """Per app and domain: messages, translated by the app's own Vietnamese catalogue, by the
    project's catalogue only, and the untranslated keys."""
    project = {d: project_translated(d) if with_project else set() for d in DOMAINS}
    counts = []
    for catalogue in app_catalogues():
        keys = set(catalogue.entries)
        by_app = keys & catalogue.translated_by_app
        by_project = (keys - by_app) & project[catalogue.domain]
        untranslated = sorted(keys - by_app - by_project)
        counts.append(Count(catalogue.label, catalogue.domain, len(keys), len(by_app), len(by_project), untranslated))
    return counts
