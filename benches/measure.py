#!/usr/bin/env python3
"""Runs the site benchmark: builds one corpus with sotay, Hugo and mdBook, several times each,
under /usr/bin/time -v; prints the median wall time, pages/s and peak memory (max RSS) of each
and the ratios. Called by benches/run.sh, which installs the tools and makes the corpus.

    python3 benches/measure.py --pages N --corpus DIR --out DIR --sotay BIN [--runs R]
                               [--handbook ROOT]
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


def bench(name, cmd, cwd, out, runs):
    walls, rsss = [], []
    for i in range(runs + 1):  # first run warms the page cache and is discarded
        shutil.rmtree(out, ignore_errors=True)
        wall, rss = timed(cmd, cwd)
        if i > 0:
            walls.append(wall)
            rsss.append(rss)
    html = count_pages(out)
    return {"name": name, "wall": statistics.median(walls), "rss": statistics.median(rsss),
            "walls": walls, "html": html}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sotay", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--handbook", help="repo root: also time the real handbook build")
    a = ap.parse_args()
    out = os.path.abspath(a.out)
    corpus = os.path.abspath(a.corpus)
    tools = [
        ("sotay", [a.sotay, "build", "--no-wasm", "--root", ".", "--out", f"{out}/sotay"],
         f"{corpus}/sotay", f"{out}/sotay"),
        ("hugo", ["hugo", "--quiet", "-d", f"{out}/hugo"], f"{corpus}/hugo", f"{out}/hugo"),
        ("mdbook", ["mdbook", "build", "-d", f"{out}/mdbook"], f"{corpus}/mdbook", f"{out}/mdbook"),
    ]
    results = {}
    for name, cmd, cwd, dest in tools:
        if shutil.which(cmd[0]) is None and not os.path.exists(cmd[0]):
            print(f"{name}: not installed, skipped")
            continue
        try:
            r = bench(name, cmd, cwd, dest, a.runs)
        except Failed as e:
            sys.exit(f"{name}: {e}")
        results[name] = r
        print(f"  {name}: runs {', '.join(f'{w:.2f}s' for w in r['walls'])}", flush=True)

    print()
    print(f"Corpus: {a.pages} pages in sections of 100; median of {a.runs} runs "
          f"(after one warm-up); {os.cpu_count()} cores")
    print(f"{'tool':<8} {'wall (s)':>9} {'pages/s':>9} {'peak RSS (MiB)':>15} {'.html files':>12}")
    for r in results.values():
        print(f"{r['name']:<8} {r['wall']:>9.3f} {a.pages / r['wall']:>9.0f} "
              f"{r['rss'] / 1024:>15.1f} {r['html']:>12}")
    s = results.get("sotay")
    if s:
        for other in ("hugo", "mdbook"):
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
