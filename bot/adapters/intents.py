"""The intent classifier: a linear model over three views of a message, read from its spaCy document.

- character n-grams (2 to 5 letters, within words, accents folded): typos, missing accents and SMS spelling
  ("eligible", "vae inversee", "c koi") share most of their n-grams with the words they stand for;
- words and word pairs, by their lemma ("financé", "financer" and "financement" meet on few n-grams but the
  first two on one lemma);
- the mean of the French word vectors of fr_core_news_md: meaning, for a message whose words the training
  data never used ("qui a écrit les Misérables" lands beside other questions on other topics).

A multinomial logistic regression over the three gives each intent a probability: the FallbackClassifier
reads them as confidences. Against the DIETClassifier it replaces, on the same data (README, "How well it
understands"): more held-out questions right, a better cross-validation, and seconds of training instead of
minutes. bot/adapters/nlu.py wraps it as a Rasa component; this module knows nothing of Rasa.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from scipy import sparse
from scipy.special import softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

DEFAULTS: dict[str, Any] = {
    "C": 50.0,  # weak regularisation: the examples are hand-written, not noisy (README: 20 and 100 measured)
    "vector_weight": 2.0,  # the word vectors' share beside the sparse views (1 to 4 measured: 2 is best)
    "max_iter": 5000,
    "ranking_length": 10,
}


def _lemmas(doc: Any) -> str:
    return " ".join(token.lemma_.lower() for token in doc)


def _mean_vector(doc: Any) -> np.ndarray:
    """The document's mean word vector, of unit length (spaCy gives zeros when no word has a vector)."""
    vector = np.asarray(doc.vector, dtype=np.float64)
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector


class IntentModel:
    """fit(docs, labels) then rank(docs): for each document, the intents by decreasing probability."""

    def __init__(self, **config: Any) -> None:
        self.config = {**DEFAULTS, **config}
        self.characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                          strip_accents="unicode", lowercase=True)
        self.words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                                     strip_accents="unicode", lowercase=True, token_pattern=r"(?u)\b\w+\b")
        self.classifier = LogisticRegression(C=self.config["C"], max_iter=self.config["max_iter"])
        self.answers: LogisticRegression | None = None  # the answers of a retrieval intent, if given to fit

    def _features(self, docs: Sequence[Any], fit: bool = False) -> sparse.csr_matrix:
        texts = [doc.text for doc in docs]
        lemmas = [_lemmas(doc) for doc in docs]
        if fit:
            characters, words = self.characters.fit_transform(texts), self.words.fit_transform(lemmas)
        else:
            characters, words = self.characters.transform(texts), self.words.transform(lemmas)
        vectors = np.array([_mean_vector(doc) for doc in docs])
        return sparse.hstack([characters, words,
                              sparse.csr_matrix(vectors * self.config["vector_weight"])]).tocsr()

    def fit(self, docs: Sequence[Any], labels: Sequence[str],
            answers: Sequence[str | None] | None = None) -> IntentModel:
        """Learn the intents; with `answers` (an answer key for some documents, None for the others), also which
        answer each of those documents asks for, on the same features (a second model over the same view)."""
        if len(set(labels)) < 2:
            raise ValueError("an intent classifier needs examples of at least two intents")
        features = self._features(docs, fit=True)
        _fit(self.classifier, features, labels)
        rows = [i for i, answer in enumerate(answers or ()) if answer]
        if len({answers[i] for i in rows}) >= 2:
            self.answers = _fit(LogisticRegression(C=self.config["C"], max_iter=self.config["max_iter"]),
                                features[rows], [answers[i] for i in rows])
        return self

    def rank(self, docs: Sequence[Any]) -> list[list[tuple[str, float]]]:
        return self.rank_with_answers(docs)[0]

    def rank_with_answers(self, docs: Sequence[Any]) -> tuple[list[list[tuple[str, float]]],
                                                              list[list[tuple[str, float]]] | None]:
        """For each document, the intents by decreasing probability (cut at `ranking_length`), and every answer
        by decreasing probability (None without answers learnt): the features are computed once for both."""
        if not docs:
            return [], ([] if self.answers is not None else None)
        features = self._features(docs)
        intents = _ranked(self.classifier, features, self.config["ranking_length"])
        return intents, (_ranked(self.answers, features, None) if self.answers is not None else None)


def _fit(classifier: LogisticRegression, features: sparse.csr_matrix, labels: Sequence[str]) -> LogisticRegression:
    """Fit, then keep the weights in column-major order: their transpose, which `probabilities` multiplies by, is
    then contiguous (a transposed view of row-major weights is copied on every product)."""
    classifier.fit(features, np.asarray(labels))
    classifier.coef_ = np.asfortranarray(classifier.coef_)
    return classifier


def probabilities(classifier: LogisticRegression, features: sparse.csr_matrix) -> np.ndarray:
    """`classifier.predict_proba(features)`, computed directly for a multinomial model (more than two labels): the
    softmax of the linear scores, without scikit-learn's checks of its input, which cost ten times the product
    itself on one message (0.3 against 0.03 ms)."""
    if len(classifier.classes_) <= 2:
        return classifier.predict_proba(features)
    return softmax(np.asarray(features @ classifier.coef_.T) + classifier.intercept_, axis=1)


def _ranked(classifier: LogisticRegression, features: sparse.csr_matrix,
            length: int | None) -> list[list[tuple[str, float]]]:
    labels = [str(label) for label in classifier.classes_]
    rankings = []
    for row in probabilities(classifier, features):
        order = np.argsort(-row, kind="stable")[:length]  # length None: every label
        rankings.append([(labels[i], float(row[i])) for i in order])
    return rankings


def blend(first: Sequence[tuple[str, float]], second: Sequence[tuple[str, float]],
          weight: float) -> list[tuple[str, float]]:
    """Two rankings of the same labels merged: each label's probability the weighted mean of its two
    (`weight` the first's share; a label missing from a ranking cut to its top counts 0 there), highest first."""
    merged: dict[str, float] = {}
    for ranking, share in ((first, weight), (second, 1.0 - weight)):
        for label, probability in ranking:
            merged[label] = merged.get(label, 0.0) + share * probability
    return sorted(merged.items(), key=lambda item: -item[1])


def rank_texts(model: IntentModel, nlp: Any, texts: Iterable[str]) -> list[list[tuple[str, float]]]:
    """The rankings of plain texts, parsed with the spaCy pipeline `nlp` (for the tests and a Python shell)."""
    return model.rank(list(nlp.pipe(texts)))
