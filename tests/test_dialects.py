"""Card dialects and the failure classes found on cards nobody tuned for, one small card each.

Each card is written the way that family of authors writes, with the labelling
rules' verdicts: content, not headings; placeholders never count; a pointer
alone fills nothing.
"""

from __future__ import annotations

import pytest

from mkdocs_modelcard.card import read_card
from mkdocs_modelcard.checklist import load_checklist
from mkdocs_modelcard.detect import DetectOptions, is_card, template_reason
from mkdocs_modelcard.engine import analyse
from mkdocs_modelcard.scoring import score_card

MODEL = load_checklist("model")


def verdicts(text: str) -> dict[str, bool]:
    return {r.item.id: r.filled for r in score_card(read_card(text), MODEL).items}


def evidence(text: str, item: str) -> tuple[str, int | None] | None:
    result = next(r for r in score_card(read_card(text), MODEL).items if r.item.id == item)
    return (result.evidence.source, result.evidence.line) if result.evidence else None


MITCHELL = """\
# Model Card: Kinyarwanda ASR

## Model Details

Speech recognition for Kinyarwanda, trained by the Digital Umuganda team in 2023.

## Intended Use

Transcribing radio archives for researchers who study the language.

## Factors

Accuracy is reported separately for male and female speakers and for three regional accents.

## Metrics

Word error rate on the held-out test set, because transcripts are read word by word.

## Evaluation Data

Two thousand utterances of the Common Voice test split, none of them seen in training.

## Training Data

Four hundred hours of Common Voice recordings.

## Quantitative Analyses

WER is 21.4 for female and 23.9 for male speakers.

## Ethical Considerations

Speakers of rural dialects are under-represented, so their speech is transcribed worse.

## Caveats and Recommendations

We recommend checking transcripts by hand before they are published.
"""


def test_mitchell_headings() -> None:
    got = verdicts(MITCHELL)
    for item in ("direct_use", "factors", "evaluation_metrics", "testing_data", "training_data", "results"):
        assert got[item], item
    assert got["bias_risks_limitations"] and got["recommendations"]


GOOGLE_MCT = """\
# Bird call classifier

## Model Summary

A small convolutional network that tells the calls of twelve songbirds apart.

## Intended Usage

Field researchers tag their recordings with it before listening to them.

## Model Data

Twenty thousand labelled clips from the Xeno-canto archive, resampled to 16 kHz.

## Model Creation & Maintenance

Built and maintained by the Ornithology Lab; retrained every spring.

## Known Caveats

Calls overlapping with rain or traffic noise are often missed.
"""


def test_google_model_card_toolkit_headings() -> None:
    got = verdicts(GOOGLE_MCT)
    for item in ("model_summary", "direct_use", "training_data", "bias_risks_limitations", "developed_by"):
        assert got[item], item


NVIDIA = """\
# Model Overview

## Description:

MotionNet estimates human motion from monocular video for animation studios.

## Model Architecture:

**Architecture Type:** Transformer

**Network Architecture:** 12 layers, 8 attention heads, a motion decoder on top of a ViT encoder.

## Software Integration:

**Runtime Engine(s):** PyTorch 2.1

**Supported Hardware Microarchitecture Compatibility:** NVIDIA Ampere

## Model Version(s):

MotionNet v1.0

## Ethical Considerations:

NVIDIA believes Trustworthy AI is a shared responsibility and we have established policies and practices to enable
development for a wide array of AI applications.
"""


def test_nvidia_sections_and_stock_text() -> None:
    got = verdicts(NVIDIA)
    assert got["model_type"] and got["model_architecture"] and got["compute_requirements"] and got["version"]
    # The Trustworthy AI paragraph is on every NVIDIA card: it says nothing about this model.
    assert not got["bias_risks_limitations"]


AUTOTRAIN = """\
---
tags:
- autotrain
- text-classification
---

# Model Trained Using AutoTrain

- Problem type: Text Classification

## Validation Metrics

- loss: 0.31
- accuracy: 0.912
- f1: 0.897
"""


def test_autotrain_validation_metrics() -> None:
    got = verdicts(AUTOTRAIN)
    assert got["results"] and got["evaluation_metrics"]
    # Readers: the stock title names no model, and a problem type ("Text Classification") is no model type.
    assert not got["model_name"] and not got["model_type"]


TIMM = """\
# Model card for vit_small_patch16_224.augreg_in21k

An image classification model, trained on ImageNet-21k by the paper authors.

## Model Details

- **Model Type:** Image classification / feature backbone
- **Model Stats:**
  - Params (M): 30.1
  - Image size: 224 x 224

## Model Usage

```python
import timm
model = timm.create_model("vit_small_patch16_224.augreg_in21k", pretrained=True)
```

## Model Comparison

Explore the dataset and runtime metrics of this model in the timm model results; it is faster than ResNet-50 at
equal accuracy.
"""


def test_timm_sections() -> None:
    got = verdicts(TIMM)
    assert got["model_type"] and got["model_size"] and got["usage_instructions"] and got["benchmark_comparisons"]


@pytest.mark.parametrize(
    "heading",
    [
        "## 2. Intended Use Cases",
        "## 3) Intended use",
        "## IV. Intended Use",
        "## <b>Intended Use</b>",
        "## 🎯 Intended Use",
        "## **Intended Use**",
        "## Intended Use {#uses}",
        "## Uso previsto",
        "## Utilisation prévue",
    ],
)
def test_numbered_decorated_and_translated_headings(heading: str) -> None:
    assert verdicts(f"# Model Card for X\n\n{heading}\n\nSorting beetle photos before an expert looks at them.\n")[
        "direct_use"
    ]


@pytest.mark.parametrize(
    ("heading", "items"),
    [
        ("## Limitations & Ethical Considerations", ["bias_risks_limitations"]),
        ("## Model Architecture & Hyperparameters", ["model_architecture", "training_hyperparameters"]),
        ("## Evaluation / Performance Metrics", ["performance_metrics"]),
        ("## Known risks and limitations", ["bias_risks_limitations"]),
    ],
)
def test_combined_headings_fill_each_topic(heading: str, items: list[str]) -> None:
    text = (
        f"# Model Card for X\n\n{heading}\n\nA ResNet-50 backbone with 12 layers, learning rate 0.001 for 30 epochs; "
        "accuracy is 91.2% on the test split, and rotated photos fail.\n"
    )
    got = verdicts(text)
    for item in items:
        assert got[item], item


def test_a_joined_heading_fills_only_the_topics_its_text_speaks_of() -> None:
    text = (
        "# Model Card for X\n\n## Evaluation\n\n### Testing Data, Factors & Metrics\n\n"
        "Performance was judged by humans on whether the text stays on topic.\n"
    )
    got = verdicts(text)
    assert not got["factors"] and not got["testing_data"]


def test_cards_without_an_h1_are_read() -> None:
    text = "**Model card - Kinyarwanda speech model**\n\n**Intended use**\n\nTranscribing Kinyarwanda radio archives.\n"
    got = verdicts(text)
    assert got["model_name"] and got["direct_use"]


def test_indented_headings_count_and_are_reported() -> None:
    text = "# Model Card for X\n\n  ## Intended Use\n\nSorting beetle photos before an expert looks at them.\n"
    card = read_card(text, "x.md")
    assert verdicts(text)["direct_use"]
    assert [d.line for d in card.diagnostics] == [3]
    assert "MkDocs shows it as plain text" in card.diagnostics[0].message


def test_code_only_usage_fills_usage_instructions_but_not_direct_use() -> None:
    text = "# Model Card for X\n\n## Usage\n\n```python\nmodel = load('x')\nmodel.predict(image)\n```\n"
    got = verdicts(text)
    assert got["usage_instructions"]
    assert not got["direct_use"]


def test_a_course_link_is_no_training_procedure() -> None:
    text = (
        "# PPO Agent playing LunarLander-v2\n\nThis is a trained model of a PPO agent playing LunarLander-v2 "
        "using the [Deep Reinforcement Learning Course](https://huggingface.co/deep-rl-course).\n"
    )
    assert not verdicts(text)["training_procedure"]


def test_a_variable_named_preprocess_is_no_preprocessing() -> None:
    text = "# Model Card for X\n\n## Usage\n\n```python\ninputs = preprocess(image)\nmodel(inputs)\n```\n"
    assert not verdicts(text)["preprocessing"]


def test_a_table_header_is_no_model_type_field() -> None:
    text = "# Model Card for X\n\n## Results\n\n| Model | Top-1 |\n|---|---|\n| X | 81.2 |\n"
    assert not verdicts(text)["model_type"]


def test_a_pointer_alone_fills_nothing_but_is_a_paper_link() -> None:
    text = (
        "# Model Card for X\n\n## Evaluation Results\n\nSee the evaluations in Section 4 of the research paper.\n\n"
        "## Paper\n\nSee [our paper](https://arxiv.org/abs/2401.00001).\n"
    )
    got = verdicts(text)
    assert not got["results"]
    assert got["paper"]


def test_a_placeholder_section_is_not_filled_by_loose_words_nearby() -> None:
    text = (
        "# Model Card for X\n\n## Model Details\n\n- **Model type:** Convolutional image classifier\n\n"
        "## Technical Specifications\n\n### Model Architecture and Objective\n\n[More Information Needed]\n"
    )
    assert not verdicts(text)["model_architecture"]


def test_leftover_sections_are_notes() -> None:
    text = "# Model Card for X\n\n## Release history\n\nThe first release kept the old tokenizer.\n"
    assert evidence(text, "notes") == ("heading", 3)


def test_group_sections_are_read_by_cues() -> None:
    text = (
        "# Model Card for X\n\n## Evaluation\n\nOn the held-out 2015 vintage (283,026 loans) the AUC is 0.66, "
        "against 0.61 for the bureau score baseline.\n"
    )
    got = verdicts(text)
    assert got["testing_data"] and got["results"] and got["evaluation_metrics"] and got["benchmark_comparisons"]


@pytest.mark.parametrize(
    ("path", "title", "reason"),
    [
        ("guide/model_card.md", "# Model Card for [Model Name]", "template placeholder"),
        ("guide/dataset_card.md", "# Dataset Card for [dataset pretty_name]", "template placeholder"),
        ("guide/model_card.md", '# Model Card for {{ model_id | default("Model ID", true) }}', "template placeholder"),
        ("guide/HF_ModelCard_Template_Imageomics.md", "# Model Card for BioCLIP", "file name"),
    ],
)
def test_templates_are_not_cards(path: str, title: str, reason: str) -> None:
    text = f"{title}\n\n## Uses\n\nx\n\n## Training Data\n\nx\n\n## Limitations\n\nx\n"
    card = read_card(text, path)
    checklist = load_checklist("dataset") if "Dataset" in title else MODEL
    assert is_card(path, card, checklist, DetectOptions())
    found = template_reason(path, card, checklist)
    assert found is not None and reason in found


def test_front_matter_makes_a_template_a_card() -> None:
    text = "---\nmodelcard: true\n---\n# Model Card for [Model Name]\n\n## Uses\n\nx\n"
    assert template_reason("model_card.md", read_card(text), MODEL) is None


def test_numbered_and_combined_headings_are_detected() -> None:
    text = (
        "# Model Card: Gia Lai deforestation risk\n\n## 1. Intended Use\n\nPlanning patrols.\n\n"
        "## 2. Training Data & Preprocessing\n\nSentinel-2 tiles.\n\n"
        "## 3. Model Architecture & Hyperparameters\n\nRandom forest, 200 trees.\n"
    )
    assert is_card("docs/risk.md", read_card(text), MODEL, DetectOptions())


def test_non_english_card_scores_like_its_english_twin() -> None:
    spanish = (
        "# Tarjeta del modelo: Motor de microcréditos\n\nClasificador LightGBM que estima el riesgo de impago.\n\n"
        "## Uso previsto\n\nApoyar la decisión de crédito de analistas humanos.\n\n"
        "## Limitaciones conocidas\n\nLos solicitantes sin historial crediticio reciben puntuaciones menos fiables.\n\n"
        "## Dataset de entrenamiento\n\nHome Credit Default Risk, 307.511 solicitudes.\n\n"
        "## Métricas de rendimiento\n\nROC-AUC 0,77 en el conjunto de test.\n"
    )
    english = (
        "# Model card: Microcredit engine\n\nA LightGBM classifier that estimates the risk of default.\n\n"
        "## Intended use\n\nSupporting the credit decisions of human analysts.\n\n"
        "## Known limitations\n\nApplicants without a credit history get less reliable scores.\n\n"
        "## Training data\n\nHome Credit Default Risk, 307,511 applications.\n\n"
        "## Performance metrics\n\nROC-AUC 0.77 on the test set.\n"
    )
    items = ["direct_use", "bias_risks_limitations", "training_data", "performance_metrics", "model_summary"]
    es, en = verdicts(spanish), verdicts(english)
    assert [es[i] for i in items] == [en[i] for i in items] == [True] * len(items)


def test_report_summary_and_title_come_from_the_outline() -> None:
    report = analyse(MITCHELL, "asr.md", MODEL)
    assert report.title == "Model Card: Kinyarwanda ASR"


def test_headings_in_two_scripts_match_by_either() -> None:
    text = (
        "# Randeng-DELLA\n\n## 简介 Brief Introduction\n\nA deep VAE model pretrained on the Wudao corpus.\n\n"
        "## 使用 Usage\n\n```python\nmodel = Della.from_pretrained('IDEA-CCNL/Randeng-DELLA')\n```\n"
    )
    got = verdicts(text)
    assert got["model_summary"] and got["usage_instructions"]


def test_a_field_value_wrapped_onto_indented_lines_is_no_prose() -> None:
    # Hand-written cards hard-wrap long bullets: the continuation belongs to the field, not to the section's prose.
    text = (
        "# Model card: char-transformer\n\n## Model details\n\n"
        "- **Type:** decoder-only Transformer (GPT-style) language model, built from\n"
        "  scratch in PyTorch.\n"
        "- **Size:** 826,368 parameters, 4 layers, 4 heads, 128 embedding dim,\n"
        "  128-character context, dropout 0.1.\n"
    )
    card = read_card(text)
    assert card.fields[0].value.endswith("built from scratch in PyTorch.")
    assert card.fields[0].more_lines == [6]
    got = verdicts(text)
    assert not got["detailed_summary"]  # fields only: no description in prose
    assert got["model_type"] and got["model_size"]


def test_a_split_under_a_data_heading_is_that_splits_data() -> None:
    # Google Model Card Toolkit: "Model Parameters" / "Data" / "Train", "Eval".
    text = (
        "# Model Card for Cats vs Dogs\n\n## Model Parameters\n\n### Data\n\n"
        "#### Train\n\nThe training split of the Cats vs Dogs dataset, 18,610 images.\n\n"
        "#### Eval\n\nA held back split of 4,652 images from the same dataset.\n"
    )
    assert evidence(text, "testing_data") == ("heading", 11)
    assert evidence(text, "training_data") is not None
    # Without a data heading above it, "Evaluation" is the evaluation group, not its data.
    plain = "# Cats vs Dogs\n\n## Evaluation\n\nWe looked at the confusion matrix by hand.\n"
    assert not verdicts(plain)["testing_data"]


@pytest.mark.parametrize(
    ("heading", "item"),
    [
        ("### Uso directo", "direct_use"),
        ("### Uso en proyectos derivados", "downstream_use"),
        ("### Usos no recomendados", "out_of_scope_use"),
        ("### Utilisation hors du champ d'application", "out_of_scope_use"),
        ("### Utilisation en aval", "downstream_use"),
        ("### Direkte Verwendung", "direct_use"),
        ("## Verzerrungen, Risiken und Einschränkungen", "bias_risks_limitations"),
        ("### Uso fora do escopo", "out_of_scope_use"),
        ("### Uso previsto del modelo", "direct_use"),
        ("## Ejemplo de uso", "usage_instructions"),
        ("## Comment démarrer avec le modèle", "usage_instructions"),
        ("## 偏见、风险和局限性", "bias_risks_limitations"),
        ("### 下游使用", "downstream_use"),
        ("### 超出范围的使用", "out_of_scope_use"),
        ("## Glosario", "definitions"),
        ("## Autores de la tarjeta del modelo", "card_authors"),
    ],
)
def test_hugging_face_template_headings_in_other_languages(heading: str, item: str) -> None:
    text = f"# Tarjeta: Clasificador\n\n{heading}\n\nEl texto propio del autor sobre este apartado, en detalle.\n"
    assert evidence(text, item) == ("heading", 3)


def test_translated_template_fields_fill_their_items() -> None:
    text = (
        "# Tarjeta del modelo para ClasificadorNoticias\n\n## Detalles del modelo\n\n"
        "- **Ajustado a partir del modelo:** dccuchile/bert-base-spanish-wwm-cased\n"
        "- **Repositorio:** https://github.com/ejemplo/clasificador\n\n"
        "## Impacto ambiental\n\n- **Tipo de hardware:** una NVIDIA T4\n- **Horas utilizadas:** 2\n"
        "- **Proveedor de nube:** Google Cloud\n"
    )
    got = verdicts(text)
    assert all(got[i] for i in ("fine_tuned_from", "repository", "hardware_type", "training_hours", "compute_region"))


def test_a_bold_sentence_on_its_own_line_is_emphasis_not_a_heading() -> None:
    # NVIDIA cards: "**This model is for non-commercial research purposes only.**" under the description.
    text = (
        "# Model Overview\n\n## Description:\nAF3 is a large audio-language model for audio question answering.\n\n"
        "**This model is for non-commercial research purposes only.**\n\n**Model date**\nMarch 2025\n"
    )
    card = read_card(text)
    assert [s.title for s in card.sections] == ["Model Overview", "Description:", "Model date"]
    assert verdicts(text)["out_of_scope_use"]


def test_a_generic_title_leaves_the_model_named_by_the_opening_sentence() -> None:
    nvidia = (
        "# Model Overview\n\n## Description:\n"
        "Audio Flamingo 3 (AF3) is a fully open large audio-language model for speech, sounds and music.\n"
    )
    assert evidence(nvidia, "model_name") == ("intro", 4)
    # "This is a ..." names nothing.
    skops = "# Model description\n\nThis is a multinomial naive Bayes model trained on 20 newsgroups.\n"
    assert not verdicts(skops)["model_name"]


@pytest.mark.parametrize(
    ("line", "item"),
    [
        # Small projects and course cards name the software they need by version.
        ("* **Algorithm:** Random Forest Classifier (`scikit-learn` 1.6.0).", "compute_requirements"),
        ("The pipeline was built with Scikit-Learn version 1.20.0 and FastAPI.", "compute_requirements"),
        # Throughput is a performance figure.
        ("It generates 30 to 45 tokens per second on consumer hardware after quantization.", "performance_metrics"),
        # An escaped percent sign in a results table is still a percentage.
        ("|Test Corpus|WER|CER|\n|---|---|---|\n|Common Voice|60.1\\%|23.5\\%|", "performance_metrics"),
        # "Fine tuned for 200k updates" is a hyperparameter, and how the model was trained.
        ("Those were fine tuned for 200k updates starting from the mono models.", "training_hyperparameters"),
        ("Those were fine tuned for 200k updates starting from the mono models.", "training_procedure"),
        ("Split contiguously 90% train / 10% validation; the tail is never seen in training.", "testing_data"),
        (
            "Sensitivity to surface moisture and cloud cover may lead to misclassification of bare fields.",
            "bias_risks_limitations",
        ),
        ("* [Demo Website](https://research.example.org/labs/af3/)", "demo"),
        ("Ce modèle est une version fine tuné de **`roberta-base`** pour la classification.", "fine_tuned_from"),
        ("- **Developed, funded, and shared by:** Recursion", "funding"),
    ],
)
def test_phrases_small_projects_and_lab_cards_use(line: str, item: str) -> None:
    text = f"# Model card: Example\n\nA classifier for examples, trained on our data.\n\n## Notes\n\n{line}\n"
    assert verdicts(text)[item]


def test_the_british_spelling_of_the_license_key_declares_it() -> None:
    assert verdicts("---\nlicence: apache-2.0\n---\n# Model card: Example\n\nA classifier.\n")["license"]


def test_the_prompts_of_the_mitchell_course_template_are_no_content() -> None:
    # Course cards copy the template's italic prompts under each heading and fill only some sections.
    text = (
        '# Model card for "EE541 Project on Super Resolution"\n\n## Model details\n\n'
        "_Basic information about the model._\n\n"
        "- Information about training algorithms, parameters, fairness constraints or other applied\n"
        "  approaches, and features\n\n"
        "## Quantitative analyses\n\n"
        "_Quantitative analyses should be disaggregated, that is, broken down by the chosen factors. Quantitative\n"
        "analyses should provide the results of evaluating the model according to the chosen metrics, providing\n"
        "confidence interval values when possible._\n"
    )
    got = verdicts(text)
    assert not got["detailed_summary"] and not got["factors"] and not got["results"]


@pytest.mark.parametrize(
    ("text", "item"),
    [
        (
            "## Results\n\nentity | dev | test\n--- | --- | ---\nf1 |95.7 |91.7\nprecision |95.3 |91.2\n",
            "evaluation_metrics",
        ),
        ("It is a Transformer Big with 3 decoder layers and a larger encoder.", "model_architecture"),
        ("All models are trained with a global batch-size of 4M tokens.", "training_hyperparameters"),
        ("- **Resources for more information:** the project's blog post and the earlier model cards.", "notes"),
    ],
)
def test_free_form_phrasings_of_template_items(text: str, item: str) -> None:
    assert verdicts(f"# Model card: Example\n\nA tagger for examples.\n\n{text}\n")[item]


def test_how_to_reproduce_and_reproducibility_sections() -> None:
    text = (
        "# Model card: char-transformer\n\nA character-level language model.\n\n"
        "## How to reproduce\n\n```bash\npython scripts/train.py --config configs/default.yaml\n```\n\n"
        "## Reproducibility\n\nPython 3.11, PyTorch 2.2 and the pinned requirements file; seed 1337.\n"
    )
    got = verdicts(text)
    assert got["usage_instructions"] and got["installation_guide"]


def test_a_leftover_sections_table_is_its_content() -> None:
    text = (
        "# AnomalyBERT\n\nAn anomaly detector for univariate time series.\n\n## Files\n\n"
        "| File | Description |\n|------|-------------|\n| `model.onnx` | ONNX model graph and weights |\n"
    )
    assert evidence(text, "notes") == ("heading", 5)


DECLARED_ABSENCES = """\
---
license: none
---
# Model Card for Kelp Segmenter

A U-Net that outlines kelp canopy in drone images of the Oregon coast.

## Model Details

- **Developed by:** the Coastal Imaging Group
- **License:** No License
- **Language(s) (NLP):** N/A (image model)
- **Paper:** None yet
- **Datasets:** not specified

## Environmental Impact

- **Hardware Type:** one RTX 3090
- **Cloud Provider:** None. Trained on a desktop in the lab
- **Compute Region:** Not applicable
- **Carbon Emitted:** Unknown

## Licencia

Ninguna
"""


def test_a_declared_absence_fills_nothing() -> None:
    """A reader scores "License: No License", "N/A (image model)" and "None. Trained on a desktop" as 0."""
    got = verdicts(DECLARED_ABSENCES)
    for item in ("license", "languages", "paper", "datasets", "compute_region", "carbon_emissions", "license_details"):
        assert not got[item], item
    assert got["developed_by"] and got["hardware_type"]


@pytest.mark.parametrize(
    "value",
    ["Keine Angabe", "Não se aplica", "Aucune", "暂无", "No disponible", "N/A - public weights only", "unspecified"],
)
def test_declared_absences_in_other_languages(value: str) -> None:
    text = f"# Model Card for Kelp Segmenter\n\nA U-Net that outlines kelp canopy.\n\n- **License:** {value}\n"
    assert not verdicts(text)["license"]


MITCHELL_PORTUGUESE = """\
# Cartão de modelo: classificador de folhas de café

## Detalhes do modelo

Uma rede convolucional que classifica fotos de folhas de café em saudáveis ou com ferrugem, treinada em 2024.

## Uso pretendido

Apoiar técnicos agrícolas na triagem de lavouras. O modelo **não** deve ser utilizado como único critério para
aplicar defensivos.

## Dados de avaliação

Um conjunto de teste de 1.200 fotos de outra safra, separado antes do treino.

## Análise quantitativa

Acurácia de 91,4% no conjunto de teste.

## Considerações éticas

Fotos de variedades raras são poucas, então o modelo erra mais nelas.

## Ressalvas e recomendações

Verificar manualmente as folhas classificadas com baixa confiança.
"""


def test_mitchell_sections_and_prose_in_portuguese() -> None:
    got = verdicts(MITCHELL_PORTUGUESE)
    for item in ("detailed_summary", "direct_use", "out_of_scope_use", "testing_data", "results"):
        assert got[item], item
    assert got["bias_risks_limitations"] and got["recommendations"]


CHINESE_LIMITATIONS = """\
# Model Card: 病虫害识别模型

## 模型概述

基于 ResNet-50 的水稻病虫害图像分类模型，可识别 12 类常见病害。

## 评估结果

测试集为 2,000 张来自不同省份的田间照片，未参与训练。准确率为 93.1%。

## 已知限制

- 对夜间或逆光拍摄的照片识别效果较差。
- 模型输出不替代植保专家的判断，建议结合人工复核。
"""


def test_chinese_sections_read_by_their_cues() -> None:
    got = verdicts(CHINESE_LIMITATIONS)
    for item in ("testing_data", "results", "bias_risks_limitations", "recommendations"):
        assert got[item], item


@pytest.mark.parametrize(
    ("heading", "item"),
    [
        ("Análisis cuantitativos", "results"),
        ("Analyses quantitatives", "results"),
        ("Considérations éthiques", "bias_risks_limitations"),
        ("Considerazioni etiche", "bias_risks_limitations"),
        ("伦理考虑", "bias_risks_limitations"),
        ("Vorbehalte und Empfehlungen", "recommendations"),
        ("Dati di valutazione", "testing_data"),
        ("Bewertungsdaten", "testing_data"),
        ("性能指标", "performance_metrics"),
    ],
)
def test_mitchell_headings_in_other_languages(heading: str, item: str) -> None:
    body = "F1 0.91 sur 2 000 exemples, 12% errors."
    text = f"# Model card: Example\n\nA tagger for examples.\n\n## {heading}\n\n{body}\n"
    assert verdicts(text)[item], heading


def test_a_metric_field_without_a_figure_reports_nothing() -> None:
    text = (
        "# Model Card for Weld Inspector\n\nSegments weld seams in X-ray images.\n\n## Metrics\n\n"
        "- **Dice score:** overlap between predicted and annotated seams\n- **Accuracy:** (Add your value)\n"
        "\n## Training Hyperparameters\n\n- **Loss function:** binary cross-entropy\n"
    )
    got = verdicts(text)
    assert got["evaluation_metrics"] and not got["results"] and not got["performance_metrics"]
    assert verdicts(text.replace("(Add your value)", "0.93"))["results"]


def test_template_scaffolding_of_the_hugging_face_and_mitchell_templates() -> None:
    text = (
        "# Model Card for Weld Inspector\n\nSegments weld seams in X-ray images.\n\n"
        "## How to Get Started with the Model\n\nUse the code below to get started with the model:\n\n"
        "```bash\ngit clone git@github.com:weld-lab/inspector.git\n```\n\n"
        "## Quantitative Analyses\n\nReview section 4.7 of the [model cards paper](https://arxiv.org/abs/1810.03993).\n\n"
        "## Model Card Contact\n\n[More Information Needed]\n\n### Framework versions\n\n- PEFT 0.13.2\n"
    )
    got = verdicts(text)
    assert not got["fine_tuned_from"] and not got["card_contact"] and not got["results"] and not got["paper"]
    assert got["usage_instructions"]


def test_the_model_cards_paper_is_no_paper_about_the_model() -> None:
    text = (
        "# Model Card for Weld Inspector\n\nSegments weld seams in X-ray images.\n\n## Notes\n\n"
        "This card follows the sections of [Mitchell et al. (2019)](https://arxiv.org/abs/1810.03993).\n"
    )
    assert not verdicts(text)["paper"]
    assert verdicts(text.replace("1810.03993", "2311.00001"))["paper"]


@pytest.mark.parametrize(
    ("heading", "item"),
    [
        # Chinese, Japanese and Korean numbering needs no space after it, and full-width brackets and digits.
        ("## 一、训练数据", "training_data"),
        ("### （二）训练数据", "training_data"),
        ("## 1、训练数据", "training_data"),
        ("## １．训练数据", "training_data"),
        ("## 第三章 训练数据", "training_data"),
        ("## 第2节 训练数据", "training_data"),
        ("## 十一、训练数据", "training_data"),
        ("## 제3장 학습 데이터", "training_data"),
    ],
)
def test_cjk_numbering_is_no_part_of_the_topic(heading: str, item: str) -> None:
    text = f"# 模型卡：新闻分类器\n\n{heading}\n\n我们使用了 THUCNews 的十万条新闻标题，按类别均衡抽样。\n"
    assert evidence(text, item) == ("heading", 3)


def test_kana_with_voicing_marks_and_hangul_stay_whole_in_headings() -> None:
    # NFKD splits "デ" into "テ" and a voicing mark, and Hangul syllables into letters: composed again.
    from mkdocs_modelcard.text import normalize

    assert normalize("モデルの概要") == "モデルの概要"
    assert normalize("ハイパーパラメータ") == "ハイパーパラメータ"
    assert normalize("모델 설명") == "모델 설명"
    assert normalize("（二）训练数据") == "训练数据"


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("许可证：MIT", "license"),
        ("- **许可证**：Apache-2.0", "license"),
        ("开发者：清华大学自然语言处理实验室", "developed_by"),
        ("模型类型：文本分类", "model_type"),
        ("基础模型：bert-base-chinese", "fine_tuned_from"),
    ],
)
def test_fields_with_a_full_width_colon(line: str, item: str) -> None:
    text = f"# 模型卡：新闻分类器\n\n## 模型详情\n\n{line}\n"
    assert evidence(text, item) == ("field", 5)


def test_a_clause_before_a_full_width_colon_is_no_field_label() -> None:
    text = (
        "# 模型卡：新闻分类器\n\n## 说明\n\n"
        "本模型在我们收集的十万条新闻标题上进行了三轮微调训练，主要特点如下：速度快、精度高。\n"
    )
    assert read_card(text).fields == []


@pytest.mark.parametrize(
    ("heading", "item"),
    [
        # Japanese
        ("## モデルの概要", "model_summary"),
        ("## 学習データ", "training_data"),
        ("## 学習方法", "training_procedure"),
        ("## ハイパーパラメータ", "training_hyperparameters"),
        ("## 前処理", "preprocessing"),
        ("## 評価データ", "testing_data"),
        ("## 制限事項", "bias_risks_limitations"),
        ("## 使い方", "usage_instructions"),
        ("## インストール", "installation_guide"),
        ("## モデルアーキテクチャ", "model_architecture"),
        ("## ライセンス", "license_details"),
        ("## 範囲外の使用", "out_of_scope_use"),
        # Korean
        ("## 모델 설명", "model_summary"),
        ("## 학습 데이터", "training_data"),
        ("## 학습 절차", "training_procedure"),
        ("## 하이퍼파라미터", "training_hyperparameters"),
        ("## 전처리", "preprocessing"),
        ("## 평가 데이터", "testing_data"),
        ("## 한계", "bias_risks_limitations"),
        ("## 사용 방법", "usage_instructions"),
        ("## 설치", "installation_guide"),
        ("## 모델 구조", "model_architecture"),
        ("## 라이선스", "license_details"),
        ("## 인용", "citation"),
        # Chinese headings the first Chinese vocabulary missed
        ("## 开源协议", "license_details"),
        ("## 适用场景", "direct_use"),
        ("## 模型训练", "training_procedure"),
        ("## 基准对比", "benchmark_comparisons"),
        # Spanish and German
        ("## Citación", "citation"),
        ("## Zitierung", "citation"),
    ],
)
def test_headings_in_japanese_korean_and_chinese(heading: str, item: str) -> None:
    body = "이 모델은 공개 뉴스 기사 십만 건으로 학습되었고 정확도는 91% 입니다。本モデルは十万件の記事で学習した。"
    text = f"# Model card: 뉴스 분류기\n\n{heading}\n\n{body}\n"
    assert evidence(text, item) == ("heading", 3), heading


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("ライセンス：MIT", "license"),
        ("開発者：東京大学 自然言語処理研究室", "developed_by"),
        ("言語：日本語", "languages"),
        ("モデルタイプ：テキスト分類", "model_type"),
        ("ベースモデル：cl-tohoku/bert-base-japanese", "fine_tuned_from"),
        ("- 라이선스: Apache-2.0", "license"),
        ("- 개발자: 서울대학교 언어 연구실", "developed_by"),
        ("- 언어: 한국어", "languages"),
        ("- 모델 유형: 텍스트 분류", "model_type"),
        ("数据集：THUCNews", "datasets"),
        ("- **Conjunto de datos:** MLSum", "datasets"),
        ("- **Jeu de données :** MLSum", "datasets"),
        ("- **Datensatz:** MLSum", "datasets"),
    ],
)
def test_fields_in_japanese_korean_and_european_languages(line: str, item: str) -> None:
    text = f"# Model card: 뉴스 분류기\n\n## 詳細\n\n{line}\n"
    assert evidence(text, item) == ("field", 5), line


@pytest.mark.parametrize(
    ("heading", "item"),
    [
        # No spaces between words: the topic word stands inside a longer heading.
        ("## 模型的局限性", "bias_risks_limitations"),
        ("## 关于训练数据", "training_data"),
        ("## 本模型使用的训练数据", "training_data"),
        ("## 学習データについて", "training_data"),
        ("## モデルの制限事項", "bias_risks_limitations"),
        # Korean attaches particles to its words.
        ("## 모델의 한계", "bias_risks_limitations"),
        # Topics joined by と, ・, および and 및 are each a topic.
        ("## 評価結果と指標", "evaluation_metrics"),
        ("## 制限とバイアス", "bias_risks_limitations"),
        ("## 制限・リスク", "bias_risks_limitations"),
        ("## 편향 및 한계", "bias_risks_limitations"),
        ("## 训练数据与预处理", "training_data"),
    ],
)
def test_a_cjk_topic_inside_a_longer_heading(heading: str, item: str) -> None:
    body = "模型在 THUCNews 数据集的十万条样本上训练，准确率 91%，评估指标为 F1；夜间照片的识别效果较差，建议人工复核。"
    text = f"# Model card: 新闻分类器\n\n{heading}\n\n{body}\n"
    assert verdicts(text)[item], heading


def test_generic_cjk_words_inside_a_heading_name_nothing() -> None:
    # "模型下载" (model download) and "まとめ" (summary) hold generic words or none: not a topic of the checklist.
    from mkdocs_modelcard.outline import lexicon

    lex = lexicon(MODEL)
    for heading in ("模型下载", "数据集下载", "まとめ", "모델 다운로드"):
        assert lex.items_for_section(heading, (heading,))[0] == (), heading
    # "と" between hiragana is part of a word, not "and".
    assert read_card("## まとめ\n\ntext\n").sections[0].parts == ("まとめ",)


@pytest.mark.parametrize(
    ("line", "item", "filled"),
    [
        # A metric named in the card's language, with its figure, is a performance figure.
        ("Exactitud de 91,2 % y F1 macro de 90,5 % en el conjunto de prueba.", "performance_metrics", True),
        ("Acurácia de 91,7 % no conjunto de teste.", "performance_metrics", True),
        ("Exactitude de 92,0 % sur le jeu de test.", "performance_metrics", True),
        ("测试集上准确率为 94.3%。", "performance_metrics", True),
        ("テストデータでの正解率は 95.1% でした。", "performance_metrics", True),
        ("테스트 데이터에서 정확도 92.4%를 기록했습니다.", "performance_metrics", True),
        ("使用混合精度 16 位训练。", "performance_metrics", False),
        ("Entrenado en precisión mixta de 16 bits.", "performance_metrics", False),
        # How long training took, in the card's language.
        ("Ajuste fino durante 3 épocas en una GPU T4 durante 2 horas.", "training_hours", True),
        ("Feinabstimmung über 3 Epochen auf einer A100 für 1 Stunde.", "training_hours", True),
        ("在 1 张 A100 GPU 上训练约 2 小时。", "training_hours", True),
        ("RTX 3090 1 枚で学習し、約 40 分かかりました。", "training_hours", True),
        ("A100 GPU 1장에서 학습에 약 1시간 걸렸습니다.", "training_hours", True),
        # Hours of speech are training data, not training time.
        ("Entrenado con 500 horas de audio del corpus Common Voice.", "training_hours", False),
        ("训练数据包含 1000 小时的语音。", "training_hours", False),
    ],
)
def test_figures_written_in_other_languages(line: str, item: str, filled: bool) -> None:
    text = f"# Model card: Example\n\nA classifier for examples.\n\n## Notas\n\n{line}\n"
    assert verdicts(text)[item] is filled, line


JAPANESE_GROUPS = """\
# 画像分類モデル

本モデルは植物の葉の写真から病気を判定する画像分類モデルです。

## モデル情報

ResNet-50 をもとにした畳み込み層 50 層のモデルで、パラメータ数は 2,500 万です。

## 学習

12 品種の葉の写真 5 万枚で学習しました。画像は 224×224 にリサイズし、データ拡張を行いました。

## 評価

学習に使っていない 5,000 枚のテストセットで評価しました。
正解率は 93.2% で、ベースラインの MobileNet（88.1%）を上回りました。
品種別では、トマトの葉で精度が低くなりました。

## 注意

夜間に撮影した写真では精度が下がります。最終的な判断は専門家が行うべきです。
"""

KOREAN_GROUPS = """\
# 식물 잎 질병 분류 모델

이 모델은 식물 잎 사진으로 질병을 판별하는 이미지 분류 모델입니다.

## 모델 정보

ResNet-50 기반으로 합성곱 층 50개로 구성되며, 파라미터 수는 2,500만 개입니다.

## 학습

12개 품종의 잎 사진 5만 장으로 학습했습니다. 이미지는 224×224로 크기를 조정하고 데이터 증강을 했습니다.

## 평가

학습에 사용하지 않은 5,000장의 테스트 세트로 평가했습니다.
정확도는 93.2%로 베이스라인인 MobileNet(88.1%)보다 높았습니다.
품종별로 보면 토마토 잎에서 성능이 낮았습니다.

## 주의

야간에 촬영한 사진에서는 정확도가 떨어집니다. 최종 판단은 전문가가 해야 합니다.
"""


@pytest.mark.parametrize("text", [JAPANESE_GROUPS, KOREAN_GROUPS], ids=["ja", "ko"])
def test_japanese_and_korean_group_sections_read_by_their_cues(text: str) -> None:
    got = verdicts(text)
    for item in (
        "model_architecture", "model_size", "training_data", "preprocessing", "testing_data", "results",
        "benchmark_comparisons", "factors", "bias_risks_limitations", "recommendations", "performance_metrics",
    ):  # fmt: skip
        assert got[item], item


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("結果は比較的安定していました。", "benchmark_comparisons"),  # "relatively", no comparison
        ("결과는 비교적 안정적이었습니다.", "benchmark_comparisons"),
        ("图像的对比度经过调整。", "benchmark_comparisons"),  # image contrast
        ("特別に用意したデータで精度を確認しました。", "factors"),
    ],
)
def test_cjk_words_that_only_look_like_cues(line: str, item: str) -> None:
    text = f"# Model card: Example\n\nA classifier for examples.\n\n## 評価\n\n{line}\n"
    assert not verdicts(text)[item], line


RUSSIAN = """\
# Карточка модели: ЛесНет

Классификатор пород деревьев по аэрофотоснимкам для лесной инвентаризации.

## Назначение

Модель помогает таксаторам быстро размечать снимки лесных участков перед выездом в поле.

## Архитектура

Свёрточная сеть ResNet-18 с головой из двух полносвязных слоёв и softmax на двенадцать пород.

## Обучающие данные

Двенадцать тысяч размеченных снимков Ленинградской области за 2019–2023 годы.

## Обучение

Оптимизатор AdamW, двадцать эпох, ранняя остановка по валидационной выборке.

## Метрики

Точность и F1 по каждой породе, усреднённые по пяти разбиениям.

## Результаты

Точность 0.91, макро-F1 0.87 на отложенной выборке из двух тысяч снимков.

## Ограничения и риски

Редкие породы путаются между собой, зимние снимки без листвы распознаются хуже.

## Рекомендации

Проверяйте спорные участки вручную и не используйте модель без полевой проверки.

## Лицензия

Веса распространяются по лицензии CC BY 4.0, код по лицензии MIT.

## Контакты

Вопросы направляйте на forest-ml@example.org.
"""

TURKISH = """\
# Model Kartı: YaprakNet

Bitki yapraklarındaki hastalıkları fotoğraftan tanıyan bir sınıflandırıcı.

## Kullanım Amacı

Çiftçilerin sahada çektiği yaprak fotoğraflarından hastalık türünü önceden tahmin etmek.

## Kapsam Dışı Kullanımlar

Tıbbi ya da yasal karar süreçlerinde ve yaprak dışındaki bitki kısımlarında kullanılmamalıdır.

## Model Mimarisi

EfficientNet-B0 omurgası, üzerine iki tam bağlantılı katman ve on sınıflı softmax çıkışı.

## Eğitim Verileri

Dört ilden toplanan on bin etiketli yaprak fotoğrafı, sınıf başına yaklaşık bin örnek.

## Eğitim Detayları

Adam optimizasyonu, otuz epok, öğrenme oranı 0.001 ve erken durdurma ile eğitildi.

## Sınırlamalar

Bulanık ve karanlık fotoğraflarda doğruluk belirgin biçimde düşüyor.

## Öneriler

Düşük güvenli tahminleri bir ziraat mühendisine danışarak doğrulayın.

## İletişim

Sorular için yaprak@example.org adresine yazabilirsiniz.
"""


def test_russian_headings_name_their_items() -> None:
    got = verdicts(RUSSIAN)
    for item in (
        "direct_use",
        "model_architecture",
        "training_data",
        "training_procedure",
        "evaluation_metrics",
        "results",
        "bias_risks_limitations",
        "recommendations",
        "license_details",
        "card_contact",
    ):
        assert got[item], item


@pytest.mark.parametrize("text", [TURKISH, TURKISH.translate(str.maketrans("ıİşŞğĞçÇöÖüÜ", "iIsSgGcCoOuU"))])
def test_turkish_headings_name_their_items_with_or_without_diacritics(text: str) -> None:
    got = verdicts(text)
    for item in (
        "direct_use",
        "out_of_scope_use",
        "model_architecture",
        "training_data",
        "training_procedure",
        "bias_risks_limitations",
        "recommendations",
        "card_contact",
    ):
        assert got[item], item


@pytest.mark.parametrize(
    ("heading", "item"),
    [
        ("## Mục đích sử dụng", "direct_use"),
        ("## Hạn chế", "bias_risks_limitations"),
        ("## Dữ liệu huấn luyện", "training_data"),
        ("## Tujuan Penggunaan", "direct_use"),
        ("## Keterbatasan", "bias_risks_limitations"),
        ("## Data Pelatihan", "training_data"),
    ],
)
def test_vietnamese_and_indonesian_headings(heading: str, item: str) -> None:
    text = f"# Model Card for X\n\n{heading}\n\nSorting beetle photos taken in the field before an expert sees them.\n"
    assert verdicts(text)[item]


def test_nvidia_license_heading_over_one_line_names_the_license() -> None:
    # NVIDIA's card template: "### License/Terms of Use:" over the license's name is a field, as "License:" is.
    card = "# Model Overview\n\n### Description:\nX segments beetles.\n\n### License/Terms of Use:\nApache 2.0\n"
    assert evidence(card, "license") == ("field", 7)
    prose = (
        "# Model Overview\n\n### License / Terms of Use\n\nThe model is released under a noncommercial license; "
        "parts of the data follow their own terms of use, listed in the repository.\n\nUse it for research.\n"
    )
    assert not verdicts(prose)["license"]


JAPANESE_TEMPLATE = """\
# KabutoNet のモデルカード

甲虫の写真から種を見分ける画像分類モデルです。

## トレーニングの詳細

### トレーニングデータ

野外で撮影した甲虫の写真一万二千枚、三十種。

### トレーニング手順

ImageNet で事前学習した重みから二十エポックの微調整を行いました。

- **トレーニング設定:** bf16 混合精度

## 環境への影響

- **ハードウェア種別:** NVIDIA A100
- **使用時間:** 12 時間
- **クラウドプロバイダー:** 学内クラスタ
- **計算リージョン:** 日本
- **排出炭素量:** 1.2 kg CO2eq

## 技術仕様

### モデルアーキテクチャと目的関数

ViT-B/16 のエンコーダに線形分類ヘッドを載せ、交差エントロピーで学習します。

## モデルの使い始め

```python
model = load("kabutonet")
```
"""


def test_the_japanese_hugging_face_template_in_katakana() -> None:
    # The template's Japanese translation writes "training" as トレーニング, not 学習.
    got = verdicts(JAPANESE_TEMPLATE)
    for item in (
        "training_data",
        "training_procedure",
        "training_hyperparameters",
        "hardware_type",
        "training_hours",
        "compute_region",
        "carbon_emissions",
        "model_architecture",
        "usage_instructions",
    ):
        assert got[item], item


@pytest.mark.parametrize(
    ("body", "item"),
    [
        # Prohibitions, advice and purposes in prose, one pattern per language.
        ("## Заметки\n\nЕё не следует использовать для постановки диагноза.", "out_of_scope_use"),
        ("## Notlar\n\nBu model tıbbi teşhis için kullanılmamalıdır.", "out_of_scope_use"),
        ("## Notlar\n\nBu model tibbi teshis icin kullanilmamalidir.", "out_of_scope_use"),
        ("## Ограничения\n\nМодель путает редкие виды. Рекомендуется проверять результаты вручную.", "recommendations"),
        ("## Заметки\n\nМодель предназначена для сортировки снимков жуков.", "direct_use"),
        ("## Notlar\n\nModel, tarla fotoğraflarını sınıflandırmak için tasarlanmıştır.", "direct_use"),
        ("## 说明\n\n本模型主要用于甲虫图像的物种分类。", "direct_use"),
        ("## メモ\n\n甲虫の写真から種を判定することを目的としたモデルです。", "direct_use"),
    ],
)
def test_prose_in_more_languages(body: str, item: str) -> None:
    assert verdicts(f"# Model Card for X\n\n{body}\n")[item]


def test_not_suitable_is_no_purpose_in_chinese() -> None:
    assert not verdicts("# Model Card for X\n\n## 说明\n\n本模型不适用于医疗诊断。\n")["direct_use"]
