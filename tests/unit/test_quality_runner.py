"""The return model's quality runner, as a smoke check on a small demo studio: it must finish
and print its tables. Its figures are printed in the test log, never asserted."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUNNER = Path(__file__).resolve().parent.parent / "bench" / "quality.py"


def test_the_quality_runner_scores_cdnow_and_a_demo_studio():
    done = subprocess.run([sys.executable, str(RUNNER), "--demo-clients", "300"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    print(done.stdout)  # the figures, for whoever reads the log
    for heading in ("## CDNOW sample", "## demo studio", "13 weeks", "39 weeks", "AUC 2+ visits", "top 10% all"):
        assert heading in done.stdout, heading
    for model in ("BG/GR+clock", "BG/NBD", "recency"):
        assert done.stdout.count(f"\n{model} ") >= 4, model  # a row at each horizon of both data sets
