"""How much of the admin speaks Vietnamese: per Wagtail/Django app and catalogue, the messages
translated by the app's own Vietnamese catalogue, by the project's (locale/vi), and the rest.

    .venv/bin/python bench/translations.py             # the table; exit 1 if anything is untranslated
    .venv/bin/python bench/translations.py --before    # the same without the project's catalogue
    .venv/bin/python bench/translations.py --list      # also print the untranslated msgids
    .venv/bin/python bench/translations.py --build     # assemble locale/vi/LC_MESSAGES/*.po and .mo
                                                       # from locale/vi/source/*.json first

A message counts as translated when the project's catalogue or the app's own `vi` catalogue
translates it (fuzzy entries do not count: Django never loads them).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", action="store_true", help="ignore the project's catalogue")
    parser.add_argument("--list", action="store_true", help="print the untranslated msgids")
    parser.add_argument("--build", action="store_true", help="rebuild the project's .po/.mo files first")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from cms import translations

    if args.build:
        for path in translations.build():
            print(f"wrote {path.relative_to(ROOT)}")
    counts = translations.report(with_project=not args.before)
    header = f"{'app':34} {'catalogue':9} {'messages':>8} {'by app':>7} {'project':>7} {'untransl.':>9}"
    print(header)
    print("-" * len(header))
    for c in counts:
        print(f"{c.label:34} {c.domain:9} {c.total:8} {c.by_app:7} {c.by_project:7} {len(c.untranslated):9}")
        if args.list:
            for key in c.untranslated:
                print(f"    {key!r}")
    total = sum(c.total for c in counts)
    untranslated = sum(len(c.untranslated) for c in counts)
    print("-" * len(header))
    print(
        f"{'total':44} {total:8} {sum(c.by_app for c in counts):7} {sum(c.by_project for c in counts):7} {untranslated:9}"
    )
    return 1 if untranslated else 0


if __name__ == "__main__":
    sys.exit(main())
