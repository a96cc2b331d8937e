"""Vietnam's two-level administrative map (34 provinces, 3.321 communes and wards since
1 July 2025), from the `vietnam-provinces` package, for address choosers and statistics."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

from cms.text import fold


@dataclass(frozen=True)
class Ward:
    code: int
    name: str
    province_code: int


@dataclass(frozen=True)
class Province:
    code: int
    name: str
    wards: tuple[Ward, ...]


@cache
def provinces() -> tuple[Province, ...]:
    """All provinces in the package's order (Hà Nội first), each with its wards sorted by name."""
    with NESTED_DIVISIONS_JSON_PATH.open(encoding="utf-8") as fh:
        raw = json.load(fh)
    result = []
    for p in raw:
        wards = tuple(sorted((Ward(w["code"], w["name"], p["code"]) for w in p["wards"]), key=lambda w: fold(w.name)))
        result.append(Province(p["code"], p["name"], wards))
    return tuple(result)


@cache
def _provinces_by_code() -> dict[int, Province]:
    return {p.code: p for p in provinces()}


@cache
def _wards_by_code() -> dict[int, Ward]:
    return {w.code: w for p in provinces() for w in p.wards}


def get_province(code) -> Province | None:
    try:
        return _provinces_by_code().get(int(code))
    except (TypeError, ValueError):
        return None


def get_ward(code) -> Ward | None:
    try:
        return _wards_by_code().get(int(code))
    except (TypeError, ValueError):
        return None


def province_choices() -> list[tuple[str, str]]:
    return [(str(p.code), p.name) for p in provinces()]


def ward_choices(province_code=None) -> list[tuple[str, str]]:
    """Wards of one province, or every ward labelled with its province when none is given."""
    province = get_province(province_code)
    if province:
        return [(str(w.code), w.name) for w in province.wards]
    return [(str(w.code), f"{w.name} – {p.name}") for p in provinces() for w in p.wards]


def ward_belongs_to(ward_code, province_code) -> bool:
    ward = get_ward(ward_code)
    return bool(ward) and str(ward.province_code) == str(province_code)


# The place step of a citizen form without JavaScript: a "Chọn" submit button of this name next
# to the province shows the form again with that province's wards (cms/static/cms/js/place-chooser.js
# fetches them from the API instead when scripts run).
PROVINCE_STEP = "chon_tinh"
_NEVER_TYPED_BACK = {"csrfmiddlewaretoken", PROVINCE_STEP}


def typed_back(data, *, drop=()) -> dict:
    """The posted values of a form, to show it again unbound (no errors yet) after the place
    step: everything typed except the CSRF token, the step button and the names in `drop`."""
    skip = _NEVER_TYPED_BACK | set(drop)
    initial = {}
    for name in data:
        if name in skip:
            continue
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        initial[name] = values if len(values) > 1 else values[-1]
    return initial
