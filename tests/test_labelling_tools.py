"""The tool that writes a labelled set: agreement before resolving, and no set with an unresolved verdict."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "benchmarks" / "labelling" / "labelled_set.py"
spec = importlib.util.spec_from_file_location("labelled_set", TOOL)
labelled_set = importlib.util.module_from_spec(spec)
spec.loader.exec_module(labelled_set)


def items(verdicts: str) -> list[dict]:
    return [{"id": f"x{i}", "ready": v == "r", "flaws": [] if v == "r" else ["vague_word"], "source": "original",
             "style": "terse", "text": f"line {i}"} for i, v in enumerate(verdicts)]


def test_agreement_and_kappa_are_computed_from_the_verdicts_before_resolving():
    first = items("rrrrrnnnnn")
    second = {item["id"]: dict(item) for item in items("rrrrnnnnnn")}
    found = labelled_set.agreement(first, second)
    # observed 9/10; chance 0.5*0.4 + 0.5*0.6 = 0.5; kappa (0.9 - 0.5) / 0.5 = 0.8
    assert found == {"verdict": 0.9, "kappa": 0.8, "identical_flaws": 9, "items": 10}


def test_a_set_is_not_written_while_a_verdict_disagreement_is_unresolved(tmp_path):
    (tmp_path / "items.json").write_text(json.dumps({"about": "test", "items": items("rn")}))
    (tmp_path / "second.json").write_text(json.dumps({"x0": {"ready": False, "flaws": ["vague_word"]},
                                                      "x1": {"ready": False, "flaws": ["vague_word"]}}))
    out = tmp_path / "set.json"
    with pytest.raises(SystemExit, match="disagree on x0"):
        labelled_set.convert(tmp_path, "prompts", out, "test", {})
    labelled_set.convert(tmp_path, "prompts", out, "test", {"x0": {"why": "rules read again"}})
    written = json.loads(out.read_text())
    assert written["agreement"]["verdict"] == 0.5 and written["items"][0]["labels"]["resolved"]["ready"] is True
