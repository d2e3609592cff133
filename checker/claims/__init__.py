"""The issuer's content index as claims: parsed at read time, checked against the body by the evaluator."""

from checker.claims.model import Claim, ContentIndex

__all__ = ["Claim", "ContentIndex"]
