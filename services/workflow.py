"""The one place that says which status a dossier may move to, and who may move it.

The national portals' statuses; an officer moves a dossier along its processing, the citizen
may only ask to withdraw it or answer a request for supplements.
"""

from __future__ import annotations

from services.choices import Status

S = Status

TRANSITIONS: dict[int, set[int]] = {
    S.NEW: {S.RECEIVED, S.REJECTED, S.SUPPLEMENT, S.WITHDRAW_REQUESTED},
    S.RECEIVED: {S.PROCESSING, S.SUPPLEMENT, S.FINANCIAL, S.WITHDRAW_REQUESTED, S.STOPPED},
    S.PROCESSING: {S.SUPPLEMENT, S.FINANCIAL, S.WITHDRAW_REQUESTED, S.STOPPED, S.DONE},
    # After the citizen supplies the documents the dossier goes back where it was.
    S.SUPPLEMENT: {S.NEW, S.RECEIVED, S.PROCESSING, S.REJECTED, S.WITHDRAW_REQUESTED, S.STOPPED},
    S.FINANCIAL: {S.PROCESSING, S.DONE, S.WITHDRAW_REQUESTED, S.STOPPED},
    S.WITHDRAW_REQUESTED: {S.STOPPED},
    S.DONE: {S.RETURNED},
    S.REJECTED: set(),
    S.STOPPED: set(),
    S.RETURNED: set(),
}

# What a citizen may do from the tracking page; everything else is an officer's act.
CITIZEN_TARGETS: set[int] = {S.WITHDRAW_REQUESTED}
# Supplements sent by the citizen return the dossier to one of these statuses.
SUPPLEMENT_RETURNS: set[int] = {S.NEW, S.RECEIVED, S.PROCESSING}

RATABLE: set[int] = {S.DONE, S.RETURNED}


def allowed_targets(status: int) -> set[int]:
    return set(TRANSITIONS.get(status, set()))


def officer_targets(status: int) -> list[Status]:
    """Statuses an officer may choose next, in the national order."""
    targets = allowed_targets(status) - CITIZEN_TARGETS
    if status == S.SUPPLEMENT:
        targets -= SUPPLEMENT_RETURNS  # only the citizen's supplement reopens it
    if status == S.WITHDRAW_REQUESTED:
        targets = {S.STOPPED}
    return [Status(s) for s in sorted(targets)]


def can_withdraw(status: int) -> bool:
    return S.WITHDRAW_REQUESTED in allowed_targets(status)
