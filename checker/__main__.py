"""Allow ``python -m checker``."""

from checker.cli import run

if __name__ == "__main__":
    run()
