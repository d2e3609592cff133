"""Evaluate: rules + Document -> findings with evidence."""
