"""The learned model: the shipped weights load and classify invented lines sensibly."""

from __future__ import annotations

import pytest

from newsidx.extract.body import body_probabilities
from newsidx.extract.features import BODY_FEATURES, CONTEXT_FEATURES, HEADLINE_FEATURES
from newsidx.extract.lines import split_lines
from newsidx.extract.model import ExtractionModel, ModelFileError, load_model, shipped_model

PARAGRAPHS = [
    "The city council approved the new budget on Tuesday after a long debate about road repairs in the east.",
    "Members said the plan would add two hundred jobs and repair most of the bridges by next spring.",
    "The mayor, who had opposed an earlier draft, said she was pleased that the parks had been spared.",
    "A final vote on the transport levy is expected next month, when the council meets again in the hall.",
]
MENU = ["Home", "Local News", "Sport", "Weather", "Business", "Entertainment", "Contact Us"]


def test_the_shipped_model_loads_with_the_features_the_code_computes():
    model = load_model()
    assert model.body.features == BODY_FEATURES
    assert model.context.features == CONTEXT_FEATURES
    assert model.headline.features == HEADLINE_FEATURES
    assert 0 < model.thresholds["body_keep"] < 1
    assert shipped_model() is shipped_model()  # read once


def test_a_model_fitted_on_other_features_is_refused():
    data = load_model().to_dict()
    data["body"]["features"] = data["body"]["features"][:-1]
    data["body"]["coefficients"] = data["body"]["coefficients"][:-1]
    with pytest.raises(ModelFileError):
        ExtractionModel.from_dict(data)


def test_menu_lines_are_boilerplate_and_paragraphs_are_body():
    lines = split_lines("\n".join([*MENU, "Budget approved after long debate", *PARAGRAPHS,
                                   "Copyright 2020 The Town Paper. All rights reserved.", *MENU]))
    probabilities, _ = body_probabilities(lines, shipped_model())
    by_text = {}
    for line, p in zip(lines, probabilities):
        by_text.setdefault(line.text, []).append(p)
    assert all(p < 0.5 for item in MENU for p in by_text[item])
    assert all(by_text[paragraph][0] > 0.5 for paragraph in PARAGRAPHS)
    assert by_text["Copyright 2020 The Town Paper. All rights reserved."][0] < 0.5
