"""Whole-process measurements shared by the benchmark scripts."""
import re
import subprocess
import sys
import time


def timed(command):
    """Runs a command under GNU time; returns (seconds, peak RSS in MiB, stdout). Exits on failure."""
    started = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1)) / 1024
    return seconds, peak, result.stdout
