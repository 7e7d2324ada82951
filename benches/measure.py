#!/usr/bin/env python3
"""Runs the site benchmark: builds one corpus with sotay, Hugo and mdBook, several times each,
under /usr/bin/time -v; prints the median wall time, pages/s and peak memory (max RSS) of each
and the ratios. Called by benches/run.sh, which installs the tools and makes the corpus.

    python3 benches/measure.py --pages N --corpus DIR --out DIR --sotay BIN [--runs R]
                               [--handbook ROOT] [--baseline BIN]

Runs are interleaved (round k of every tool, then round k+1), so a change in the machine's load
during the benchmark weighs on every tool alike. --baseline times a second sotay binary (e.g.
an earlier commit's) on the same corpus in the same rounds: before/after in one run.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile


class Failed(Exception):
    pass


def timed(cmd, cwd):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, max RSS in KiB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        p = subprocess.run(["/usr/bin/time", "-v", "-o", tf.name] + cmd, cwd=cwd,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        report = open(tf.name).read()
    if p.returncode != 0:
        raise Failed(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", report)
    wall = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1))
    return wall, rss


def count_pages(out):
    n = 0
    for _, _, files in os.walk(out):
        n += sum(1 for f in files if f.endswith(".html"))
    return n


def bench_all(tools, runs):
    """Every tool once per round, runs + 1 rounds; the first (warm-up) round is discarded."""
    walls = {name: [] for name, *_ in tools}
    rsss = {name: [] for name, *_ in tools}
    for i in range(runs + 1):
        for name, cmd, cwd, out in tools:
            shutil.rmtree(out, ignore_errors=True)
            wall, rss = timed(cmd, cwd)
            if i > 0:
                walls[name].append(wall)
                rsss[name].append(rss)
    return {name: {"name": name, "wall": statistics.median(walls[name]),
                   "rss": statistics.median(rsss[name]), "walls": walls[name],
                   "html": count_pages(out)}
            for name, cmd, cwd, out in tools}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sotay", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--handbook", help="repo root: also time the real handbook build")
    ap.add_argument("--baseline", help="another sotay binary, timed in the same rounds")
    a = ap.parse_args()
    out = os.path.abspath(a.out)
    corpus = os.path.abspath(a.corpus)
    tools = [
        ("sotay", [a.sotay, "build", "--no-wasm", "--root", ".", "--out", f"{out}/sotay"],
         f"{corpus}/sotay", f"{out}/sotay"),
    ]
    if a.baseline:
        tools.append(("baseline", [os.path.abspath(a.baseline), "build", "--no-wasm", "--root",
                                   ".", "--out", f"{out}/baseline"],
                      f"{corpus}/sotay", f"{out}/baseline"))
    tools += [
        ("hugo", ["hugo", "--quiet", "-d", f"{out}/hugo"], f"{corpus}/hugo", f"{out}/hugo"),
        ("mdbook", ["mdbook", "build", "-d", f"{out}/mdbook"], f"{corpus}/mdbook", f"{out}/mdbook"),
    ]
    present = []
    for t in tools:
        if shutil.which(t[1][0]) is None and not os.path.exists(t[1][0]):
            print(f"{t[0]}: not installed, skipped")
        else:
            present.append(t)
    try:
        results = bench_all(present, a.runs)
    except Failed as e:
        sys.exit(str(e))
    for r in results.values():
        print(f"  {r['name']}: runs {', '.join(f'{w:.2f}s' for w in r['walls'])}", flush=True)

    print()
    print(f"Corpus: {a.pages} pages in sections of 100; median of {a.runs} runs "
          f"(after one warm-up); {os.cpu_count()} cores")
    print(f"{'tool':<8} {'wall (s)':>9} {'pages/s':>9} {'peak RSS (MiB)':>15} {'.html files':>12}")
    for r in results.values():
        print(f"{r['name']:<8} {r['wall']:>9.3f} {a.pages / r['wall']:>9.0f} "
              f"{r['rss'] / 1024:>15.1f} {r['html']:>12}")
    s = results.get("sotay")
    if s:
        for other in ("baseline", "hugo", "mdbook"):
            o = results.get(other)
            if o:
                print(f"sotay/{other}: {o['wall'] / s['wall']:.2f}x pages/s, "
                      f"{s['rss'] / o['rss']:.2f}x peak memory")

    if a.handbook:
        root = os.path.abspath(a.handbook)
        dest = f"{out}/handbook"
        cmd = [a.sotay, "build", "--root", root, "--out", dest]
        try:
            timed(cmd, root)  # builds (or reuses) the wasm
            walls = [timed(cmd, root)[0] for _ in range(max(a.runs, 3))]
        except Failed as e:
            sys.exit(f"\nReal handbook build failed:\n{e}")
        print(f"\nReal handbook, wasm already built: median {statistics.median(walls) * 1000:.0f} ms "
              f"(runs: {', '.join(f'{w * 1000:.0f}' for w in walls)} ms; "
              f"{count_pages(dest)} .html files)")


if __name__ == "__main__":
    main()
