"""Benchmark mkdocs-modelcard: build overhead, CLI throughput, peak memory.

Generates sites of N model cards (plus as many ordinary pages), builds each on
the plain `mkdocs` theme with the plugin on and off (alternating runs, median
of each), with MkDocs' automatic navigation (up to --auto-nav-max cards, as its
cost grows with the square of the pages) and with a one-entry nav, times
`mkdocs-modelcard check` over the same cards, and writes the tables to
docs/performance.md (``--write``).

    python bench/benchmark.py                 # 100, 1000, 5000 cards, 3 runs each
    python bench/benchmark.py --sizes 100 --runs 1 --navs short
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

SECTIONS = [
    ("## Model Details", None),
    ("### Model Description", "{name} is a {kind} that {task}. It was trained by {team} for field surveys."),
    (
        "### Model Sources",
        "- **Repository:** https://github.com/example/{slug}\n- **Paper:** https://doi.org/10.0000/{slug}",
    ),
    ("## Uses", None),
    ("### Direct Use", "Sorting survey images of {taxon} before expert review."),
    ("### Downstream Use", "Fine-tuning for related {taxon} or as a stage of a larger pipeline."),
    ("### Out-of-Scope Use", "Identification without expert review, or images from other regions."),
    ("## Bias, Risks, and Limitations", "Images come from three collections, so rare {taxon} are under-represented."),
    ("### Recommendations", "Have an expert confirm low-confidence predictions."),
    ("## How to Get Started with the Model", "```python\nfrom {slug} import load\nmodel = load()\n```"),
    ("## Training Details", None),
    ("### Training Data", "Twelve thousand photographs of {taxon} from museum collections."),
    ("### Training Procedure", "Trained for 60 epochs with AdamW and a cosine schedule on cropped images."),
    ("#### Preprocessing", "Images were cropped to the specimen and resized to 384 pixels."),
    ("#### Training Hyperparameters", "- **Training regime:** fp16 mixed precision"),
    ("#### Speeds, Sizes, Times", "Training took 9 hours; the checkpoint is 98 MB."),
    ("## Evaluation", None),
    ("#### Testing Data", "1,500 held-out photographs from a fourth collection."),
    ("#### Factors", "Results are broken down by genus and collection."),
    ("#### Metrics", "Top-1 accuracy and macro F1."),
    ("### Results", "Top-1 accuracy 91%, macro F1 0.87."),
    ("## Model Examination", "Saliency maps focus on wing venation."),
    ("## Environmental Impact", "- **Hardware Type:** 1x A100\n- **Hours used:** 9\n- **Carbon Emitted:** 1.2 kg"),
    ("## Technical Specifications", None),
    ("### Model Architecture and Objective", "ResNet-50 with a softmax head trained with cross-entropy."),
    ("### Compute Infrastructure", "One GPU with 16 GB memory."),
    ("## Citation", "```\n@software{{{slug}, title={{{name}}}, year={{2026}}}}\n```"),
    ("## Acknowledgements", "Supported by the Example Foundation."),
    ("## More Information", "Images are available on request."),
    ("## Model Card Authors", "Ada Example"),
]
PLACEHOLDER = "[More Information Needed]"


def card_text(index: int, rng: random.Random) -> str:
    """A card of realistic size (about 4 KB) with a random share of sections filled."""
    name = f"Model{index:05d}"
    values = {
        "name": name,
        "slug": name.lower(),
        "kind": rng.choice(["ResNet-50 classifier", "ViT-B/16 encoder", "U-Net segmenter"]),
        "task": rng.choice(["sorts beetle photographs", "segments leaves", "counts birds"]),
        "team": rng.choice(["the Example Lab", "the Field Group"]),
        "taxon": rng.choice(["beetles", "moths", "finches"]),
    }
    share = rng.random()
    lines = [
        "---",
        "license: mit",
        "language: [en]",
        "tags: [biology, images]",
        f"model_description: {name} {values['task']}.",
        "---",
        "",
        f"# Model Card for {name}",
        "",
        f"{name} {values['task']} for ecological surveys.",
        "",
    ]
    for heading, body in SECTIONS:
        lines += [heading, ""]
        if body is not None:
            lines += ["<!-- guidance comment from the template -->", ""]
            lines += [body.format(**values) if rng.random() < share else PLACEHOLDER, ""]
    return "\n".join(lines)


def ordinary_page(index: int) -> str:
    return f"# Page {index}\n\n## Uses\n\nGeneral notes about our work, number {index}.\n\n" + "Some text. " * 200


def make_site(root: Path, cards: int, seed: int = 7) -> Path:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    docs = root / "docs"
    for i in range(cards):
        path = docs / f"group{i % 50:02d}" / f"card{i:05d}_model_card.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(card_text(i, rng), encoding="utf-8")
        (path.parent / f"page{i:05d}.md").write_text(ordinary_page(i), encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for nav, nav_line in NAVS.items():
        for state, plugins in (("on", "[modelcard]"), ("off", "[]")):
            config = f"site_name: Bench\ntheme: mkdocs\n{nav_line}plugins: {plugins}\n"
            (root / f"mkdocs-{nav}-{state}.yml").write_text(config, encoding="utf-8")
    return docs


# "auto": MkDocs lists every page in the navigation, and the mkdocs theme renders that whole
# navigation into every page, so the build itself grows with the square of the page count.
# "short": an explicit one-entry nav, so the build without the plugin grows linearly and the
# plugin's share of it is as large as it can be.
NAVS = {"auto": "", "short": "nav: [index.md]\n"}


def timed_build(config: Path, site: Path) -> tuple[float, float, int]:
    """Wall time, CPU time and peak RSS (KiB) of one `mkdocs build` in a fresh process.

    CPU time (user and system) leaves out the time the process waited for a
    core, so on a shared machine it varies far less than wall time.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"build failed: {config}")
    return elapsed, usage.ru_utime + usage.ru_stime, int(usage.ru_maxrss)


def cli_throughput(docs: Path, cards: int, runs: int) -> float:
    """Cards per second of `mkdocs-modelcard check` on the site's folder, in-process, one core."""
    from mkdocs_modelcard.cli import main

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with redirect_stdout(io.StringIO()):
            main(["check", str(docs), "--format", "json"])
        times.append(time.perf_counter() - start)
    return cards / statistics.median(times)


def measure_builds(root: Path, nav: str, size: int, runs: int) -> dict[str, Any]:
    """Median build times with the plugin off and on, alternating so drift hits both alike.

    The overhead is figured from CPU time, which a busy machine disturbs far
    less than wall time; both are reported.
    """
    runs_by_state: dict[str, list[tuple[float, float, int]]] = {"off": [], "on": []}
    for _ in range(runs):
        for state in ("off", "on"):
            runs_by_state[state].append(timed_build(root / f"mkdocs-{nav}-{state}.yml", root / f"site-{state}"))
    wall = {state: statistics.median(r[0] for r in done) for state, done in runs_by_state.items()}
    cpu = {state: statistics.median(r[1] for r in done) for state, done in runs_by_state.items()}
    return {
        "cards": size,
        "nav": nav,
        "off": wall["off"],
        "on": wall["on"],
        "cpu_off": cpu["off"],
        "cpu_on": cpu["on"],
        "ratio": cpu["on"] / cpu["off"],
        "per_card": 1000 * (cpu["on"] - cpu["off"]) / size,
        "mem_off": max(r[2] for r in runs_by_state["off"]) / 1024,
        "mem_on": max(r[2] for r in runs_by_state["on"]) / 1024,
    }


def breakdown(config: Path, cards: int) -> dict[str, float]:
    """Milliseconds per card spent in each plugin step, from one in-process build with timers around them."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from mkdocs_modelcard import plugin, render, site

    spent: dict[str, float] = {}

    def timed(owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

        setattr(owner, name, wrapper)

    steps = [
        (plugin.ModelCardPlugin, "on_config", "on_config: load checklists, templates"),
        (plugin.ModelCardPlugin, "on_files", "on_files: everything below, and reading pages"),
        (site.CardSite, "consider", "  detect, read and score each page"),
        (plugin, "site_files", "  badge files and cards.json"),
        (plugin.ModelCardPlugin, "on_page_content", "on_page_content: everything below"),
        (render.Renderer, "badge", "  badge"),
        (plugin, "section_anchors", "  heading anchors"),
        (render.Renderer, "index", "  index page"),
        (plugin.ModelCardPlugin, "on_post_page", "on_post_page: page checklist"),
    ]
    for owner, name, label in steps:
        timed(owner, name, label)
    build(load_config(str(config), site_dir=str(config.parent / "site-breakdown")))
    return {label: 1000 * spent.get(label, 0.0) / cards for _, _, label in steps}


def serve_rescore(docs: Path) -> tuple[float, float]:
    """Seconds to detect and score every page afresh, and again after one card is edited.

    What a `mkdocs serve` rebuild asks of the plugin: it reuses the outcome of
    every page whose text did not change (timed on the framework-free core).
    """
    from mkdocs_modelcard.checklist import load_checklist
    from mkdocs_modelcard.site import CardSite

    pages = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}
    start = time.perf_counter()
    first = CardSite(load_checklist("model"))
    for path, text in pages.items():
        first.consider(path, text)
    fresh = time.perf_counter() - start
    edited = next(path for path in pages if path.endswith("_model_card.md"))
    pages[edited] += "\n## Glossary\n\nTerms used above.\n"
    start = time.perf_counter()
    second = CardSite(load_checklist("model"))
    second.reuse(first)
    for path, text in pages.items():
        second.consider(path, text)
    return fresh, time.perf_counter() - start


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {system}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3, help="alternating on/off build pairs per size")
    parser.add_argument("--write", action="store_true", help="write the table to docs/performance.md")
    parser.add_argument(
        "--breakdown", action="store_true", help="only time each plugin step of one short-nav build per size"
    )
    parser.add_argument("--navs", nargs="+", choices=sorted(NAVS), default=["auto", "short"])
    parser.add_argument(
        "--auto-nav-max",
        type=int,
        default=1000,
        help="largest site built with the automatic nav (its build time grows with the square of the pages)",
    )
    args = parser.parse_args(argv)
    cli_rows: list[dict[str, float]] = []

    rows: list[dict[str, Any]] = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            docs = make_site(root, size)
            if args.breakdown:
                print(f"{size:,} cards, ms per card:")
                for label, ms in breakdown(root / "mkdocs-short-on.yml", size).items():
                    print(f"  {label:<48} {ms:6.2f}")
                continue
            navs = [nav for nav in args.navs if nav != "auto" or size <= args.auto_nav_max]
            for nav in navs:
                row = measure_builds(root, nav, size, args.runs)
                rows.append(row)
                print(
                    f"{size:>6} cards  {nav:>5} nav  wall {row['off']:.2f}s / {row['on']:.2f}s  "
                    f"CPU {row['cpu_off']:.2f}s / {row['cpu_on']:.2f}s  "
                    f"overhead {100 * (row['ratio'] - 1):+.1f}% ({row['per_card']:.2f} ms/card)  "
                    f"peak RSS {row['mem_off']:.0f} / {row['mem_on']:.0f} MiB",
                    flush=True,
                )
            throughput = cli_throughput(docs, size, args.runs)
            fresh, rescore = serve_rescore(docs)
            cli_rows.append({"cards": size, "cli": throughput, "fresh": fresh, "rescore": rescore})
            print(
                f"{size:>6} cards  CLI {throughput:,.0f} cards/s  "
                f"serve: score all {fresh:.2f}s, after one edit {rescore:.3f}s",
                flush=True,
            )
    if args.write:
        write_report(rows, cli_rows, args.runs)
    return 0


def write_report(rows: list[dict[str, Any]], cli_rows: list[dict[str, float]], runs: int) -> None:
    lines = [
        "| Cards | Nav | Wall time without / with | CPU time without / with | Overhead | Per card "
        "| Peak RSS without / with |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {int(r['cards']):,} | {r['nav']} | {r['off']:.2f} / {r['on']:.2f} s "
            f"| {r['cpu_off']:.2f} / {r['cpu_on']:.2f} s | {100 * (r['ratio'] - 1):+.1f}% "
            f"| {r['per_card']:.2f} ms | {r['mem_off']:.0f} / {r['mem_on']:.0f} MiB |"
        )
    lines += [
        "",
        "| Cards | `mkdocs-modelcard check` | Detect and score every page | Again after editing one card |",
        "|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {int(r['cards']):,} | {r['cli']:,.0f} cards/s | {r['fresh']:.2f} s | {1000 * r['rescore']:.0f} ms |"
        for r in cli_rows
    ]
    table = "\n".join(lines)
    write_block(
        "bench",
        f"Measured on {machine()}, {time.strftime('%Y-%m-%d')}; median of {runs} alternating runs per size; "
        "each site also has as many ordinary pages as cards. Overhead and per-card cost are figured from CPU time."
        f"\n\n{table}",
    )


def write_block(name: str, body: str) -> None:
    """Put ``body`` between the ``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` markers of docs/performance.md."""
    target = ROOT / "docs" / "performance.md"
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    raise SystemExit(main())
