"""Benchmark on real-size cards: CLI throughput against python-frontmatter, --jobs, build overhead, memory.

In one run, on the same corpus (1,000 cards written by ``realcards.py``, or a
folder of real cards with ``--cards DIR``), side by side:

- python-frontmatter loading each card's front matter (the floor for anything
  that reads front matter), and ``mkdocs-modelcard check --format json`` in one
  process, both in cards per CPU second after a warm-up, and their ratio;
- ``check`` end to end as a user runs it (wall time, interpreter start
  included) with ``--jobs 1`` and ``--jobs N``;
- a 1,000-card site on the ``mkdocs`` theme built with and without the plugin
  (wall time, and CPU time of the build process with its workers; median of
  alternating runs; automatic and one-entry nav, as in ``benchmark.py``);
- the peak RSS of one ``check`` over 25,000 cards in every output format.

    python bench/realsize.py                      # about 25 minutes; --write puts the tables in docs/performance.md
    python bench/realsize.py --cards ~/hf-cards   # real cards instead (not generated)
    python bench/realsize.py --code /other/checkout --skip-build   # the same figures for other code
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark import machine, timed_build, write_block
from realcards import write_corpus

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ["text", "json", "sarif", "markdown", "github"]

# Runs in a fresh interpreter with the code under test first on the path; prints CPU seconds.
_TIMER = """
import io, json, sys, time
files = json.load(open(sys.argv[1]))
what, runs = sys.argv[2], int(sys.argv[3])
if what == "frontmatter":
    import frontmatter
    def once(chosen):
        for name in chosen:
            frontmatter.load(name)
else:
    from mkdocs_modelcard.cli import main
    jobs = ["--jobs", "1"] if "--jobs" in sys.argv[4:] else []
    def once(chosen):
        main(["check", "--format", "json", *jobs, *chosen], io.StringIO(), io.StringIO())
once(files[:20])
spent = []
for _ in range(runs):
    start = time.process_time()
    once(files)
    spent.append(time.process_time() - start)
print(json.dumps(spent))
"""


def environment(code: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(code), NO_MKDOCS_2_WARNING="1")


def supports_jobs(code: Path) -> bool:
    help_text = subprocess.run(
        [sys.executable, "-m", "mkdocs_modelcard", "check", "--help"],
        env=environment(code),
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),  # not a checkout whose package would shadow PYTHONPATH
    ).stdout
    return "--jobs" in help_text


def cpu_rates(files: list[str], code: Path, runs: int, jobs_flag: bool, listing: Path) -> dict[str, float]:
    """Cards per CPU second of python-frontmatter and of check (one process), each the median of runs."""
    listing.write_text(json.dumps(files), encoding="utf-8")
    rates = {}
    for what in ("frontmatter", "check"):
        command = [sys.executable, "-c", _TIMER, str(listing), what, str(runs), *(["--jobs"] if jobs_flag else [])]
        out = subprocess.run(
            command, env=environment(code), capture_output=True, text=True, check=True, cwd=tempfile.gettempdir()
        )
        rates[what] = len(files) / statistics.median(json.loads(out.stdout))
    return rates


def run_check(
    code: Path, argv: list[str], out: Path
) -> tuple[float, float, int]:  # wall seconds, CPU seconds, peak RSS KiB
    with out.open("wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs_modelcard", "check", *argv],
            env=environment(code),
            stdout=sink,
            stderr=subprocess.DEVNULL,
            cwd=tempfile.gettempdir(),
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"check failed: {argv[:4]}")
    return elapsed, usage.ru_utime + usage.ru_stime, int(usage.ru_maxrss)


def end_to_end(files: list[str], code: Path, runs: int, jobs: int, jobs_flag: bool, tmp: Path) -> dict[str, float]:
    """Wall-time cards/s of the command as a user runs it, --jobs 1 and --jobs N alternating."""
    walls: dict[str, list[float]] = {"1": [], str(jobs): []} if jobs_flag else {"1": []}
    for _ in range(runs):
        for n in walls:
            argv = ["--format", "json", *(["--jobs", n] if jobs_flag else []), *files]
            walls[n].append(run_check(code, argv, tmp / "out.json")[0])
    return {n: len(files) / statistics.median(w) for n, w in walls.items()}


def make_site(root: Path, files: list[str]) -> None:
    docs = root / "docs"
    for n, name in enumerate(files):
        target = docs / f"group{n % 40:02d}" / f"card{n:05d}_model_card.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(Path(name).read_bytes())
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for nav, nav_line in (("auto", ""), ("short", "nav: [index.md]\n")):
        for state, plugins in (("on", "[modelcard]"), ("off", "[]")):
            config = f"site_name: Bench\ntheme: mkdocs\n{nav_line}plugins: {plugins}\n"
            (root / f"mkdocs-{nav}-{state}.yml").write_text(config, encoding="utf-8")


def build_overhead(root: Path, nav: str, runs: int) -> dict[str, float]:
    """Median wall and CPU time of builds without and with the plugin, alternating; peak RSS of each.

    Wall time is what a user waits for: with the plugin's workers, the cards are scored on another CPU while
    MkDocs renders. CPU time counts the build process and its workers together, the work the machine does.
    """
    wall: dict[str, list[float]] = {"off": [], "on": []}
    cpu: dict[str, list[float]] = {"off": [], "on": []}
    rss: dict[str, int] = {"off": 0, "on": 0}
    for _ in range(runs):
        for state in ("off", "on"):
            elapsed, spent, peak = timed_build(root / f"mkdocs-{nav}-{state}.yml", root / f"site-{state}")
            wall[state].append(elapsed)
            cpu[state].append(spent)
            rss[state] = max(rss[state], peak)
    off, on = statistics.median(cpu["off"]), statistics.median(cpu["on"])
    wall_off, wall_on = statistics.median(wall["off"]), statistics.median(wall["on"])
    return {
        "wall_off": wall_off,
        "wall_on": wall_on,
        "wall_overhead": 100 * (wall_on / wall_off - 1),
        "cpu_off": off,
        "cpu_on": on,
        "overhead": 100 * (on / off - 1),
        "per_card_ms": 0.0,
        "rss_off": rss["off"] / 1024,
        "rss_on": rss["on"] / 1024,
    }


def memory(code: Path, folder: Path, jobs: int, jobs_flag: bool, tmp: Path) -> list[dict[str, Any]]:
    rows = []
    settings = [("1", fmt) for fmt in FORMATS] + ([(str(jobs), "json")] if jobs_flag and jobs > 1 else [])
    for n, fmt in settings:
        argv = [str(folder), "--format", fmt, *(["--jobs", n] if jobs_flag else [])]
        elapsed, spent, peak = run_check(code, argv, tmp / f"out.{fmt}")
        rows.append({"format": fmt, "jobs": n, "wall": elapsed, "cpu": spent, "rss_mib": peak / 1024})
        print(f"  {fmt:>8} --jobs {n}: peak RSS {peak / 1024:,.0f} MiB, {elapsed:.1f} s wall", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=Path, help="a folder of real cards (*.md) to use instead of generated ones")
    parser.add_argument("--size", type=int, default=1000, help="cards in the corpus (default 1,000)")
    parser.add_argument("--memory-cards", type=int, default=25000, help="cards for the memory runs")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N for the --jobs N run")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose mkdocs_modelcard is measured")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--write", action="store_true", help="write the tables to docs/performance.md")
    args = parser.parse_args(argv)
    code = args.code.resolve()
    jobs_flag = supports_jobs(code)
    results: dict[str, Any] = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "runs": args.runs}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.cards:
            files = sorted(str(p) for p in args.cards.rglob("*.md"))[: args.size]
            results["corpus"] = f"{len(files):,} real cards from {args.cards}"
        else:
            files = [str(p) for p in write_corpus(tmp / "corpus", args.size)]
            results["corpus"] = f"{len(files):,} cards from bench/realcards.py"
        sizes = sorted(Path(f).stat().st_size for f in files)
        results["sizes"] = (sum(sizes) / len(sizes), sizes[len(sizes) // 2], sizes[int(0.95 * len(sizes))], sizes[-1])
        print(f"{results['corpus']}: mean {results['sizes'][0]:,.0f} B, 95th percentile {results['sizes'][2]:,} B")

        rates = cpu_rates(files, code, args.runs, jobs_flag, tmp / "files.json")
        results["rates"] = rates
        print(
            f"python-frontmatter {rates['frontmatter']:,.0f} cards/s, check {rates['check']:,.0f} cards/s "
            f"(CPU, one process): {rates['frontmatter'] / rates['check']:.1f}x",
            flush=True,
        )
        walls = end_to_end(files, code, args.runs, args.jobs, jobs_flag, tmp)
        results["walls"] = walls
        print("end to end: " + ", ".join(f"--jobs {n} {r:,.0f} cards/s" for n, r in walls.items()), flush=True)

        if not args.skip_build:
            site = tmp / "site"
            make_site(site, files)
            results["builds"] = {}
            for nav in ("auto", "short"):
                row = build_overhead(site, nav, args.runs)
                row["per_card_ms"] = 1000 * (row["cpu_on"] - row["cpu_off"]) / len(files)
                results["builds"][nav] = row
                print(
                    f"build, {nav} nav: wall {row['wall_off']:.2f} s without, {row['wall_on']:.2f} s with the plugin: "
                    f"{row['wall_overhead']:+.1f}%; CPU {row['cpu_off']:.2f} / {row['cpu_on']:.2f} s: "
                    f"{row['overhead']:+.1f}% ({row['per_card_ms']:.2f} ms per card), "
                    f"peak RSS {row['rss_off']:.0f} / {row['rss_on']:.0f} MiB",
                    flush=True,
                )
        if not args.skip_memory:
            folder = tmp / "many"
            print(f"writing {args.memory_cards:,} cards for the memory runs", flush=True)
            write_corpus(folder, args.memory_cards)
            results["memory_cards"] = args.memory_cards
            results["memory"] = memory(code, folder, args.jobs, jobs_flag, tmp)
    print(json.dumps(results))
    if args.write:
        write_report(results)
    return 0


def write_report(results: dict[str, Any]) -> None:
    rates = results["rates"]
    mean, _, p95, largest = results["sizes"]
    lines = [
        f"Measured on {results['machine']}, {results['date']}; {results['corpus']} (mean {mean / 1000:.1f} KB, "
        f"95th percentile {p95 / 1000:.1f} KB, largest {largest / 1000:.0f} KB); median of {results['runs']} runs.",
        "",
        "| Same cards, one process | Cards per CPU second |",
        "|---|---:|",
        f"| python-frontmatter load of each card | {rates['frontmatter']:,.0f} |",
        f"| `mkdocs-modelcard check --format json --jobs 1 FILES` | {rates['check']:,.0f} |",
        f"| Ratio | {rates['frontmatter'] / rates['check']:.1f}x |",
        "",
        "| `check --format json FILES`, end to end (interpreter start included) | Cards per second (wall) |",
        "|---|---:|",
    ]
    lines += [f"| `--jobs {n}` | {rate:,.0f} |" for n, rate in results["walls"].items()]
    if "builds" in results:
        lines += [
            "",
            "| 1,000-card site, `mkdocs` theme | Wall time without / with the plugin | Overhead (wall) "
            "| CPU time, workers included | Overhead (CPU) | Per card (CPU) | Peak RSS without / with |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for nav, row in results["builds"].items():
            lines.append(
                f"| {nav} nav | {row['wall_off']:.2f} / {row['wall_on']:.2f} s | {row['wall_overhead']:+.1f}% "
                f"| {row['cpu_off']:.2f} / {row['cpu_on']:.2f} s | {row['overhead']:+.1f}% "
                f"| {row['per_card_ms']:.2f} ms | {row['rss_off']:.0f} / {row['rss_on']:.0f} MiB |"
            )
    if "memory" in results:
        lines += [
            "",
            f"| One `check` over {results['memory_cards']:,} cards | Peak RSS | Wall time |",
            "|---|---:|---:|",
        ]
        lines += [
            f"| `--format {row['format']} --jobs {row['jobs']}` | {row['rss_mib']:,.0f} MiB | {row['wall']:.0f} s |"
            for row in results["memory"]
        ]
    write_block("realsize", "\n".join(lines))


if __name__ == "__main__":
    raise SystemExit(main())
