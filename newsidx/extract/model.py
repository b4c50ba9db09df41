"""The learned weights of extraction, read once from ``model.json``.

``model.json`` is written by ``tools/train_extraction.py`` from the training
split: a logistic regression for "is this line article body?", a second one
that judges each line again from what the first made of the lines around it
(stacked: fitted on the first one's out-of-fold probabilities), and a
conditional logit that ranks a page's headline candidates, each over the
named features of ``features``. Standardisation is folded into the
coefficients when the file is written, so scoring a vector is one dot
product in pure Python.

The file also carries the body selection settings chosen with the weights
(``thresholds``, by cross-validation on the training split): numbers kept
with the weights they belong to rather than in ``vocabulary``.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from operator import mul

from newsidx.extract.features import BODY_FEATURES, CONTEXT_FEATURES, HEADLINE_FEATURES


class ModelFileError(RuntimeError):
    """model.json is missing, malformed or fitted on other features."""


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression over named features."""

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float

    def logit(self, row: Sequence[float]) -> float:
        # map(mul) rather than a generator: the same sums in the same order, at C speed
        # (this is called for every line of every page, twice).
        return self.intercept + sum(map(mul, self.coefficients, row))

    def probability(self, row: Sequence[float]) -> float:
        return self.probabilities((row,))[0]

    def probabilities(self, rows: Iterable[Sequence[float]]) -> list[float]:
        """``probability`` of each row: one call per page rather than two per line."""
        exp = math.exp
        return [1.0 / (1.0 + exp(-z)) if z > -500 else 0.0 for z in map(self.logit, rows)]

    @classmethod
    def from_dict(cls, data: dict, expected: Sequence[str]) -> LinearModel:
        features = tuple(data["features"])
        if features != tuple(expected):
            differ = sorted(set(features) ^ set(expected)) or ["(order)"]
            raise ModelFileError(f"model.json was fitted on other features: {', '.join(differ)}; "
                                 "run tools/train_extraction.py")
        coefficients = tuple(float(c) for c in data["coefficients"])
        if len(coefficients) != len(features):
            raise ModelFileError("one coefficient per feature expected")
        return cls(features, coefficients, float(data["intercept"]))

    def to_dict(self) -> dict:
        return {"features": list(self.features), "coefficients": list(self.coefficients),
                "intercept": self.intercept}


@dataclass(frozen=True)
class ExtractionModel:
    """Everything learned: the body line classifier (first pass), its second
    pass over the neighbours' first-pass probabilities, the headline ranker
    and their thresholds."""

    body: LinearModel
    context: LinearModel
    headline: LinearModel
    thresholds: dict

    @classmethod
    def from_dict(cls, data: dict) -> ExtractionModel:
        try:
            return cls(body=LinearModel.from_dict(data["body"], BODY_FEATURES),
                       context=LinearModel.from_dict(data["context"], CONTEXT_FEATURES),
                       headline=LinearModel.from_dict(data["headline"], HEADLINE_FEATURES),
                       thresholds={k: float(v) for k, v in data["thresholds"].items()})
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelFileError(f"malformed model: {exc!r}") from exc

    def to_dict(self) -> dict:
        return {"body": self.body.to_dict(), "context": self.context.to_dict(), "headline": self.headline.to_dict(),
                "thresholds": dict(self.thresholds)}


def load_model() -> ExtractionModel:
    """The model shipped with the package (``newsidx/extract/model.json``)."""
    text = resources.files("newsidx.extract").joinpath("model.json").read_text(encoding="utf-8")
    return ExtractionModel.from_dict(json.loads(text))


@functools.cache
def shipped_model() -> ExtractionModel:
    """``load_model()``, read once (on first use rather than at import, so
    the training script can import the package while model.json is stale)."""
    return load_model()
