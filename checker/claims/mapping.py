"""Which index claims speak for which requirement of a rule pack."""

from __future__ import annotations


def claim_codes(pack_id: str, requirement_id: str) -> tuple[str, ...]:
    """The normalised index codes that claim ``requirement_id`` of ``pack_id`` (none for unindexed packs).

    HKEX indexes print the Code's own ids (A1.1, A1 General Disclosure -> A1.GD); TCFD indexes print the
    pillar and letter (Governance a) -> TCFD-Gov-a), or the pillar alone.
    """
    if pack_id.startswith("hkex-esg-"):
        return (f"HKEX:{requirement_id}",)
    if pack_id.startswith("tcfd") and requirement_id.startswith("TCFD-"):
        code = requirement_id.removeprefix("TCFD-")
        # NOTE: a row for a whole pillar (a regulator's correspondence table) speaks for each of its disclosures.
        return (f"TCFD:{code}", f"TCFD:{code.split('-', 1)[0]}")
    return ()
