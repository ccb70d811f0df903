"""No regular expression of lagebild backtracks catastrophically (issue #21): every pattern
compiled from its code, run the way the code applies it on 13 adversarial inputs of
100,000 characters (bench/regex_check.py), finishes within 5 s. Run in a fresh process so
that the patterns compiled at import time are seen too."""
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_no_pattern_hangs_on_adversarial_inputs(shared):
    # (the check's inputs include the scraped example pages in ../shared)
    out = subprocess.run([sys.executable, str(REPO / "bench" / "regex_check.py"), "--limit", "5"],
                         capture_output=True, text=True, timeout=900, cwd=REPO)
    last = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr[-2000:]
    assert out.returncode == 0 and " 0 hangs" in last, out.stdout[-3000:] + out.stderr[-2000:]
    patterns = int(last.split()[0])
    assert patterns > 400, last          # the collection saw the stages' tables, not just a few
