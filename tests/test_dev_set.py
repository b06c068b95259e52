"""Regression guards on the old dev set (tests/data/events_dev.jsonl).

It is no longer the target (two thirds of it were written for the rules, which were tuned on it
line by line; the extractor is now measured on real text, tests/test_learned.py and
models/extractor/MODEL_CARD.md), but neither the rules nor the shipped model may fall below
what they score on it today."""

from monitor.config import load_config
from monitor.evaluate import evaluate_events, read_jsonl
from monitor.nlp.companies import CompanyIndex
from monitor.nlp.pipeline import Extractor
from tests.conftest import ROOT

# The rules alone (extractor 1.9 scored 0.927 / 0.910 / 0.953).
RULES_MIN_F1 = {"overall": 0.92, "capex": 0.90, "debt": 0.94}
RULES_MIN_ATTRIBUTE = {"period": 0.91, "status": 0.87, "instrument": 0.94}  # 1.6: 0.932 / 0.894 / 0.959
# The shipped model, trained on real passages only (extractor 3.0 scores 0.834 / 0.819 / 0.857).
MODEL_MIN_F1 = {"overall": 0.82, "capex": 0.80, "debt": 0.84}


def _score(decider):
    lines = read_jsonl(str(ROOT / "tests/data/events_dev.jsonl"))
    assert len(lines) >= 200
    companies = CompanyIndex(load_config(ROOT / "feeds.yaml").companies)
    extractor = Extractor(companies) if decider == "default" else Extractor(companies, decider=None)
    return evaluate_events(lines, extractor, companies)


def test_dev_set_rules_do_not_regress():
    result = _score(None)
    scores = result.scores()
    for name, floor in RULES_MIN_F1.items():
        assert scores[name]["f1"] >= floor, (name, scores[name])
    attributes = result.attribute_accuracy()
    for name, floor in RULES_MIN_ATTRIBUTE.items():
        assert attributes[name]["accuracy"] >= floor, (name, attributes[name])


def test_dev_set_model_does_not_regress():
    scores = _score("default").scores()
    for name, floor in MODEL_MIN_F1.items():
        assert scores[name]["f1"] >= floor, (name, scores[name])
