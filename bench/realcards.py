"""Generate model cards with the size and structure of real Hugging Face cards.

The synthetic cards of ``benchmark.py`` are small and tidy (about 4 KB, one
template); real cards are bigger and messier, and the engine's cost grows with
what is in them: long ``model-index`` front matter, results tables, code,
configuration dumps and logs. Real cards cannot be shipped with the package
(their licences vary), so this writes cards calibrated on them instead, the
same bytes for the same seed.

Calibration: the 6,880 cards of more than 2 KB among the 25,109 Hugging Face
model cards of github.com/Wenxin-Jiang/CS577-NLP (``project/model_cards``):

- size: mean 5,976 bytes; quantiles 10% 2,174, 50% 3,015, 80% 5,932,
  90% 10,596, 95% 16,301, 99% 58,024, 99.9% 179,558, largest 599,615
  (23 cards past 100 KB). Sizes are drawn from these quantiles (``SIZE_QUANTILES``).
- 94% have front matter (median 11 lines, 95th percentile 58, longest 24,756);
  45% have ``model-index`` (median 20 front matter lines, 95th percentile 71).
- lines per card: median 86, 95th percentile 270; table lines: median 3,
  95th percentile 48; code blocks: median 1, 95th percentile 6; 7% use ``<details>``.
- families, by their headings (``FAMILIES``): free-form 39%, Trainer-generated
  (Training hyperparameters / Training results / Framework versions) 25%,
  Stable-Baselines3 RL Zoo 12%, BERT-style original cards 11%,
  sentence-transformers 5%, ESPnet 2.5% (configuration dumps, results tables),
  spaCy 2.4% (label schemes, accuracy tables; the largest cards), timm 1.8%,
  the Hugging Face template 0.8%, AutoTrain 0.5%.

Each card is built from its family's parts, then grown with the parts real cards
of that family grow by (results rows, metrics in ``model-index``, configuration
lines, label lists, log lines, prose) until it reaches a size drawn from the
quantiles above, so the corpus matches both the size distribution and the mix
of structures.

    python bench/realcards.py OUT_DIR --cards 1000 [--seed 1]
"""

from __future__ import annotations

import argparse
import bisect
import math
import random
from collections.abc import Callable
from pathlib import Path

SIZE_QUANTILES = [
    (0.0, 2049),
    (0.1, 2174),
    (0.2, 2283),
    (0.3, 2463),
    (0.4, 2673),
    (0.5, 3015),
    (0.6, 3612),
    (0.7, 4253),
    (0.8, 5932),
    (0.9, 10596),
    (0.95, 16301),
    (0.98, 32747),
    (0.99, 58024),
    (0.997, 115968),
    (0.999, 179558),
    (1.0, 599615),
]

_PROSE = (
    "the model was trained on a large corpus of text and images for classification tasks using standard "
    "preprocessing with tokenization and the results show strong accuracy on held out evaluation data however "
    "performance may degrade on out of domain inputs and users should be aware of biases in the training data "
    "which was collected from public web sources this checkpoint is fine tuned from a pretrained base model and "
    "can be used for inference with the transformers library we report precision recall and f1 scores averaged "
    "over three runs the dataset contains examples in english and other languages labels were annotated by "
    "volunteers limitations include sensitivity to noise and long sequences intended uses are research and "
    "prototyping not production deployment in high risk settings "
    # Words of real cards' prose that the checklist's content patterns look for, and others around them.
    "license apache mit commercial non-commercial gpu gpus a100 v100 tpu hours carbon emissions co2 kg hardware "
    "cloud provider region compute infrastructure framework pytorch tensorflow jax onnx version versions "
    "developed by authors author team university lab company funded sponsored grant contact email issues "
    "github repository paper arxiv citation cite bibtex demo space downstream out-of-scope misuse malicious "
    "harmful offensive toxic fairness gender race ethnicity demographic underrepresented risks recommendations "
    "mitigation evaluate evaluated testing test split validation benchmark leaderboard metric metrics bleu rouge "
    "wer cer perplexity exact match auc loss epochs epoch batch size learning rate optimizer adam adamw warmup "
    "scheduler seed steps gradient accumulation mixed precision fp16 bf16 quantized int8 parameters million "
    "billion layers heads hidden attention transformer encoder decoder architecture objective masked language "
    "modeling causal sequence-to-sequence summarization translation question answering named entity recognition "
    "sentiment analysis speech recognition audio sampled 16khz image resolution pixels crop augmentation "
    "tokenizer vocabulary wordpiece sentencepiece bpe cased uncased lowercased multilingual german french "
    "spanish chinese japanese arabic hindi we thank acknowledge support community contributors please note "
    "disclaimer may produce inaccurate factually incorrect outputs hallucinations should not be relied upon "
    "for medical legal financial advice example usage pipeline tokenizer model generate outputs print results "
    "trained for weeks on cluster nodes using deepspeed accelerate distributed data parallel checkpoints saved "
    "every steps evaluation strategy best model selected lowest validation loss early stopping patience"
)
WORDS = _PROSE.split()
ORGS = ("nlp-lab", "jsmith", "deepvision", "speech-group", "helsinki", "bio-ml", "ai4good", "tinyllm", "rl-zoo")
BASES = ("bert-base-uncased", "distilbert-base-uncased", "roberta-base", "xlm-roberta-large", "t5-small", "gpt2")
DATASETS = ("imdb", "glue", "squad", "conll2003", "common_voice", "librispeech_asr", "wikitext", "xsum", "emotion")
METRICS = ("Accuracy", "F1", "Precision", "Recall", "Loss", "Wer", "Bleu", "Rouge1", "Rouge2", "Rougel")
TASKS = (
    ("text-classification", "Text Classification"),
    ("token-classification", "Token Classification"),
    ("automatic-speech-recognition", "Automatic Speech Recognition"),
    ("summarization", "Summarization"),
    ("question-answering", "Question Answering"),
)


def prose(rng: random.Random, words: int) -> str:
    """Sentences of card-like vocabulary: the content patterns search prose, so its length matters."""
    sentences = []
    while words > 0:
        n = min(words, rng.randint(8, 22))
        picked = [rng.choice(WORDS) for _ in range(n)]
        sentences.append(" ".join(picked).capitalize() + ".")
        words -= n
    return " ".join(sentences)


def front_matter(rng: random.Random, name: str, model_index: bool, grow: int = 0) -> list[str]:
    task, task_name = rng.choice(TASKS)
    lines = ["---", f"license: {rng.choice(['apache-2.0', 'mit', 'cc-by-4.0', 'openrail'])}"]
    if rng.random() < 0.6:
        lines.append(f"language: {rng.choice(['en', 'de', 'fr', 'es', 'multilingual'])}")
    lines += ["tags:", "- generated_from_trainer", f"- {task}"]
    if rng.random() < 0.7:
        lines += ["datasets:", f"- {rng.choice(DATASETS)}"]
    if rng.random() < 0.5:
        lines += ["metrics:", *(f"- {m.lower()}" for m in rng.sample(METRICS, 2))]
    if rng.random() < 0.3:
        lines += ["widget:", *(f'- text: "{prose(rng, 12)}"' for _ in range(rng.randint(1, 4)))]
    if model_index:
        lines += ["model-index:", f"- name: {name}", "  results:"]
        for _ in range(1 + grow // 60 if grow else rng.randint(1, 2)):
            dataset = rng.choice(DATASETS)
            lines += [
                "  - task:",
                f"      name: {task_name}",
                f"      type: {task}",
                "    dataset:",
                f"      name: {dataset}",
                f"      type: {dataset}",
                "      config: default",
                f"      split: {rng.choice(['test', 'validation'])}",
                "    metrics:",
            ]
            for metric in rng.sample(METRICS, rng.randint(1, 5)):
                lines += [
                    f"    - name: {metric}",
                    f"      type: {metric.lower()}",
                    f"      value: {rng.random():.16f}",
                ]
                if rng.random() < 0.3:
                    lines.append("      verified: false")
    lines.append("---")
    return lines


def results_table(rng: random.Random, rows: int, metrics: list[str]) -> list[str]:
    header = ["Training Loss", "Epoch", "Step", "Validation Loss", *metrics]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(":-----:" for _ in header) + "|"]
    loss = 2.0 + rng.random()
    for row in range(rows):
        loss *= 0.9 + 0.08 * rng.random()
        cells = [f"{loss:.4f}" if row else "No log", f"{row + 1:.1f}", str((row + 1) * 500), f"{loss * 1.1:.4f}"]
        cells += [f"{rng.random():.4f}" for _ in metrics]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def log_lines(rng: random.Random, count: int) -> list[str]:
    lines = ["```"]
    for step in range(count):
        lines.append(
            f"{{'loss': {rng.random() * 2:.4f}, 'learning_rate': {rng.random() * 5e-5:.2e}, "
            f"'epoch': {step / 10:.2f}}}  step {step * 50}/{count * 50}"
        )
    return [*lines, "```"]


def trainer(rng: random.Random, name: str, grow: int) -> list[str]:
    base, dataset = rng.choice(BASES), rng.choice(DATASETS)
    metrics = rng.sample(METRICS[:4], rng.randint(1, 3))
    lines = [
        "<!-- This model card has been generated automatically according to the information the Trainer had "
        "access to. You should probably proofread and complete it, then remove this comment. -->",
        "",
        f"# {name}",
        "",
        f"This model is a fine-tuned version of [{base}](https://huggingface.co/{base}) on the {dataset} dataset.",
        "It achieves the following results on the evaluation set:",
        f"- Loss: {rng.random():.4f}",
        *(f"- {m}: {rng.random():.4f}" for m in metrics),
        "",
        "## Model description",
        "",
        rng.choice(["More information needed", prose(rng, 40)]),
        "",
        "## Intended uses & limitations",
        "",
        rng.choice(["More information needed", prose(rng, 30)]),
        "",
        "## Training and evaluation data",
        "",
        "More information needed",
        "",
        "## Training procedure",
        "",
        "### Training hyperparameters",
        "",
        "The following hyperparameters were used during training:",
        f"- learning_rate: {rng.choice(['2e-05', '5e-05', '3e-04'])}",
        f"- train_batch_size: {rng.choice([8, 16, 32])}",
        f"- eval_batch_size: {rng.choice([8, 16, 32])}",
        f"- seed: {rng.randint(1, 100)}",
        "- optimizer: Adam with betas=(0.9,0.999) and epsilon=1e-08",
        "- lr_scheduler_type: linear",
        f"- num_epochs: {rng.randint(1, 20)}",
        "",
        "### Training results",
        "",
        *results_table(rng, max(3, grow), metrics),
        "",
        "",
        "### Framework versions",
        "",
        f"- Transformers 4.{rng.randint(10, 30)}.0",
        "- Pytorch 1.13.1+cu116",
        "- Datasets 2.8.0",
        "- Tokenizers 0.13.2",
    ]
    return lines


def sb3(rng: random.Random, name: str, grow: int) -> list[str]:
    algo, env = rng.choice(["DQN", "PPO", "A2C", "QRDQN"]), rng.choice(["SpaceInvadersNoFrameskip-v4", "CartPole-v1"])
    lines = [
        f"# **{algo}** Agent playing **{env}**",
        f"This is a trained model of a **{algo}** agent playing **{env}**",
        "using the [stable-baselines3 library](https://github.com/DLR-RM/stable-baselines3)",
        "and the [RL Zoo](https://github.com/DLR-RM/rl-baselines3-zoo).",
        "",
        "## Usage (with SB3 RL Zoo)",
        "",
        "```",
        "# Download model and save it into the logs/ folder",
        f"python -m rl_zoo3.load_from_hub --algo {algo.lower()} --env {env} -orga {name} -f logs/",
        f"python enjoy.py --algo {algo.lower()} --env {env}  -f logs/",
        "```",
        "",
        "## Training (with the RL Zoo)",
        "```",
        f"python train.py --algo {algo.lower()} --env {env} -f logs/",
        "# Upload the model and generate video (when possible)",
        f"python -m rl_zoo3.push_to_hub --algo {algo.lower()} --env {env} -f logs/ -orga {name}",
        "```",
        "",
        "## Hyperparameters",
        "```python",
        "OrderedDict([('batch_size', 32),",
        f"             ('buffer_size', {rng.choice([100000, 200000])}),",
        "             ('env_wrapper',",
        "              ['stable_baselines3.common.atari_wrappers.AtariWrapper']),",
        f"             ('exploration_final_eps', {rng.random():.2f}),",
        f"             ('learning_rate', {rng.random() / 1000:.6f}),",
        "             ('n_timesteps', 10000000.0),",
        "             ('normalize', False)])",
        "```",
    ]
    if grow:
        lines += ["", "## Training log", *log_lines(rng, grow)]
    return lines


def bertlike(rng: random.Random, name: str, grow: int) -> list[str]:
    lines = [
        f"# {name}",
        "",
        prose(rng, 60),
        "",
        "## Model description",
        "",
        prose(rng, 80),
        "",
        "## Intended uses & limitations",
        "",
        prose(rng, 40),
        "",
        "### How to use",
        "",
        "You can use this model directly with a pipeline:",
        "",
        "```python",
        ">>> from transformers import pipeline",
        f">>> unmasker = pipeline('fill-mask', model='{name}')",
        '>>> unmasker("Hello I\'m a [MASK] model.")',
        "[{'sequence': \"[CLS] hello i'm a fashion model. [SEP]\", 'score': 0.1073, 'token': 4827}]",
        "```",
        "",
        "### Limitations and bias",
        "",
        prose(rng, 50),
        "",
        "## Training data",
        "",
        prose(rng, 40),
        "",
        "## Training procedure",
        "",
        "### Preprocessing",
        "",
        prose(rng, 60),
        "",
        "### Pretraining",
        "",
        prose(rng, 40),
        "",
        "## Evaluation results",
        "",
        "| Task | MNLI-(m/mm) | QQP | QNLI | SST-2 | CoLA | STS-B | MRPC | RTE | Average |",
        "|:----:|:-----------:|:----:|:----:|:-----:|:----:|:-----:|:----:|:----:|:-------:|",
        *(
            "|      | " + " | ".join(f"{50 + 50 * rng.random():.1f}" for _ in range(9)) + " |"
            for _ in range(1 + grow // 2)
        ),
        "",
        "### BibTeX entry and citation info",
        "",
        "```bibtex",
        f"@article{{{name.replace('-', '')}2020,",
        f"  title={{{prose(rng, 8)}}},",
        "  author={Jane Doe and John Roe},",
        "  journal={arXiv preprint arXiv:1810.04805},",
        "  year={2020}",
        "}",
        "```",
    ]
    return lines


def sentence_transformers(rng: random.Random, name: str, grow: int) -> list[str]:
    return [
        f"# {name}",
        "",
        "This is a [sentence-transformers](https://www.SBERT.net) model: It maps sentences & paragraphs to a "
        f"{rng.choice([384, 768])} dimensional dense vector space and can be used for tasks like clustering or "
        "semantic search.",
        "",
        "## Usage (Sentence-Transformers)",
        "",
        "```",
        "pip install -U sentence-transformers",
        "```",
        "",
        "```python",
        "from sentence_transformers import SentenceTransformer",
        'sentences = ["This is an example sentence", "Each sentence is converted"]',
        f"model = SentenceTransformer('{name}')",
        "embeddings = model.encode(sentences)",
        "print(embeddings)",
        "```",
        "",
        "## Usage (HuggingFace Transformers)",
        "",
        "```python",
        "from transformers import AutoTokenizer, AutoModel",
        "import torch",
        "",
        "# Mean Pooling - Take attention mask into account for correct averaging",
        "def mean_pooling(model_output, attention_mask):",
        "    token_embeddings = model_output[0]",
        "    input_mask_expanded = attention_mask.unsqueeze(-1).expand(token_embeddings.size()).float()",
        "    return torch.sum(token_embeddings * input_mask_expanded, 1) / torch.clamp(input_mask_expanded.sum(1))",
        "",
        "# Load model from HuggingFace Hub",
        f"tokenizer = AutoTokenizer.from_pretrained('{name}')",
        f"model = AutoModel.from_pretrained('{name}')",
        "```",
        "",
        "## Evaluation Results",
        "",
        "For an automated evaluation of this model, see the *Sentence Embeddings Benchmark*: "
        "[https://seb.sbert.net](https://seb.sbert.net?model_name={MODEL_NAME})",
        "",
        "## Training",
        "The model was trained with the parameters:",
        "",
        "**DataLoader**:",
        "",
        f"`torch.utils.data.dataloader.DataLoader` of length {rng.randint(100, 9000)} with parameters:",
        "```",
        "{'batch_size': 16, 'sampler': 'torch.utils.data.sampler.RandomSampler', 'batch_sampler': 'BatchSampler'}",
        "```",
        "",
        "**Loss**:",
        "",
        "`sentence_transformers.losses.CosineSimilarityLoss.CosineSimilarityLoss`",
        "",
        *(log_lines(rng, grow) if grow else []),
        "",
        "## Full Model Architecture",
        "```",
        "SentenceTransformer(",
        "  (0): Transformer({'max_seq_length': 256, 'do_lower_case': False}) with Transformer model: BertModel",
        "  (1): Pooling({'word_embedding_dimension': 384, 'pooling_mode_cls_token': False})",
        ")",
        "```",
        "",
        "## Citing & Authors",
        "",
        "<!--- Describe where people can find more information -->",
    ]


def espnet(rng: random.Random, name: str, grow: int) -> list[str]:
    lines = [
        "## ESPnet2 ASR model ",
        "",
        f"### `{name}`",
        "",
        f"This model was trained by {rng.choice(ORGS)} using {rng.choice(DATASETS)} recipe in "
        "[espnet](https://github.com/espnet/espnet/).",
        "",
        "### Demo: How to use in ESPnet2",
        "",
        "```bash",
        "cd espnet",
        "pip install -e .",
        "./run.sh --skip_data_prep false --skip_train true --download_model " + name,
        "```",
        "",
        "<!-- Generated by scripts/utils/show_asr_result.sh -->",
        "# RESULTS",
        "## Environments",
        f"- date: `Mon Jan {rng.randint(1, 28)} 10:12:51 JST 2022`",
        "- python version: `3.9.7 (default, Sep 16 2021, 13:09:58)  [GCC 7.5.0]`",
        "- espnet version: `espnet 0.10.6a1`",
        "- pytorch version: `pytorch 1.10.1`",
        "",
    ]
    for unit in ("WER", "CER", "TER"):
        lines += [
            f"### {unit}",
            "",
            "|dataset|Snt|Wrd|Corr|Sub|Del|Ins|Err|S.Err|",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in range(2 + grow // 20):
            cells = [f"decode_asr_lm/test_{row}", str(rng.randint(300, 3000)), str(rng.randint(5000, 60000))]
            cells += [f"{100 * rng.random():.1f}" for _ in range(6)]
            lines.append("|" + "|".join(cells) + "|")
        lines.append("")
    lines += ["## ASR config", "", "<details><summary>expand</summary>", "", "```", "config: conf/train_asr.yaml"]
    lines += ["print_config: false", "log_level: INFO", "dry_run: false", "iterator_type: sequence", "token_list:"]
    lines += [f"- {chr(97 + i % 26)}{i // 26 or ''}" for i in range(max(10, grow * 2))]
    lines += ["init: xavier_uniform", "input_size: null", "ctc_conf:", "    dropout_rate: 0.0", "```", "", "</details>"]
    lines += [
        "",
        "### Citing ESPnet",
        "",
        "```BibTex",
        "@inproceedings{watanabe2018espnet,",
        "  author={Shinji Watanabe and Takaaki Hori},",
        "  title={{ESPnet}: End-to-End Speech Processing Toolkit},",
        "  year={2018}",
        "}",
        "```",
    ]
    return lines


def spacy(rng: random.Random, name: str, grow: int) -> list[str]:
    lines = [
        f"### Details: https://spacy.io/models/xx#{name}",
        "",
        prose(rng, 15),
        "",
        "| Feature | Description |",
        "| --- | --- |",
        f"| **Name** | `{name}` |",
        "| **Version** | `3.5.0` |",
        "| **spaCy** | `>=3.5.0,<3.6.0` |",
        "| **Default Pipeline** | `tok2vec`, `morphologizer`, `parser`, `attribute_ruler`, `lemmatizer`, `ner` |",
        "| **Vectors** | 500000 keys, 500000 unique vectors (300 dimensions) |",
        "| **Sources** | [UD treebank v2.8](https://github.com/UniversalDependencies) |",
        "| **License** | `GNU GPL 3.0` |",
        "| **Author** | [Explosion](https://explosion.ai) |",
        "",
        "### Label Scheme",
        "",
        "<details>",
        "",
        f"<summary>View label scheme ({rng.randint(100, 900)} labels for 4 components)</summary>",
        "",
        "| Component | Labels |",
        "| --- | --- |",
    ]
    labels = [f"`POS={rng.choice(['NOUN', 'VERB', 'ADJ', 'DET'])}\\|Number={rng.choice(['Sing', 'Plur'])}`"]
    labels += [f"`Case={rng.choice(['Nom', 'Acc', 'Dat'])}\\|Gender=Masc\\|POS=PRON`" for _ in range(3 + grow * 3)]
    lines += [f"| **`morphologizer`** | {', '.join(labels)} |", "| **`ner`** | `LOC`, `MISC`, `ORG`, `PER` |"]
    lines += ["", "</details>", "", "### Accuracy", "", "| Type | Score |", "| --- | --- |"]
    lines += [f"| `{m}` | {100 * rng.random():.2f} |" for m in ("TOKEN_ACC", "POS_ACC", "MORPH_ACC", "LEMMA_ACC")]
    return lines


def timm(rng: random.Random, name: str, grow: int) -> list[str]:
    lines = [
        f"# Model card for {name}",
        "",
        "A timm specific image classification model. Trained in `timm` on ImageNet-1k by Ross Wightman.",
        "",
        prose(rng, 60),
        "",
        "## Model Details",
        "- **Model Type:** Image classification / feature backbone",
        "- **Model Stats:**",
        f"  - Params (M): {rng.random() * 100:.1f}",
        f"  - GMACs: {rng.random() * 20:.1f}",
        "  - Image size: 224 x 224",
        "- **Papers:**",
        "  - An Image is Worth 16x16 Words: https://arxiv.org/abs/2010.11929v2",
        "- **Dataset:** ImageNet-1k",
        "",
        "## Model Usage",
        "### Image Classification",
        "```python",
        "from urllib.request import urlopen",
        "from PIL import Image",
        "import timm",
        "",
        f"model = timm.create_model('{name}', pretrained=True)",
        "model = model.eval()",
        "",
        "# get model specific transforms (normalization, resize)",
        "data_config = timm.data.resolve_model_data_config(model)",
        "transforms = timm.data.create_transform(**data_config, is_training=False)",
        "output = model(transforms(img).unsqueeze(0))  # unsqueeze single image into batch of 1",
        "```",
        "",
        "### Feature Map Extraction",
        "```python",
        f"model = timm.create_model('{name}', pretrained=True, features_only=True)",
        "for o in output:",
        "    # print shape of each feature map in output",
        "    print(o.shape)",
        "```",
        "",
        "## Model Comparison",
        "Explore the dataset and runtime metrics of this model in timm [model results]"
        "(https://github.com/huggingface/pytorch-image-models/tree/main/results).",
        "",
        "|model|top1|top5|param_count|img_size|",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"|[model_{i}.in1k](https://huggingface.co/timm/model_{i})|{70 + 20 * rng.random():.2f}|"
        f"{90 + 9 * rng.random():.2f}|{rng.random() * 300:.2f}|224|"
        for i in range(10 + grow)
    ]
    lines += ["", "## Citation", "```bibtex", "@misc{rw2019timm,", "  author = {Ross Wightman},", "}", "```"]
    return lines


def hf_template(rng: random.Random, name: str, grow: int) -> list[str]:
    def filled(words: int) -> str:
        return prose(rng, words) if rng.random() < 0.5 else "[More Information Needed]"

    lines = [f"# Model Card for {name}", "", "<!-- Provide a quick summary of what the model is/does. -->", ""]
    for heading, words in (
        ("## Model Details", 0),
        ("### Model Description", 60),
        ("### Model Sources [optional]", 0),
        ("## Uses", 0),
        ("### Direct Use", 30),
        ("### Downstream Use [optional]", 30),
        ("### Out-of-Scope Use", 30),
        ("## Bias, Risks, and Limitations", 40),
        ("### Recommendations", 30),
        ("## How to Get Started with the Model", 20),
        ("## Training Details", 0),
        ("### Training Data", 30),
        ("### Training Procedure", 0),
        ("#### Training Hyperparameters", 10),
        ("## Evaluation", 0),
        ("### Testing Data, Factors & Metrics", 0),
        ("#### Testing Data", 20),
        ("#### Metrics", 20),
        ("### Results", 30),
        ("## Environmental Impact", 0),
        ("## Technical Specifications [optional]", 0),
        ("### Model Architecture and Objective", 30),
        ("## Citation [optional]", 0),
        ("## Model Card Authors [optional]", 5),
        ("## Model Card Contact", 5),
    ):
        lines += [heading, "", "<!-- This section describes ... -->", ""]
        if heading == "### Model Description":
            lines += [filled(words), "", "- **Developed by:** " + rng.choice(["[More Information Needed]", name])]
            lines += ["- **Model type:** [More Information Needed]", "- **License:** apache-2.0", ""]
        elif heading == "## Environmental Impact":
            lines += ["- **Hardware Type:** " + rng.choice(["[More Information Needed]", "8x A100"]), ""]
        elif words:
            lines += [filled(words), ""]
    if grow:
        lines += ["### Results", "", *results_table(rng, grow, ["Accuracy"])]
    return lines


def autotrain(rng: random.Random, name: str, grow: int) -> list[str]:
    lines = [
        "# Model Trained Using AutoTrain",
        "",
        f"- Problem type: {rng.choice(['Binary Classification', 'Multi-class Classification', 'Summarization'])}",
        f"- Model ID: {rng.randint(10**9, 10**10)}",
        f"- CO2 Emissions (in grams): {rng.random() * 50:.4f}",
        "",
        "## Validation Metrics",
        "",
        *(f"- {m}: {rng.random():.3f}" for m in ("Loss", "Accuracy", "Precision", "Recall", "AUC", "F1")),
        "",
        "## Usage",
        "",
        "You can use cURL to access this model:",
        "",
        "```",
        '$ curl -X POST -H "Authorization: Bearer YOUR_API_KEY" -H "Content-Type: application/json" '
        f'-d \'{{"inputs": "I love AutoTrain"}}\' https://api-inference.huggingface.co/models/{name}',
        "```",
        "",
        "Or Python API:",
        "",
        "```python",
        "from transformers import AutoModelForSequenceClassification, AutoTokenizer",
        f'model = AutoModelForSequenceClassification.from_pretrained("{name}", use_auth_token=True)',
        'inputs = tokenizer("I love AutoTrain", return_tensors="pt")',
        "outputs = model(**inputs)",
        "```",
    ]
    if grow:
        lines += ["", "## Training log", *log_lines(rng, grow)]
    return lines


def free_form(rng: random.Random, name: str, grow: int) -> list[str]:
    lines = [f"# {name}", "", prose(rng, rng.randint(30, 120)), ""]
    headings = ["## Model description", "## Usage", "## Training", "## Results", "## Limitations", "## License"]
    for heading in rng.sample(headings, rng.randint(2, 5)):
        lines += [heading, "", prose(rng, rng.randint(20, 80)), ""]
        if heading == "## Usage":
            lines += ["```python", f"model = load('{name}')", "print(model('some input'))", "```", ""]
        if heading == "## Results" and rng.random() < 0.5:
            lines += [*results_table(rng, rng.randint(2, 8), ["Accuracy"]), ""]
    for _ in range(grow // 4):
        kind = rng.random()
        if kind < 0.5:
            lines += [prose(rng, 60), ""]
        elif kind < 0.8:
            lines += [*log_lines(rng, 8), ""]
        else:
            lines += [f"### Example {rng.randint(1, 99)}", "", prose(rng, 30), ""]
    return lines


Family = Callable[[random.Random, str, int], list[str]]
FAMILIES: list[tuple[str, float, Family]] = [
    ("free-form", 0.39, free_form),
    ("trainer", 0.25, trainer),
    ("sb3", 0.12, sb3),
    ("bert-like", 0.11, bertlike),
    ("sentence-transformers", 0.05, sentence_transformers),
    ("espnet", 0.025, espnet),
    ("spacy", 0.024, spacy),
    ("timm", 0.018, timm),
    ("hf-template", 0.008, hf_template),
    ("autotrain", 0.005, autotrain),
]


def target_size(rng: random.Random) -> int:
    """A size drawn from the real cards' quantiles, interpolated in log space."""
    u = rng.random()
    i = max(1, bisect.bisect_left([q for q, _ in SIZE_QUANTILES], u))
    (q0, s0), (q1, s1) = SIZE_QUANTILES[i - 1], SIZE_QUANTILES[i]
    t = (u - q0) / (q1 - q0) if q1 > q0 else 0.0
    return int(math.exp(math.log(s0) + t * (math.log(s1) - math.log(s0))))


def card(index: int, seed: int = 1) -> tuple[str, str]:
    """(family, text) of card ``index``: the same for the same index and seed."""
    rng = random.Random(seed * 1_000_003 + index)  # noqa: S311 - reproducible test data
    family_rng = rng.random()
    total = 0.0
    name, make = FAMILIES[-1][0], FAMILIES[-1][2]
    for family, weight, build in FAMILIES:
        total += weight
        if family_rng < total:
            name, make = family, build
            break
    model = f"{rng.choice(ORGS)}/{rng.choice(BASES).split('-')[0]}-finetuned-{index:05d}"
    target = target_size(rng)
    state = rng.getstate()

    def build(grow: int) -> str:
        rng.setstate(state)
        has_front = rng.random() < 0.94
        model_index = has_front and (rng.random() < 0.3 or name == "trainer")
        head = front_matter(rng, model.split("/")[1], model_index, grow) if has_front else []
        return "\n".join([*head, *make(rng, model.split("/")[1], grow)]) + "\n"

    # Grow the card's growing parts until it reaches the drawn size: doubling, then bisecting.
    low, high = 0, 0
    while len(build(high).encode()) < target and high < 50_000:
        low, high = high, high * 2 if high else 1
    while high - low > 1:
        middle = (low + high) // 2
        if len(build(middle).encode()) < target:
            low = middle
        else:
            high = middle
    text = build(high)
    return name, text


def write_corpus(out: Path, cards: int, seed: int = 1) -> list[Path]:
    """Write ``cards`` cards as ``out/<org>/<model>_model_card.md`` (names the plugin detects as cards)."""
    paths = []
    for index in range(cards):
        _, text = card(index, seed)
        path = out / ORGS[index % len(ORGS)] / f"model{index:05d}_model_card.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.cards, args.seed)
    sizes = sorted(p.stat().st_size for p in paths)
    n = len(sizes)
    print(
        f"wrote {n:,} cards to {args.out}: mean {sum(sizes) / n:,.0f} B, median {sizes[n // 2]:,}, "
        f"95th percentile {sizes[int(0.95 * n)]:,}, largest {sizes[-1]:,}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
