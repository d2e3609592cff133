"""The commented policy file that ``gapcheck init`` writes (kept valid by a test that loads it)."""

POLICY_TEMPLATE = """\
# gapcheck policy: which standards a draft is audited against, for which issuer, and when the gate fails.
# Found by `gapcheck audit` in the current folder or any folder above it (or pass --config PATH).
# Command-line options (--standard, --tier, --year, --relief, --fail-on, --min-coverage) override this file.
# Unknown keys are an error, so a typo never silently weakens the gate.

# Rule packs by id or alias (see `gapcheck rules list`).
standards = ["hkex-esg"]

[profile]
# largecap | main_board | gem: decides which requirements apply and which are mandatory.
tier = "main_board"
# The financial year the report covers (default: the pack's default year).
# financial_year = 2025
# Reliefs the issuer claims, by name (see the pack's rules), e.g. ["scope3-interim"].
reliefs = []

[gate]
# The build fails (exit 1) when a requirement has one of these verdicts.
# Each entry is STATUS or STATUS:OBLIGATION; STATUS: missing | partial | error | manual;
# OBLIGATION: mandatory | comply_or_explain | recommended | voluntary. "missing" alone means any obligation.
fail_on = ["missing:mandatory", "missing:comply_or_explain", "error"]
# Fail when (covered + explained + waived) / applicable requirements is below this ratio (0-1).
# min_coverage = 0.8
# Let a reviewer's sign-off in the gap-matrix workbook (-o NAME.xlsx) waive a requirement: reviewer status
# "Accepted" or "Not applicable", with a note saying why, given against the current verdict.
# honour_reviews = true

# Accepted gaps. A waived requirement shows as "waived" with the reason; an expired waiver no longer applies and
# is reported, as is one that matches no requirement. Use "standard:id" to waive in one standard only.
# [[waivers]]
# id = "B1.2"
# reason = "Turnover by age group is collected from FY2026"
# owner = "ESG reporting team"
# expires = 2026-06-30
"""
