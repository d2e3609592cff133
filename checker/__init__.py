"""gapcheck: audit sustainability / ESG report drafts against disclosure standards.

The pipeline is ingest -> dsl -> evaluate -> report -> cli; each stage hands the next a typed object.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
