"""Batch audits: many drafts, one combined table, on a process pool or a Dask cluster."""
