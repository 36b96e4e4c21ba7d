"""The wheel a learner installs carries lessons, exercises and data, and not one line of any solution."""

import ast
import json
import re
import subprocess
import sys
import zipfile

import nbformat
import pytest

from tests.notebooks import ROOT, SOLUTIONS

SECRET_BLOCK = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.S)


def secret_lines() -> set[str]:
    """Every meaningful line inside a solution block or a hidden test of the instructor sources."""
    lines = set()
    for path in SOLUTIONS:
        for cell in nbformat.read(path, as_version=4).cells:
            for _kind, body in SECRET_BLOCK.findall(cell.source):
                lines |= {line.strip() for line in body.splitlines() if len(line.strip()) >= 12}
                # every text inside the block (model answers), and each of its lines
                for node in ast.walk(ast.parse(body)):
                    if isinstance(node, ast.Constant) and isinstance(node.value, str):
                        lines |= {part for part in node.value.splitlines() if len(part) >= 12 and " " in part}
    # texts also appear JSON-escaped inside notebook files
    return lines | {json.dumps(line, ensure_ascii=False)[1:-1] for line in lines}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out),
                             str(ROOT)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (path,) = out.glob("*.whl")
    return zipfile.ZipFile(path)


def test_the_wheel_has_code_lessons_exercises_and_data(wheel):
    names = set(wheel.namelist())
    for expected in ("course/__init__.py", "course/checks/prompt.py", "course/checks/vocab/en.json",
                     "course/_content/modules/02_prompt_basics.ipynb",
                     "course/_content/exercises/02_prompt_basics/02_prompt_basics.ipynb",
                     "course/_content/datasets/meeting_notes.csv", "course/_content/datasets/README.md"):
        assert expected in names, expected


def test_the_wheel_has_no_solution_file_and_no_solution_text(wheel):
    assert not [n for n in wheel.namelist() if "solutions/" in n or n.endswith("nbgrader_config.py")]
    secrets = secret_lines()
    assert len(secrets) > 10  # the scan really has something to look for
    for name in wheel.namelist():
        text = wheel.read(name).decode("utf-8", errors="ignore")
        leaked = [line for line in secrets if line in text]
        assert not leaked, f"{name} contains solution text: {leaked[:3]}"
