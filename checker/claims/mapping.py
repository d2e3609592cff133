"""Which index claims speak for which requirement of a rule pack."""

from __future__ import annotations


def claim_codes(pack_id: str, requirement_id: str) -> tuple[str, ...]:
    """The normalised index codes that claim ``requirement_id`` of ``pack_id`` (none for unindexed packs).

    HKEX indexes print the Code's own ids (A1.1, A1 General Disclosure -> A1.GD); TCFD indexes print the
    pillar and letter (Governance a) -> TCFD-Gov-a).
    """
    if pack_id.startswith("hkex-esg-"):
        return (f"HKEX:{requirement_id}",)
    if pack_id.startswith("tcfd") and requirement_id.startswith("TCFD-"):
        return (f"TCFD:{requirement_id.removeprefix('TCFD-')}",)
    return ()
