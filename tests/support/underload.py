"""Run the browser suite several times while every core is kept busy: `make test-load`.

A test that waits for time instead of for a condition passes on an idle machine and fails on a
busy one. This keeps each core at 100 % with a spinning process (no extra package needed; Debian's
`stress-ng --cpu N` does the same) and reports each run, so "no flaky test" is a measurement.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time


def _spin() -> None:
    while True:
        pass


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 5
    spinners = [multiprocessing.Process(target=_spin, daemon=True)
                for _ in range(os.cpu_count() or 2)]
    for spinner in spinners:
        spinner.start()
    failed = 0
    try:
        for run in range(1, runs + 1):
            start = time.monotonic()
            result = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                 "-m", "browser or tools"], capture_output=True, text=True)
            summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
            print(f"kørsel {run}: {'bestået' if result.returncode == 0 else 'FEJL'} på "
                  f"{time.monotonic() - start:.0f} s — {summary}", flush=True)
            if result.returncode != 0:
                failed += 1
                print(result.stdout[-4000:], flush=True)
    finally:
        for spinner in spinners:
            spinner.terminate()
    print(f"{runs - failed} af {runs} kørsler bestået med {len(spinners)} kerner optaget.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
