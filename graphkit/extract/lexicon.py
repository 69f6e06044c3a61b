"""Word lists the rules share: head nouns that give a phrase its type, and generic words."""

from __future__ import annotations

METHOD_HEADS = frozenset(
    {
        "network", "networks", "net", "model", "models", "transformer", "transformers",
        "attention", "encoder", "decoder", "autoencoder", "autoencoders", "layer", "layers",
        "module", "modules", "block", "blocks", "algorithm", "algorithms", "optimizer",
        "optimiser", "loss", "regularization", "regularisation", "normalization",
        "normalisation", "embedding", "embeddings", "mechanism", "classifier", "classifiers",
        "machine", "machines", "regression", "forest", "tree", "trees", "descent", "search",
        "sampling", "distillation", "pruning", "quantization", "tuning", "fine-tuning",
        "pretraining", "pre-training", "learning", "perceptron", "perceptrons", "convolution",
        "convolutions", "pooling", "head", "heads", "adapter", "adapters", "estimator",
        "framework", "architecture", "method", "approach", "policy", "prompting",
        "augmentation", "fusion", "strategy", "technique", "kernel", "process", "field",
        "fields", "function", "unit", "units", "memory", "gan", "gans", "cnn", "cnns", "rnn",
        "mlp", "backbone", "pipeline", "filter", "filters", "representation", "representations",
        "scheme", "operator", "tokenizer", "propagation", "initialization", "dropout",
        "clustering", "analysis", "graph",
    }
)  # fmt: skip
"""Last words of method names ("... network", "... loss", "... attention")."""

GENERIC_METHOD_HEADS = frozenset(
    {"framework", "architecture", "method", "approach", "strategy", "technique", "pipeline",
     "scheme", "model", "models", "mechanism", "module", "modules", "network", "networks"}
)  # fmt: skip
"""Method heads that only count with a name in front ("the X framework")."""

GENERIC_DATASET_HEADS = frozenset(
    {"dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "data", "set"}
)
"""Words after a name that make it a dataset but are not part of the name."""

NAMED_DATASET_HEADS = frozenset(
    {"treebank", "treebanks", "challenge", "suite", "collection", "database", "bank"}
)
"""Words that end dataset names ("Penn Treebank", "Stanford Sentiment Treebank")."""

DATASET_HEADS = GENERIC_DATASET_HEADS | NAMED_DATASET_HEADS
"""Words after a name that make it a dataset ("the X dataset")."""

METRIC_HEADS = frozenset(
    {"score", "scores", "accuracy", "error", "rate", "ratio", "precision", "recall",
     "distance", "similarity", "correlation", "coefficient", "index", "divergence", "f1",
     "auc", "loss", "metric", "metrics", "measure", "measures", "coefficients"}
)  # fmt: skip
"""Last words of metric names."""

TASK_HEADS = frozenset(
    {
        "recognition", "detection", "segmentation", "classification", "prediction",
        "estimation", "generation", "translation", "retrieval", "synthesis", "tracking",
        "captioning", "answering", "parsing", "summarization", "summarisation",
        "localization", "localisation", "reconstruction", "completion", "identification",
        "re-identification", "recommendation", "forecasting", "understanding", "reasoning",
        "editing", "inpainting", "matching", "registration", "alignment", "extraction",
        "labeling", "labelling", "tagging", "restoration", "denoising", "deblurring",
        "super-resolution", "compression", "planning", "navigation", "verification",
        "grounding", "transfer", "adaptation", "generalization", "modeling", "modelling",
        "attribution", "diagnosis", "discovery", "inference", "control", "manipulation",
        "search", "ranking", "clustering", "mining", "analysis", "simulation",
        "interpretation", "counting", "correction", "imputation", "enhancement",
        "separation", "spotting", "transcription", "dialogue", "annotation", "grasping",
        "learning",
    }
)  # fmt: skip
"""Last words of task names ("... recognition", "... segmentation")."""

GENERIC_WORDS = frozenset(
    {
        "we", "our", "this", "that", "these", "those", "it", "its", "the", "a", "an", "each",
        "paper", "work", "study", "results", "result", "experiments", "experiment",
        "performance", "efficiency", "quality", "sota", "novel", "new",
        "proposed", "existing", "previous", "various", "different", "several", "many",
        "first", "second", "also", "however", "moreover", "furthermore", "finally", "code",
        "table", "figure", "section", "appendix", "github", "i.e.", "e.g.", "etc", "et", "al",
    }
)  # fmt: skip
"""Words that never start or form a name on their own."""


WEAK_TASK_HEADS = frozenset(
    {"learning", "modeling", "modelling", "analysis", "understanding", "reasoning",
     "generalization", "adaptation", "compression", "transfer", "search", "control",
     "discovery", "clustering", "mining", "alignment", "attribution", "simulation",
     "interpretation", "inference", "planning", "extraction", "matching", "manipulation",
     "dialogue", "annotation", "editing", "enhancement", "correction", "navigation",
     "verification", "grounding", "diagnosis", "ranking", "labeling", "labelling",
     "tagging", "counting", "spotting", "grasping"}
)  # fmt: skip
"""Task heads that also end names of methods or fields: such a task needs a cue."""


def head_type(word: str) -> str | None:
    """Return the span label a phrase's last word suggests, or None."""
    if word in DATASET_HEADS:
        return "DATASET"
    if word in METRIC_HEADS and word != "loss":
        return "METRIC"
    if word in TASK_HEADS and word not in ("learning", "search", "analysis", "clustering"):
        return "TASK"
    if word in METHOD_HEADS:
        return "METHOD"
    return None


STRONG_METHOD_HEADS = frozenset(
    {"loss", "attention", "autoencoder", "autoencoders", "distillation", "normalization",
     "normalisation", "regularization", "regularisation", "pooling", "convolution",
     "convolutions", "transformer", "transformers", "dropout", "descent", "perceptron",
     "prompting", "adapter", "adapters", "factorization", "factorisation", "coding",
     "calibration", "replay", "modulation", "reparameterization", "maximization", "smoothing",
     "clipping", "averaging", "annealing", "masking", "boosting", "bagging", "hashing"}
)  # fmt: skip
"""Method heads specific enough to make "<modifier> <head>" a method name."""

NOT_NAMES = frozenset(
    {
        "GitHub", "GitLab", "PyTorch", "TensorFlow", "LaTeX", "arXiv", "YouTube", "JavaScript",
        "OpenAI", "DeepMind", "iPhone", "iPad", "macOS", "iOS", "McDonald", "PhD", "PhDs",
        "MSc", "BSc", "GFLOPs", "TFLOPs", "MFLOPs", "FLOPs", "GMACs", "MACs", "GPUs", "CPUs",
        "TPUs", "FPGAs", "FPGA", "GPU", "CPU", "TPU", "NVIDIA", "USD", "API", "APIs", "URL",
        "URLs", "HTML", "JSON", "SQL", "PDF", "PDFs", "OK", "AI", "ML", "DL", "NLP", "CV",
        "IoT", "eHealth", "mHealth", "LiDAR", "LIDAR", "RGB", "RGBD", "RGB-D", "HD", "UHD",
        "FP16", "FP32", "BF16", "INT8", "INT4", "A100", "V100", "H100", "P100", "K80", "T4",
        "RTX", "GHz", "MHz", "KB", "MB", "GB", "TB", "ms", "Hz", "dB", "TeX", "CUDA", "DNA",
        "RNA", "COVID", "COVID-19", "SARS-CoV-2", "USA", "UK", "EU", "IEEE", "ACM", "NeurIPS",
        "ICML", "ICLR", "CVPR", "ICCV", "ECCV", "ACL", "EMNLP", "NAACL", "AAAI", "IJCAI",
        "KDD", "WWW", "SIGIR", "MICCAI", "BMVC", "WACV", "SOTA", "SoTA", "III", "II", "IV",
        "VI", "VII", "VIII", "IX", "XI", "XII", "E2E", "QoS", "QoE", "WiFi", "Wi-Fi", "HuggingFace",
        "Hugging", "LLMs", "LMs", "VLMs", "MLLMs", "DNNs", "NNs", "CNNs", "RNNs", "GNNs",
        "ViTs", "GANs", "PLMs", "API-based", "NP-hard", "NP-complete", "NP", "PhD-level",
    }
)  # fmt: skip
"""Mixed-case or capital tokens that are not names of methods or datasets."""

EVALUATIVE = frozenset(
    {"efficient", "accurate", "robust", "fast", "faster", "effective", "better", "improved",
     "downstream", "challenging", "multiple", "different", "various", "several", "many",
     "other", "existing", "standard", "strong", "high", "low", "higher", "lower", "good",
     "competitive", "overall", "final", "average", "best", "superior", "significant",
     "remarkable", "impressive", "promising", "favorable", "comparable", "real-world",
     "large-scale", "small", "large", "simple", "complex", "novel", "new", "proposed",
     "following", "related", "specific", "general", "common", "typical", "traditional",
     "conventional", "popular", "recent", "previous", "current", "future", "original",
     "whole", "entire", "key", "main", "important", "critical", "crucial",
     "diverse", "numerous", "extensive", "comprehensive", "further", "additional",
     "highest", "lowest", "largest", "smallest", "little", "separate", "auxiliary", "total",
     "training", "pretrained", "pre-trained", "trained", "learned", "learnt",
     "respective", "corresponding", "certain", "particular", "given", "single", "joint",
     "worse", "worst", "poor", "robustness", "potential", "generic", "research",
     "state-of-the-arts", "state-of-the-art", "mainstream", "prevalent", "superb", "test",
     "validation", "near-perfect", "understanding"}
)  # fmt: skip
"""Adjectives that describe rather than name: never part of a task or metric name."""

TASK_CUES_BEFORE = frozenset(
    {"for", "of", "on", "in", "to", "towards", "toward", "tackle", "tackles", "address",
     "addresses", "including", "like", "as", "and", "improve", "improves", "via"}
)  # fmt: skip
"""Words before a task phrase that show it is the problem worked on."""

TASK_CUES_AFTER = frozenset(
    {"task", "tasks", "problem", "problems", "benchmark", "benchmarks", "challenge",
     "performance", "accuracy", "results", "systems", "system", "models", "methods",
     "settings", "setting", "scenarios", "applications"}
)  # fmt: skip
"""Words after a task phrase that show it names a task."""

_VERB_BASES = (
    "present", "presents", "presented", "presenting", "accelerate", "achieve", "adapt", "add",
    "address", "adopt", "aggregate", "aim", "align", "allow", "analyze", "analyse", "apply",
    "argue", "assess", "assume", "attain", "augment", "avoid", "become", "begin", "benefit",
    "boost", "bring", "build", "capture", "cause", "challenge", "change", "combine", "compare",
    "compute", "comprise", "concatenate", "conduct", "consider", "consist", "constrain",
    "construct", "contain", "contribute", "control", "convert", "create", "decode", "decrease",
    "define", "demonstrate", "deploy", "derive", "describe", "design", "detect", "determine",
    "develop", "devise", "differ", "dominate", "draw", "drive", "employ", "enable", "encode",
    "encourage", "enhance", "ensure", "establish", "estimate", "evaluate", "examine", "exceed",
    "exhibit", "exist", "expand", "explain", "exploit", "explore", "extend", "extract",
    "facilitate", "fail", "feed", "find", "fit", "focus", "follow", "form", "formulate",
    "fuse", "gain", "generate", "give", "guide", "handle", "harness", "help", "hinder",
    "highlight", "identify", "ignore", "illustrate", "implement", "improve", "incorporate",
    "increase", "induce", "infer", "integrate", "introduce", "investigate", "involve", "keep",
    "lack", "lead", "learn", "leverage", "limit", "make", "match", "measure", "mitigate",
    "model", "motivate", "need", "obtain", "offer", "operate", "optimize", "optimise",
    "outperform", "perform", "permit", "predict", "preserve", "prevent", "produce", "promote",
    "propose", "provide", "pursue", "query", "raise", "reach", "receive", "reduce", "refine",
    "reflect", "release", "rely", "remain", "remove", "render", "replace", "report",
    "represent", "require", "reveal", "run", "scale", "see", "seek", "select", "serve",
    "share", "show", "simplify", "solve", "speed", "study", "suffer", "suggest", "supervise",
    "support", "surpass", "take", "target", "tend", "test", "train", "transfer", "transform",
    "treat", "tune", "uncover", "undergo", "unify", "update", "use", "utilize", "utilise",
    "validate", "verify", "yield", "adjust", "attend", "equip", "inject", "lift", "pass",
    "reuse", "set", "split", "stack", "unlock",
)  # fmt: skip


def _inflections(base: str) -> set[str]:
    stem = base[:-1] if base.endswith("e") else base
    third = base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s")
    if base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
        past = base[:-1] + "ied"
    else:
        past = base + "d" if base.endswith("e") else base + "ed"
    return {base, third, past, stem + "ing"}


IRREGULAR_VERBS = frozenset(
    {"chose", "chosen", "made", "took", "taken", "gave", "given", "found", "built", "brought",
     "held", "kept", "led", "lost", "met", "put", "ran", "said", "saw", "seen", "sent", "shown",
     "spent", "stood", "thought", "told", "understood", "won", "wrote", "written", "pay",
     "pays", "paid", "got", "gotten", "began", "begun", "became", "drew", "drawn", "fell",
     "grew", "grown", "knew", "known", "rose", "risen", "sought", "taught", "went", "gone",
     "revisit", "revisits", "revisiting", "rethink", "rethinking", "is", "are", "was", "were",
     "be", "been", "being", "has", "have", "had", "does", "do", "did", "can", "could", "may",
     "might", "must", "shall", "should", "will", "would", "unlike", "despite", "via", "whereas",
     "include", "includes", "including", "included"}
)  # fmt: skip
"""Irregular verb forms and function words that the inflection rules miss."""

VERBS = IRREGULAR_VERBS | frozenset(w for b in _VERB_BASES for w in _inflections(b)) - {
    "learning", "training", "matching", "modeling", "tuning", "encoding", "decoding",
    "sampling", "pooling", "embedding", "testing", "model", "models", "test", "need",
    "match", "transfer", "control", "study", "set", "split", "stack", "query", "form",
    "fusing", "guided", "weighted", "learned", "trained", "shared", "supervised",
    "augmented", "combined", "constrained", "optimized", "fused", "stacked", "masked",
}  # fmt: skip
"""Verb forms common in abstracts: never a modifier inside a name."""

PROPOSE_VERBS = frozenset(
    [
    "propose", "proposes", "present", "presents", "introduce", "introduces", "develop",
    "develops", "design", "designs", "devise", "devises", "build", "builds", "release",
    "releases", "construct", "constructs", "curate", "curates", "collect", "collects",
    "create", "creates", "contribute", "contributes", "offer", "offers",
]
)  # fmt: skip
"""Verbs that, after "we", introduce the paper's own contribution."""

NAMING_WORDS = frozenset(["named", "called", "dubbed", "termed", "coined", "namely", "nicknamed"])
"""Words that introduce a coined name ("named X")."""

NOVEL = frozenset(
    ["novel", "new", "simple", "general", "unified", "lightweight", "efficient", "large"]
)
"""Adjectives of a new contribution ("X, a novel ...")."""

COST_HEADS = frozenset({"memory", "time", "cost", "latency", "storage", "speed", "footprint"})
"""Cost measures that take a modifier ("peak memory", "training cost")."""

MEASURE_HEADS = frozenset(
    {"score", "scores", "coefficient", "coefficients", "metric", "metrics", "measure", "measures"}
)
"""Measure heads that take modifiers ("weighted interval score")."""
