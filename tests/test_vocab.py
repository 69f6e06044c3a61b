"""Vocabulary files: reading, errors, variants, lookup, and the curation filters."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.extract.vocab import (
    ANY_CASE,
    EXACT,
    VocabEntry,
    Vocabulary,
    load_vocabulary,
    match_attr,
    read_vocab_file,
    variants,
)

REPO = Path(__file__).resolve().parents[1]
HEADER = "name\ttype\taliases\tvocab_id\turl\tmatch\n"


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def build_vocab_module():
    spec = importlib.util.spec_from_file_location(
        "build_vocab", REPO / "scripts" / "build_vocab.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_vocab"] = module
    spec.loader.exec_module(module)
    return module


# reading user files


def test_reads_entries_with_aliases_and_policy(tmp_path):
    path = write(tmp_path / "v.tsv", HEADER + "Foo Net\tmethod\tFN|FooNet\tx:1\thttp://e\texact\n")
    [entry] = read_vocab_file(path)
    assert entry == VocabEntry("Foo Net", "method", ("FN", "FooNet"), "x:1", "http://e", "exact")
    assert entry.kb_id == "x:1"


def test_optional_columns_may_be_left_out(tmp_path):
    path = write(tmp_path / "v.tsv", "name\ttype\nZorbNet\tMETHOD\n")
    [entry] = read_vocab_file(path)
    assert (entry.type, entry.match, entry.kb_id) == ("method", "auto", "ZorbNet")


def test_missing_required_column_names_file_and_line(tmp_path):
    path = write(tmp_path / "bad.tsv", "name\taliases\nZorbNet\t\n")
    with pytest.raises(InputError) as err:
        read_vocab_file(path)
    assert err.value.path == str(path) and err.value.line == 1
    assert "type" in str(err.value)


def test_row_with_wrong_field_count_names_its_line(tmp_path):
    path = write(tmp_path / "bad.tsv", HEADER + "A\tmethod\t\t\t\tauto\nB\tmethod\n")
    with pytest.raises(InputError) as err:
        read_vocab_file(path)
    assert err.value.line == 3
    assert "expected 6" in str(err.value)


def test_bad_encoding_names_its_line(tmp_path):
    path = write(tmp_path / "bad.tsv", b"name\ttype\nCaf\xe9Net\tmethod\n")
    with pytest.raises(InputError) as err:
        read_vocab_file(path)
    assert (err.value.path, err.value.line) == (str(path), 2)
    assert "UTF-8" in str(err.value)


@pytest.mark.parametrize(
    ("row", "message"),
    [("X\tgizmo", "unknown type"), ("\tmethod", "empty name")],
)
def test_bad_values_are_reported(tmp_path, row, message):
    path = write(tmp_path / "bad.tsv", "name\ttype\n" + row + "\n")
    with pytest.raises(InputError, match=message) as err:
        read_vocab_file(path)
    assert err.value.line == 2


def test_unknown_match_policy(tmp_path):
    path = write(tmp_path / "bad.tsv", "name\ttype\tmatch\nX\tmethod\tfuzzy\n")
    with pytest.raises(InputError, match="match policy"):
        read_vocab_file(path)


def test_missing_user_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as err:
        load_vocabulary([tmp_path / "nope.tsv"])
    assert "nope.tsv" in str(err.value)


# variants and lookup


def spellings(form: str, etype: str = "method", match: str = "auto") -> dict[str, str]:
    return dict(variants(form, VocabEntry(form, etype, match=match)))


def all_spellings(form: str, etype: str = "method", match: str = "auto") -> set[tuple[str, str]]:
    return set(variants(form, VocabEntry(form, etype, match=match)))


def test_hyphen_and_digit_variants():
    assert all_spellings("CIFAR-10", "dataset") == {
        ("CIFAR-10", EXACT),
        ("CIFAR 10", EXACT),
        ("CIFAR10", EXACT),
        ("CIFAR-10", ANY_CASE),
        ("CIFAR10", ANY_CASE),
    }
    assert {"ImageNet-100", "ImageNet 100"} <= set(spellings("ImageNet100", "dataset"))


def test_distinctive_names_with_digits_also_match_in_any_case():
    assert ("GSM8K", ANY_CASE) in all_spellings("GSM8K", "dataset")
    assert ("COCO", ANY_CASE) not in all_spellings("COCO", "dataset")
    assert ("T5", ANY_CASE) not in all_spellings("T5")


def test_a_mixed_case_method_name_also_matches_in_title_case():
    assert spellings("LLaMA")["Llama"] == EXACT
    assert "Llama" not in spellings("LLaMA", "dataset")
    assert "Bert" not in spellings("BERT")


def test_plural_variants_follow_case_policy():
    lower = spellings("graph neural network")
    assert lower["graph neural networks"] == ANY_CASE
    assert "absolute position encoding" in spellings("absolute position encodings")
    assert spellings("GAN")["GANs"] == EXACT
    assert "COCOs" not in spellings("COCO", "dataset")


def test_lookup_folds_case_hyphens_plurals():
    vocab = Vocabulary()
    vocab.add(VocabEntry("CIFAR-10", "dataset"))
    vocab.add(VocabEntry("convolutional neural network", "method", ("CNN",)))
    assert vocab.lookup("dataset", "cifar10").name == "CIFAR-10"
    assert vocab.lookup("method", "Convolutional Neural Networks").name.startswith("conv")
    assert vocab.lookup("method", "CNNs").name == "convolutional neural network"
    assert vocab.lookup("metric", "CIFAR-10") is None


def test_user_entries_replace_builtin_ones(tmp_path):
    user = write(tmp_path / "v.tsv", "name\ttype\taliases\nImageNet\tdataset\tILSVRC\n")
    vocab = load_vocabulary([user])
    assert vocab.lookup("dataset", "ILSVRC").name == "ImageNet"
    assert load_vocabulary([user]) is vocab


def test_builtin_vocabulary_is_curated():
    vocab = load_vocabulary()
    assert len(vocab) > 5000
    assert vocab.lookup("dataset", "CIFAR-10") is not None
    assert vocab.lookup("metric", "top-1 accuracy") is not None
    for junk in ("# M Params", "Params (M)", "rider", "Covering"):
        assert vocab.lookup("metric", junk) is None, junk
    for umbrella in ("deep learning", "machine learning", "neural networks", "computer vision"):
        assert not any(vocab.lookup(t, umbrella) for t in ("method", "task")), umbrella
    assert vocab.lookup("dataset", "COCO test-dev") is None
    assert vocab.lookup("dataset", "COCO") is not None


# curation filters on synthetic raw lists


RAW_HEADER = "name\taliases\tsource\tid\turl\tcount\n"


@pytest.fixture
def curated(tmp_path):
    build = build_vocab_module()
    source = tmp_path / "raw"
    source.mkdir()
    write(
        source / "methods.tsv",
        RAW_HEADER
        + "ZorbNet\tZorb Network\tmethods.json\tzorbnet\thttps://pwc/zorbnet\t3\n"
        + "Dropout\t\tmethods.json\tdropout\t\t9\n"
        + "Rider\t\tmethods.json\trider\t\t9\n"
        + "STATEGAME MAINTAIN PICTURE BALANCED PLAY\t\tx\t\t\t\n"
        + "Qwoppformer\t\ttransformers\tqwopp\t\t\n",
    )
    write(
        source / "datasets.tsv",
        RAW_HEADER
        + "Blorp-10 val\t\tx\t\t\t\n"
        + "Glimmer-1501->Plonk-reID\t\tx\t\t\t\n"
        + "Rider\t\tx\t\t\t\n"
        + "Frobnication Counterfactual Dataset (FCD)\t\tx\t\t\t\n"
        + "Experimental results\t\tx\t\t\t\n"
        + "Quux Score\t\tx\t\t\t\n",
    )
    write(
        source / "metrics.tsv",
        RAW_HEADER
        + "# M Params\t\tx\t\t\t\n"
        + "Params (M)\t\tx\t\t\t\n"
        + "Mean Zorb IoU (test)\t\tx\t\t\t\n"
        + "Linear Classifier\t\tx\t\t\t\n"
        + "Quux Score\t\tx\t\t\t\n"
        + "Quux Rate\t\tx\t\t\t\n"
        + "1234\t\tx\t\t\t\n",
    )
    write(
        source / "tasks.tsv",
        RAW_HEADER
        + "Translation gle-eng\t\tx\t\t\t\n"
        + "Zorb Segmentation\t\tx\t\t\t\n"
        + "Covering\t\tx\t\t\t\n"
        + "Quux Rate\t\tx\t\t\t\n"
        + "deep learning\t\tx\t\t\t\n",
    )
    curation = tmp_path / "curation"
    curation.mkdir()
    write(curation / "general.tsv", HEADER + "blorp rate\tmetric\t\t\t\tauto\n")
    write(curation / "exclude.tsv", "term\tnote\ndeep learning\tfield\n")
    out = tmp_path / "out"
    assert (
        build.main(["--source", str(source), "--curation", str(curation), "--out", str(out)]) == 0
    )
    return {f.stem: read_vocab_file(f) for f in out.glob("*.tsv")}


def names(entries: list[VocabEntry]) -> set[str]:
    return {e.name for e in entries}


def test_curation_keeps_names_and_ids(curated):
    [zorb] = [e for e in curated["methods"] if e.name == "ZorbNet"]
    assert zorb.aliases == ("Zorb Network",)
    assert (zorb.vocab_id, zorb.url) == ("pwc:zorbnet", "https://pwc/zorbnet")
    policies = {e.name: e.match for e in curated["methods"]}
    assert policies["Qwoppformer"] == "lower"
    assert match_attr("Dropout", policies["Dropout"]) == EXACT


def test_curation_drops_junk_and_common_words(curated):
    assert names(curated["methods"]) == {"ZorbNet", "Qwoppformer", "Dropout"}
    assert "Rider" not in names(curated["datasets"])
    assert "Experimental results" not in names(curated["datasets"])
    assert names(curated["tasks"]) == {"Zorb Segmentation"}


def test_curation_strips_splits_and_settings(curated):
    datasets = {e.name: e for e in curated["datasets"]}
    assert {"Blorp-10", "Glimmer-1501", "Plonk-reID"} <= set(datasets)
    assert datasets["Frobnication Counterfactual Dataset"].aliases == ("FCD",)
    assert names(curated["metrics"]) == {"Mean Zorb IoU", "blorp rate"}


def test_name_in_two_leaderboard_lists(curated):
    assert "Quux Score" in names(curated["datasets"])
    assert "Quux Score" not in names(curated["metrics"])
    assert "Quux Rate" not in names(curated["metrics"]) | names(curated["tasks"])


def test_curation_output_is_deterministic(curated, tmp_path):
    first = {f.name: f.read_bytes() for f in (tmp_path / "out").glob("*.tsv")}
    build = build_vocab_module()
    build.main(
        [
            "--source",
            str(tmp_path / "raw"),
            "--curation",
            str(tmp_path / "curation"),
            "--out",
            str(tmp_path / "out"),
        ]
    )
    assert first == {f.name: f.read_bytes() for f in (tmp_path / "out").glob("*.tsv")}


def test_committed_files_match_the_curation_script(shared_dir, tmp_path):
    pytest.importorskip("wordfreq")
    build = build_vocab_module()
    build.main(["--source", str(shared_dir / "vocab"), "--out", str(tmp_path)])
    for name in ("methods.tsv", "datasets.tsv", "metrics.tsv", "tasks.tsv"):
        committed = (REPO / "graphkit" / "data" / "vocab" / name).read_bytes()
        assert (tmp_path / name).read_bytes() == committed, name
