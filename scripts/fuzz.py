"""Fuzz one target offline with atheris (coverage-guided), counting tracebacks instead of stopping at the first.

    .venv/bin/pip install atheris
    .venv/bin/python scripts/fuzz.py docx 100000        # TARGET RUNS; targets: pdf docx html markdown text dsl

Every input that raises anything but the project's own user error is saved under tests/fuzz/crashes/ (named by
target and exception signature), where tests/fuzz/test_fuzz.py replays it as a regression test. The last line
printed is a JSON summary: target, iterations, tracebacks, distinct signatures, seconds.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "fuzz"))

# NOTE: readers and the parser are imported lazily by gapcheck; they are imported here, inside the block, so that
# atheris instruments them and the fuzzing is coverage-guided through them (not only through the registry).
with atheris.instrument_imports(include=["checker", "docx", "zipfile", "markdown_it", "lark"]):
    import targets

    import checker.dsl.parser
    import checker.ingest.docx
    import checker.ingest.html
    import checker.ingest.markdown
    import checker.ingest.pdf
    import checker.ingest.text
    import checker.structure  # noqa: F401

NAME, RUNS = sys.argv[1], int(sys.argv[2])
TARGET = targets.TARGETS[NAME]
STATE = {"runs": 0, "tracebacks": 0, "start": time.monotonic()}
SIGNATURES: dict[str, int] = {}


def one_input(data: bytes) -> None:
    """Run the target once; count and keep the input when it raises anything but a user error."""
    STATE["runs"] += 1
    if STATE["runs"] % 1000 == 0 or STATE["runs"] >= RUNS:
        summary()  # NOTE: libFuzzer ends the process with _exit, so atexit handlers may never run
    try:
        TARGET(data)
    except Exception as exc:  # NOTE: counting every traceback is the point
        STATE["tracebacks"] += 1
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        signature = f"{type(exc).__name__}@{Path(frame.filename).name}:{frame.lineno}"
        if signature not in SIGNATURES:
            targets.CRASHES.mkdir(exist_ok=True)
            digest = hashlib.sha256(data).hexdigest()[:12]
            (targets.CRASHES / f"{NAME}-{digest}.bin").write_bytes(data)
            print(f"NEW {signature}: {exc!r}"[:300], flush=True)
        SIGNATURES[signature] = SIGNATURES.get(signature, 0) + 1


def summary() -> None:
    """Print the JSON summary line."""
    print(
        json.dumps(
            {
                "target": NAME,
                "iterations": STATE["runs"],
                "tracebacks": STATE["tracebacks"],
                "signatures": SIGNATURES,
                "seconds": round(time.monotonic() - STATE["start"], 1),
            }
        ),
        flush=True,
    )


def main() -> None:
    """Seed a corpus and fuzz."""
    corpus = Path(tempfile.mkdtemp(prefix=f"fuzz-{NAME}-"))
    seed = targets.seed(targets.SEED_OF[NAME])
    if NAME == "docx":
        members = sorted(targets._seed_members())
        (corpus / "raw").write_bytes(b"\x00" + seed)
        for i, member in enumerate(members):
            (corpus / f"member{i}").write_bytes(b"\x01" + bytes([i]) + targets._seed_members()[member])
        (corpus / "dir").write_bytes(b"\x02\x00\x00\x09\x00")
    else:
        (corpus / "seed").write_bytes(seed)
    atexit.register(summary)
    atheris.Setup([sys.argv[0], f"-runs={RUNS}", "-max_len=65536", "-rss_limit_mb=4096", str(corpus)], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
