"""The policy file (``gapcheck.toml`` or ``[tool.gapcheck]`` in pyproject.toml): model and discovery."""
