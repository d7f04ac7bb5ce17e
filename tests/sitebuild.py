"""Build small fixture sites in-process, the way awesome-nav's tests do."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

GOOD_CARD = """\
---
license: mit
language:
- en
tags:
- biology
- images
datasets:
- example/beetles-2k
metrics:
- accuracy
model_description: A convolutional network that sorts beetle photographs into 40 genera.
---

# Model Card for BeetleNet

BeetleNet sorts photographs of ground beetles into 40 genera for field surveys.

## Model Details

### Model Description

BeetleNet is a ResNet-50 image classifier trained from scratch on museum photographs of
carabid beetles, built to speed up the sorting of pitfall-trap samples.

- **Developed by:** The Example Lab
- **Model type:** ResNet-50 convolutional classifier
- **Language(s) (NLP):** not applicable (images)
- **License:** MIT
- **Fine-tuned from model:** trained from scratch

### Model Sources

- **Repository:** https://github.com/example/beetlenet
- **Paper:** https://doi.org/10.0000/beetlenet
- **Demo:** https://huggingface.co/spaces/example/beetlenet

## Uses

### Direct Use

Sorting beetle photographs taken in the lab into genera before expert review.

### Downstream Use

Fine-tuning on other insect families, or as the first stage of a species identification pipeline.

### Out-of-Scope Use

Identifying species from field photographs with cluttered backgrounds; any use without expert review.

## Bias, Risks, and Limitations

The training photographs come from three European museums, so genera from other regions are rare.

### Recommendations

Have an expert confirm every prediction below 0.9 confidence and report regional errors.

## How to Get Started with the Model

```python
from beetlenet import load
model = load("beetlenet-v1")
```

## Training Details

### Training Data

Twelve thousand museum photographs of 40 carabid genera, described in its dataset card.

### Training Procedure

#### Preprocessing

Images were cropped to the specimen and resized to 384 pixels on the long side.

#### Training Hyperparameters

- **Training regime:** fp16 mixed precision, 60 epochs, AdamW, learning rate 3e-4

#### Speeds, Sizes, Times

Training took 9 hours on one GPU; the checkpoint is 98 MB.

## Evaluation

### Testing Data, Factors & Metrics

#### Testing Data

A held-out set of 1,500 photographs from a fourth museum.

#### Factors

Results are broken down by genus and by museum of origin.

#### Metrics

Top-1 accuracy and macro F1, because genera are unevenly represented.

### Results

Top-1 accuracy 91.2%, macro F1 0.87 on the held-out museum.

#### Summary

BeetleNet beats a linear probe on CLIP features by six points.

## Model Examination

Grad-CAM maps show the model attends to elytra texture and pronotum shape.

## Environmental Impact

- **Hardware Type:** 1x NVIDIA A100
- **Hours used:** 9
- **Cloud Provider:** university cluster
- **Compute Region:** Ohio, USA
- **Carbon Emitted:** 1.2 kg CO2eq

## Technical Specifications

### Model Architecture and Objective

ResNet-50 with a 40-way softmax head, trained with cross-entropy and label smoothing.

### Compute Infrastructure

#### Hardware

One GPU with 16 GB memory is enough for inference.

#### Software

PyTorch 2.3 and torchvision 0.18.

## Citation

**BibTeX:**

```
@software{beetlenet2026,
  author = {Example Lab},
  title = {BeetleNet},
  year = {2026}
}
```

## Acknowledgements

This work was supported by the Example Foundation under grant 1234.

## Glossary

Genus: the rank above species.

## More Information

Photographs are available on request from the museums.

## Model Card Authors

Ada Example and Bo Example

## Model Card Contact

beetlenet@example.org
"""

EMPTY_CARD = """\
---
license:
tags:
---

# Model Card for Draft

<!-- Provide a quick summary of what the model is/does. -->

## Model Details

### Model Description

- **Developed by:** [More Information Needed]
- **Model type:** [More Information Needed]

## Uses

### Direct Use

[More Information Needed]

### Out-of-Scope Use

[More Information Needed]

## Training Details

### Training Data

[More Information Needed]
"""

ORDINARY_PAGE = """\
# About our models

## Uses

Our models are used by many groups.
"""

CHECKLIST_PAGE = """\
# Model Card Checklist

## General Information

- [ ] **Model Name**: Provide the name of the model.

## Model Details

- [ ] **Developed by**: List the developers.

## Uses

- [ ] **Direct Use**: Describe how the model can be used.

## Bias, Risks, and Limitations

- [ ] **Recommendations**: Provide recommendations.

## Training Details

- [ ] **Training Data**: Describe the dataset.

## Evaluation

- [ ] **Results**: Summarize model performance.
"""

TEMPLATE_PAGE = """\
# Model Card Template

Copy the template below.

```markdown
# Model Card for [Model Name]

## Model Details

### Model Description

## Uses

### Direct Use

## Bias, Risks, and Limitations

## Training Details

### Training Data
```
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def make_site(tmp_path: Path, files: dict[str, str | bytes], **config: Any) -> Path:
    """Write docs and mkdocs.yml; returns the config file path."""
    write_tree(tmp_path / "docs", files)
    settings: dict[str, Any] = {"site_name": "Fixture", "plugins": ["modelcard"]}
    settings.update(config)
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return config_file


def build_site(config_file: Path, **overrides: Any) -> Path:
    config = load_config(str(config_file), **overrides)
    build(config)
    return Path(config.site_dir)


def page(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


@contextmanager
def captured_mkdocs_logs() -> Iterator[list[logging.LogRecord]]:
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect(level=logging.DEBUG)
    logger = logging.getLogger("mkdocs")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


# The fixture site most plugin and host tests build: two cards and the pages that must not become cards.
SITE = {
    "index.md": "# Home\n\nWelcome.\n",
    "models/beetlenet_model_card.md": GOOD_CARD,
    "models/draft.md": EMPTY_CARD,
    "about.md": ORDINARY_PAGE,
    "guide/checklist.md": CHECKLIST_PAGE,
    "guide/template.md": TEMPLATE_PAGE,
}
CARDS = ["models/beetlenet_model_card.md", "models/draft.md"]
NOT_CARDS = ["index.md", "about.md", "guide/checklist.md", "guide/template.md"]
