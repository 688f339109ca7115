#!/usr/bin/env python3
"""Runs one libFuzzer harness: first every kept crash input (regressions/NAME/), then fuzzing for SECONDS on
the seed corpus and the corpus grown by earlier runs.

usage: run.py HARNESS NAME SECONDS MAX_LEN SOURCE_DIR BUILD_DIR   ($PYMM_FUZZ_SECONDS overrides SECONDS)

The corpus grows in BUILD_DIR/corpus/NAME; a crash input is written to BUILD_DIR/crashes/ and its path
printed: copy it to tests/fuzz/regressions/NAME/ (named after what broke) once the bug is fixed. The
executions of every run are added up in BUILD_DIR/executions/NAME.
"""
import os
import re
import subprocess
import sys

DICTIONARIES = {"dispatch": "dispatch.dict", "edits": "python.dict", "features": "python.dict",
                "guide": "guide.dict", "tables": "guide.dict"}


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    harness, name, seconds, max_len, source, build = sys.argv[1:]
    seconds = os.environ.get("PYMM_FUZZ_SECONDS") or seconds  # `make fuzz FUZZ_SECONDS=...`
    regressions = os.path.join(source, "regressions", name)
    kept = sorted(os.path.join(regressions, f) for f in os.listdir(regressions)) if os.path.isdir(regressions) else []
    if kept:
        # Files (not a directory) as arguments: each is run once, and a crash fails the run.
        rc = subprocess.call([harness] + kept)
        if rc != 0:
            print("%s: a kept regression input fails again (see above)" % name)
            return 1
        print("%s: %d regression inputs pass" % (name, len(kept)))

    corpus = os.path.join(build, "corpus", name)
    crashes = os.path.join(build, "crashes")
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(crashes, exist_ok=True)
    args = [harness, "-max_total_time=%s" % seconds, "-max_len=%s" % max_len, "-timeout=30",
            "-rss_limit_mb=3072", "-print_final_stats=1", "-artifact_prefix=%s/%s-" % (crashes, name)]
    dictionary = os.path.join(source, DICTIONARIES.get(name, ""))
    if os.path.isfile(dictionary):
        args.append("-dict=%s" % dictionary)
    args += [corpus, os.path.join(build, "seeds", name)]
    proc = subprocess.run(args, stderr=subprocess.PIPE, text=True, errors="replace")
    log = proc.stderr
    executed = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    runs = int(executed.group(1)) if executed else 0
    os.makedirs(os.path.join(build, "executions"), exist_ok=True)
    total_file = os.path.join(build, "executions", name)
    total = runs
    if os.path.exists(total_file):
        with open(total_file) as f:
            total += int(f.read().strip() or 0)
    with open(total_file, "w") as f:
        f.write("%d\n" % total)
    if proc.returncode != 0:
        sys.stderr.write(log[-20000:])
        print("%s: crashed after %d executions; the input is in %s" % (name, runs, crashes))
        return 1
    print("%s: %d executions in %ss, no crash (%d in all runs in this build)" % (name, runs, seconds, total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
