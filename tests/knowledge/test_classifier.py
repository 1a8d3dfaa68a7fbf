"""The shipped sentence classifier: loads, sums to one, ranks plain sentences sensibly."""

import json
import pickle
import re
import shutil
import subprocess
import sys
import zlib
from importlib import resources

import numpy as np
import pytest

from eventcoder.knowledge.classifier import EventClassifier, UsePolicy, hash_features, text_features
from eventcoder.errors import ClassifierError
from eventcoder.ontology import CATEGORIES, MODE_SCORES


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return EventClassifier.load()


def top(classifier: EventClassifier, text: str, n: int = 2) -> list[str]:
    probabilities = classifier.predict_proba([text])[0]
    return sorted(probabilities, key=probabilities.get, reverse=True)[:n]


def test_shipped_model_covers_the_sixteen_categories(classifier):
    assert set(classifier.categories) == set(CATEGORIES)
    assert len(classifier.categories) == 16


def test_probabilities_sum_to_one(classifier):
    rows = classifier.predict_proba(["Police arrested the opposition leader.", "", "x" * 5000])
    for row in rows:
        assert set(row) == set(CATEGORIES)
        assert sum(row.values()) == pytest.approx(1.0, abs=1e-5)
        assert all(0.0 <= value <= 1.0 for value in row.values())


@pytest.mark.parametrize("text, expected", [
    ("Rebels attacked an army base with mortars, killing four soldiers.", "ASSAULT"),
    ("The two foreign ministers held talks in Geneva on Monday.", "CONSULT"),
    ("Thousands of protesters marched through the capital demanding the president resign.", "PROTEST"),
    ("The government sent humanitarian aid, food and medicine to the flood victims.", "AID"),
    ("The European Union imposed new economic sanctions on the regime.", "SANCTION"),
    # A known weakness (docs/classifier.md): ACCUSE ranks 4th here, behind THREATEN.
    pytest.param("The opposition accused the ruling party of rigging the election.", "ACCUSE",
                 marks=pytest.mark.xfail(reason="ACCUSE is weak on short sentences", strict=False)),
    ("The militia threatened to attack the town if the army did not withdraw.", "THREATEN"),
    ("The army deployed thousands of troops to the border.", "MOBILIZE"),
])
def test_plain_sentences_rank_their_category_in_the_top_two(classifier, text, expected):
    assert expected in top(classifier, text)


def test_output_is_deterministic_and_batch_independent(classifier):
    texts = ["Rebels attacked an army base.", "The ministers met in Geneva.", "Crowds marched."]
    once = classifier.predict_proba(texts)
    assert classifier.predict_proba(texts) == once
    assert classifier.predict_proba(texts[1:2])[0] == pytest.approx(once[1])


def test_empty_batch(classifier):
    assert classifier.predict_proba([]) == []
    assert classifier.predict_mode([], []) == []


def test_predicted_modes_belong_to_their_category(classifier):
    texts = ["Government troops shelled the town with artillery.",
             "Thousands of workers went on strike over pay.",
             "The two presidents spoke by phone on Tuesday.",
             "The two countries signed a trade deal."]
    categories = ["ASSAULT", "PROTEST", "CONSULT", "AGREE"]
    modes = classifier.predict_mode(texts, categories)
    for mode, category in zip(modes, categories):
        assert mode == "" or mode in classifier.modes[category]
    assert modes[3] == ""  # AGREE has no modes in the training data
    assert modes[1] == "strike"


def test_known_modes_are_plover_modes(classifier):
    # Every mode the model can emit is spelled as PLOVER spells it (codebook names).
    table_modes = {mode for _, mode in MODE_SCORES}
    emitted = {mode for modes in classifier.modes.values() for mode in modes if mode}
    assert len(emitted & table_modes) >= 0.7 * len(emitted)
    assert "primative" not in emitted and "sieze" not in emitted


def test_unknown_category_gives_no_mode(classifier):
    assert classifier.predict_mode(["Rebels attacked."], ["NOT-A-CATEGORY"]) == [""]


def test_mismatched_lengths_are_refused(classifier):
    with pytest.raises(ValueError):
        classifier.predict_mode(["one", "two"], ["ASSAULT"])


def test_pickle_round_trip_gives_same_predictions(classifier):
    texts = ["Rebels attacked an army base with mortars."]
    copy = pickle.loads(pickle.dumps(classifier))
    assert copy.predict_proba(texts) == classifier.predict_proba(texts)
    assert copy.categories == classifier.categories


def test_batch_of_many_sentences_is_vectorised(classifier):
    matrix = classifier.category_matrix(["The army shelled the city."] * 2000)
    assert matrix.shape == (2000, 16)
    assert np.allclose(matrix.sum(axis=1), 1.0, atol=1e-5)


def test_missing_model_directory_raises_a_named_error(tmp_path):
    with pytest.raises(ClassifierError):
        EventClassifier.load(tmp_path)


TOKENS = re.compile(r"(?u)\b\w[\w'-]*\b")
PARAMS = {"kind": "crc32-word-ngrams", "n_features": 2**18, "ngram_range": [1, 2],
          "alternate_sign": True, "norm": "l2", "token_pattern": TOKENS.pattern}


def test_text_features_are_lowercased_word_unigrams_and_bigrams():
    features = text_features("The U.S.-led coalition's strike, again!", TOKENS, (1, 2))
    assert features == ["the", "u", "s", "led", "coalition's", "strike", "again",
                        "the u", "u s", "s led", "led coalition's", "coalition's strike", "strike again"]
    assert text_features("a b c", TOKENS, (2, 3)) == ["a b", "b c", "a b c"]


def test_hashed_features_use_crc32_buckets_signs_and_l2_norm():
    features = hash_features(["War war war"], PARAMS)
    # "war" three times and "war war" twice, each in its crc32 bucket with its hash's sign bit.
    expected = {}
    for feature, count in (("war", 3), ("war war", 2)):
        digest = zlib.crc32(feature.encode("utf-8"))
        expected[digest % 2**18] = count * (-1 if digest >> 31 else 1) / 13 ** 0.5
    assert dict(zip(features.columns.tolist(), features.values.tolist())) == pytest.approx(expected)
    assert features.rows.tolist() == [0, 0]


def test_empty_texts_give_no_features_but_a_probability_row(classifier):
    features = hash_features(["", "...", "Rebels attacked."], PARAMS)
    assert set(features.rows.tolist()) == {2}
    assert classifier.category_matrix(["", "..."]).shape == (2, 16)


def test_a_model_with_another_featurizer_is_refused(tmp_path):
    # The shipped files, copied, with model.json claiming weights from another hashing scheme.
    source = resources.files("eventcoder.knowledge") / "data" / "classifier"
    for name in ("category.npz", "mode.npz", "model.json"):
        shutil.copyfile(str(source / name), tmp_path / name)
    metadata = json.loads((tmp_path / "model.json").read_text())
    metadata["featurizer"]["kind"] = "sklearn-murmurhash"
    (tmp_path / "model.json").write_text(json.dumps(metadata))
    with pytest.raises(ClassifierError, match="featurizer"):
        EventClassifier.load(tmp_path)


@pytest.mark.slow
def test_load_and_predict_import_neither_sklearn_nor_scipy():
    # Cold start of the CLI: scikit-learn and scipy cost about two seconds to import.
    script = ("import sys\n"
              "from eventcoder.knowledge.classifier import EventClassifier\n"
              "c = EventClassifier.load()\n"
              "c.predict_proba(['Rebels attacked an army base.'])\n"
              "c.predict_mode(['Workers went on strike.'], ['PROTEST'])\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "[]"


def test_scores_equal_a_plain_sum_over_each_texts_features(classifier):
    # Empty texts between others check that each text gets exactly its own weight rows.
    texts = ["", "Rebels attacked an army base.", "zzqx unseenword", "", "The ministers met in Geneva."]
    layer = classifier._category
    features = hash_features(texts, classifier._params)
    expected = np.tile(layer.intercept.astype(np.float64), (len(texts), 1))
    positions = {column: index for index, column in enumerate(layer.columns.tolist())}
    for row, column, value in zip(features.rows, features.columns, features.values):
        if column in positions:
            expected[row] += layer.column_weights(np.array([positions[column]]))[0] * value
    assert layer.scores(features) == pytest.approx(expected, abs=1e-4)


def _copy_shipped_model(directory) -> dict:
    source = resources.files("eventcoder.knowledge") / "data" / "classifier"
    for name in ("category.npz", "mode.npz", "model.json"):
        shutil.copyfile(str(source / name), directory / name)
    return json.loads((directory / "model.json").read_text())


def test_a_model_without_a_use_policy_only_ranks(tmp_path):
    metadata = _copy_shipped_model(tmp_path)
    metadata.pop("use", None)
    (tmp_path / "model.json").write_text(json.dumps(metadata))
    policy = EventClassifier.load(tmp_path).policy
    assert policy == UsePolicy()
    assert policy.relabel_floor is None and policy.propose_floor is None


def test_an_unknown_use_setting_is_refused(tmp_path):
    metadata = _copy_shipped_model(tmp_path)
    metadata["use"] = {"propose_flor": 0.2}
    (tmp_path / "model.json").write_text(json.dumps(metadata))
    with pytest.raises(ClassifierError, match="propose_flor"):
        EventClassifier.load(tmp_path)


def test_with_policy_keeps_the_weights_and_survives_pickling(classifier):
    texts = ["Rebels attacked an army base with mortars."]
    changed = classifier.with_policy(UsePolicy(propose_floor=0.3, relabel_floor=0.6))
    assert changed.predict_proba(texts) == classifier.predict_proba(texts)
    copy = pickle.loads(pickle.dumps(changed))
    assert copy.policy == UsePolicy(propose_floor=0.3, relabel_floor=0.6)
    assert classifier.policy != copy.policy  # the original is untouched


def test_top_category_is_the_most_probable(classifier):
    row = classifier.predict_proba(["Rebels attacked an army base with mortars, killing four soldiers."])[0]
    name, probability = classifier.top_category(row)
    assert probability == max(row.values()) and row[name] == probability


def test_shipped_model_records_its_training_data_and_policy(classifier):
    metadata = classifier.metadata
    assert len(metadata["data"]["sha256"]) == 64 and "MIT" in metadata["data"]["licence"]
    real = metadata["real_news"]
    assert len(real["sha256"]) == 64 and real["sentences"] > 1000
    assert "no licence stated" in real["licence"] and "not copied" in real["licence"]
    assert classifier.policy.propose_floor is not None  # a real-news model may propose events


TEXTS = ["Rebels attacked an army base.", "The ministers met in Geneva.", "Crowds marched on parliament."]


def test_weights_read_from_the_cache_equal_the_npz(tmp_path, monkeypatch):
    model = tmp_path / "model"
    model.mkdir()
    _copy_shipped_model(model)
    monkeypatch.setenv("EVENTCODER_CACHE", "off")
    plain = EventClassifier.load(model)
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path / "cache"))
    built, read_back = EventClassifier.load(model), EventClassifier.load(model)
    assert len(list((tmp_path / "cache").glob("classifier-*.marshal"))) == 2
    for loaded in (built, read_back):
        assert loaded.predict_proba(TEXTS) == plain.predict_proba(TEXTS)
        assert loaded.predict_mode(TEXTS, ["ASSAULT", "CONSULT", "PROTEST"]) == plain.predict_mode(
            TEXTS, ["ASSAULT", "CONSULT", "PROTEST"])
        assert np.array_equal(loaded._category.coef, plain._category.coef)
        assert loaded._category.coef.dtype == plain._category.coef.dtype


def test_changed_weights_are_never_read_from_a_stale_cache(tmp_path, monkeypatch):
    model = tmp_path / "model"
    model.mkdir()
    _copy_shipped_model(model)
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path / "cache"))
    before = EventClassifier.load(model).predict_proba(TEXTS)
    with np.load(model / "category.npz") as arrays:
        changed = {name: arrays[name] for name in arrays.files}
    changed["intercept"] = changed["intercept"] + np.arange(len(changed["intercept"]), dtype=np.float32)
    np.savez_compressed(model / "category.npz", **changed)
    after = EventClassifier.load(model).predict_proba(TEXTS)
    assert after != before
    monkeypatch.setenv("EVENTCODER_CACHE", "off")
    assert EventClassifier.load(model).predict_proba(TEXTS) == after
