"""Template-following cards built from blocks, with labels that follow from construction.

One fully written card in the Imageomics template's structure is cut into
blocks; each block lists the checklist items a careful reader would find in
it.  Variants rename, embolden, drop or blank out blocks the way authors do, so
every variant's labels are known: an item is filled when some intact block
provides it.  The text was checked so that no block fills an item it does not
list (a reader would judge the same).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

PLACEHOLDER = "[More Information Needed]"


@dataclass(frozen=True)
class Block:
    heading: str  # "## Uses"; "" for the front matter and "#" for the title block
    body: str
    provides: frozenset[str] = frozenset()
    comment: str = ""  # the template's guidance comment
    kind: str = "text"  # text | fields | front_matter
    removed: bool = False
    blank: bool = False


def b(heading: str, body: str, *provides: str, comment: str = "", kind: str = "text") -> Block:
    return Block(heading, body, frozenset(provides), comment, kind)


FRONT_MATTER = """\
license: cc-by-4.0
language:
- en
tags:
- biology
- camera traps
datasets:
- example/habitat-photos-30k
metrics:
- accuracy
- f1
model_description: Maps camera-trap photographs to one of twelve habitat classes for field surveys."""

BLOCKS = [
    b("", FRONT_MATTER, "license", "languages", "tags", "datasets", "metrics", "model_summary", kind="front_matter"),
    b(
        "# Model Card for HabitatNet",
        "HabitatNet labels camera-trap photographs with one of twelve habitat classes, so survey teams can sort "
        "a season of images in an afternoon.",
        "model_name",
        "model_summary",
        comment="Provide a quick summary of what the model is/does.",
    ),
    b("## Model Details", ""),
    b(
        "### Model Description",
        "We built HabitatNet to replace the hand sorting of camera-trap images in long-term monitoring plots. "
        "It looks at the whole scene, vegetation and ground cover alike, rather than at the animals in it.",
        "detailed_summary",
        comment="Provide a longer summary of what this model is.",
    ),
    b(
        "",
        "- **Developed by:** The Example Habitat Lab, University of Nowhere\n"
        "- **Model type:** Convolutional image classifier (ResNet-50)\n"
        "- **Language(s) (NLP):** English labels only\n"
        "- **License:** CC-BY-4.0\n"
        "- **Fine-tuned from model:** ResNet-50 ImageNet weights\n"
        "- **Version:** 2.1, released 2026-03-01",
        "developed_by",
        "model_type",
        "languages",
        "license",
        "license_details",
        "fine_tuned_from",
        "version",
        kind="fields",
    ),
    b(
        "### Model Sources",
        "- **Repository:** https://github.com/example/habitatnet\n"
        "- **Paper:** https://doi.org/10.0000/habitatnet.2026\n"
        "- **Demo:** https://huggingface.co/spaces/example/habitatnet",
        "repository",
        "paper",
        "demo",
        comment="Provide the basic links for the model.",
        kind="fields",
    ),
    b("## Uses", "", comment="Address questions around how the model is intended to be used."),
    b(
        "### Direct Use",
        "Sorting camera-trap images from temperate forest plots into habitat classes before ecologists review them.",
        "direct_use",
        comment="This section is for the model use without fine-tuning.",
    ),
    b(
        "### Downstream Use",
        "Teams adapt the network to tropical plots with a few hundred labelled images, or chain it before a "
        "species detector so each detector sees only the habitats it knows.",
        "downstream_use",
        comment="[optional] This section is for the model use when fine-tuned for a task.",
    ),
    b(
        "### Out-of-Scope Use",
        "Do not rely on it for habitat mapping from aerial or satellite imagery, or for legal land classification.",
        "out_of_scope_use",
        comment="This section addresses misuse, malicious use, and uses that the model will not work well for.",
    ),
    b(
        "## Bias, Risks, and Limitations",
        "Nine of the twelve classes come from European plots, so wetland and desert scenes are confused more often.",
        "bias_risks_limitations",
        comment="This section is meant to convey both technical and sociotechnical limitations.",
    ),
    b(
        "### Recommendations",
        "Review every image whose top score is below 0.8 and keep a hand-labelled sample from each new region.",
        "recommendations",
        comment="This section is meant to convey recommendations with respect to the bias, risk, and limitations.",
    ),
    b(
        "## How to Get Started with the Model",
        "```python\nfrom habitatnet import HabitatNet\nnet = HabitatNet.load()\nprint(net.classify('photo.jpg'))\n```",
        "usage_instructions",
    ),
    b("### Installation", "Run `pip install habitatnet`; it needs Python 3.10 or newer.", "installation_guide"),
    b("## Training Details", ""),
    b(
        "### Training Data",
        "Thirty thousand camera-trap photographs from 140 plots, described in the habitat-photos-30k dataset card.",
        "training_data",
        comment="This should link to a Dataset Card where possible.",
    ),
    b(
        "### Training Procedure",
        "The network was first frozen except for its head, then unfrozen layer by layer while the loss plateaued.",
        "training_procedure",
        comment="This relates heavily to the Technical Specifications.",
    ),
    b(
        "#### Preprocessing",
        "Night-time infrared frames were converted to three channels and every image was resized to 448 pixels.",
        "preprocessing",
    ),
    b(
        "#### Training Hyperparameters",
        "- **Training regime:** fp16 mixed precision, batch size 64, learning rate 1e-4 with AdamW",
        "training_hyperparameters",
        kind="fields",
    ),
    b(
        "#### Speeds, Sizes, Times",
        "A full run takes 14 hours and writes a 94 MB checkpoint; inference handles 300 images per second.",
        "speeds_sizes_times",
        comment="[optional] This section provides information about throughput, start/end time, checkpoint size.",
    ),
    b("## Evaluation", "", comment="This section describes the evaluation protocols and provides the results."),
    b("### Testing Data, Factors & Metrics", ""),
    b(
        "#### Testing Data",
        "Four thousand images from 20 plots that were never used in training.",
        "testing_data",
        comment="This should link to a Dataset Card if possible.",
    ),
    b(
        "#### Factors",
        "Results are broken down by habitat class, season and camera model.",
        "factors",
        comment="These are the things the evaluation is disaggregating by.",
    ),
    b(
        "#### Metrics",
        "Top-1 accuracy for the overall picture and macro F1 because the classes are unbalanced.",
        "evaluation_metrics",
        comment="These are the evaluation metrics being used.",
    ),
    b(
        "### Results",
        "Top-1 accuracy 88.4% and macro F1 0.83 on the held-out plots; winter images score lowest.",
        "results",
        "performance_metrics",
    ),
    b(
        "### Benchmark Comparisons",
        "It beats a linear probe on generic image embeddings by seven points of macro F1.",
        "benchmark_comparisons",
    ),
    b(
        "## Model Examination",
        "Class activation maps show the network attends to canopy cover and ground texture.",
        "interpretability",
        comment="[optional] Relevant interpretability work for the model goes here",
    ),
    b("### Visualization", "![Activation maps for three habitats](img/habitat-cam.png)", "visualization"),
    b(
        "## Environmental Impact",
        "- **Hardware Type:** 2x NVIDIA A100\n- **Hours used:** 14\n- **Cloud Provider:** university cluster\n"
        "- **Compute Region:** Ohio, USA\n- **Carbon Emitted:** 2.1 kg CO2eq",
        "hardware_type",
        "training_hours",
        "compute_region",
        "carbon_emissions",
        kind="fields",
    ),
    b("## Technical Specifications", ""),
    b(
        "### Model Architecture and Objective",
        "A ResNet-50 backbone with a twelve-way softmax head, optimised with label-smoothed cross-entropy.",
        "model_architecture",
    ),
    b(
        "### Performance Metrics",
        "Throughput is 300 images per second on one GPU; accuracy is reported in the Results section.",
        "performance_metrics",
        "speeds_sizes_times",  # a throughput figure is a speed, wherever it is written
    ),
    b("### Model Size", "25.6 million parameters, 94 MB on disk.", "model_size"),
    b("### Compute Infrastructure", ""),
    b(
        "#### Hardware",
        "Inference runs on any GPU with 8 GB of memory, or slowly on a laptop CPU.",
        "compute_requirements",
    ),
    b("#### Software", "PyTorch 2.4 and torchvision 0.19.", "compute_requirements"),
    b(
        "## Citation",
        "**BibTeX:**\n\n```\n@software{habitatnet2026,\n  author = {Example Habitat Lab},\n"
        "  title = {HabitatNet},\n  year = {2026}\n}\n```",
        "citation",
    ),
    b("## License", "The weights and code are released under CC-BY-4.0.", "license_details"),
    b("## Acknowledgements", "Funded by the Example Foundation under grant EF-2231.", "funding"),
    b("## Glossary", "Plot: a fixed 1-hectare survey area with one camera.", "definitions"),
    b("## More Information", "Camera placement protocols are in the project wiki.", "notes"),
    b("## Model Card Authors", "Ada Example and Bo Example", "card_authors"),
    b("## Model Card Contact", "habitatnet@example.org", "card_contact"),
]


def render(blocks: list[Block], *, comments: bool = True) -> str:
    out: list[str] = []
    for block in blocks:
        if block.removed:
            continue
        if block.kind == "front_matter":
            out += ["---", block.body if not block.blank else "license:\ntags:", "---", ""]
            continue
        if block.heading.startswith("# ") and block.blank:
            out += ["# Model Card for [Model Name]", ""]
        elif block.heading:
            out += [block.heading, ""]
        if comments and block.comment:
            out += [f"<!-- {block.comment} -->", ""]
        if block.blank:
            if block.kind == "fields":
                out += ["\n".join(line.split(":**")[0] + ":** " + PLACEHOLDER for line in block.body.split("\n")), ""]
            elif block.body:
                out += [PLACEHOLDER, ""]
        elif block.body:
            out += [block.body, ""]
    return "\n".join(out)


def labels(blocks: list[Block], items: list[str]) -> dict[str, bool]:
    intact = set().union(*(blk.provides for blk in blocks if not blk.removed and not blk.blank))
    return {item: item in intact for item in items}


def heading_text(block: Block, change: Callable[[str, str], str]) -> Block:
    if not block.heading or block.heading == "#" or block.kind == "front_matter":
        return block
    hashes, _, title = block.heading.partition(" ")
    if hashes == "#":
        return block
    return replace(block, heading=f"{hashes} {change(hashes, title)}")


def variants() -> dict[str, tuple[str, list[Block]]]:
    """name -> (text, blocks) for every template-following fixture card."""
    rng = random.Random(2026)
    full = list(BLOCKS)
    cards: dict[str, tuple[str, list[Block]]] = {"complete": (render(full), full)}

    half = [replace(blk, blank=True) if i % 2 and blk.provides else blk for i, blk in enumerate(full)]
    cards["half-filled"] = (render(half), half)
    cards["half-filled-crlf"] = (render(half).replace("\n", "\r\n"), half)

    bold = [heading_text(blk, lambda h, t: f"**{t}:**") for blk in full]
    cards["bold-headings"] = (render(bold), bold)

    decorated = [
        heading_text(blk, lambda h, t: f"{t} [optional] {{ #{t.lower().replace(' ', '-').replace(',', '')} }}")
        for blk in full
    ]
    cards["optional-and-attr-lists"] = (render(decorated), decorated)

    renamed_titles = {
        "### Direct Use": "### Intended Use",
        "### Out-of-Scope Use": "### Out-of-scope uses",
        "## How to Get Started with the Model": "## Usage",
        "### Training Procedure": "### Training procedure",
        "#### Metrics": "#### Evaluation Metrics",
        "## Bias, Risks, and Limitations": "## Limitations and Biases",
        "## More Information": "## Additional Information",
        "## Acknowledgements": "## Funding",
    }
    renamed = [replace(blk, heading=renamed_titles.get(blk.heading, blk.heading)) for blk in full]
    cards["renamed-headings"] = (render(renamed), renamed)

    dropped = [
        replace(blk, removed=True) if blk.provides and rng.random() < 0.35 and blk.kind != "front_matter" else blk
        for blk in full
    ]
    cards["sections-deleted-no-comments"] = (render(dropped, comments=False), dropped)

    blanked = [replace(blk, blank=True) if blk.provides and rng.random() < 0.6 else blk for blk in full]
    cards["mostly-placeholders"] = (render(blanked), blanked)

    sub_bullets = [
        replace(
            blk,
            body=blk.body.replace(
                "- **Developed by:** The Example Habitat Lab, University of Nowhere",
                "- **Developed by:**\n    - Ada Example (University of Nowhere)\n"
                "    - Bo Example (Example Habitat Lab)",
            ),
        )
        for blk in full
    ]
    cards["field-sub-bullets"] = (render(sub_bullets), sub_bullets)

    untouched = [replace(blk, blank=True) if blk.provides else blk for blk in full]
    cards["untouched"] = (render(untouched), untouched)
    return cards
