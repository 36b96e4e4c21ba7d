"""The wheel a learner installs carries lessons, exercises and data, and not one line of any solution."""

import ast
import json
import re
import subprocess
import sys
import textwrap
import zipfile

import nbformat
import pytest

from course.answers import AnswerStore
from tests.notebooks import ROOT, SOLUTIONS

SECRET_BLOCK = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.S)


def public_text() -> str:
    """What every learner is shown anyway: the data sets, the lessons and the quizzes (a model answer may quote
    a house rule or a criterion the lesson teaches)."""
    shown = [*(ROOT / "datasets").iterdir(), *(ROOT / "course" / "quizzes").glob("*.json")]
    texts = [p.read_text("utf-8") for p in sorted(shown) if p.is_file()]
    texts += [cell.source for p in sorted((ROOT / "modules").glob("*.ipynb"))
              for cell in nbformat.read(p, as_version=4).cells]
    return "\n".join(texts)


def secret_lines() -> set[str]:
    """Every meaningful line inside a solution block or a hidden test of the instructor sources, unless the
    learners' own data sets show it too (a sign-off the house rules name is no secret)."""
    lines = set()
    for path in SOLUTIONS:
        for cell in nbformat.read(path, as_version=4).cells:
            for _kind, body in SECRET_BLOCK.findall(cell.source):
                lines |= {line.strip() for line in body.splitlines() if len(line.strip()) >= 12}
                # every text inside the block (model answers), and each of its lines
                for node in ast.walk(ast.parse(body)):
                    if isinstance(node, ast.Constant) and isinstance(node.value, str):
                        lines |= {part for part in node.value.splitlines() if len(part) >= 12 and " " in part}
    public = public_text()
    lines = {line for line in lines if line not in public}
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
                     "course/_content/modules/02_lesson_prompt_basics.ipynb",
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


# --- a fast start: what each way in loads (the times themselves are in benchmarks/import_time.py) ------------
HEAVY = {"pandas", "numpy", "jsonschema", "ipywidgets", "IPython", "filelock"}


def heavy_modules_after(code: str, tmp_path) -> list[str]:
    """The heavy libraries loaded after running ``code`` in a fresh Python (course modules too, as course.*)."""
    probe = textwrap.dedent(code) + textwrap.dedent("""
        import sys
        loaded = {name.split(".")[0] for name in sys.modules} & set(HEAVY)
        loaded |= {name for name in sys.modules if name in ("course.workbook", "course.forms", "course.checks")}
        print(sorted(loaded))
    """)
    result = subprocess.run([sys.executable, "-c", f"HEAVY = {sorted(HEAVY)!r}\n" + probe], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


def test_import_course_and_the_command_line_help_load_nothing_heavy(tmp_path):
    assert heavy_modules_after("import course", tmp_path) == []
    help_only = """
        import contextlib, io
        import course.cli
        with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()) as shown:
            course.cli.main(["--help"])
        assert "Usage" in shown.getvalue()
    """
    assert heavy_modules_after(help_only, tmp_path) == []


def test_grading_a_saved_answer_loads_no_widgets_no_pandas_no_jsonschema(tmp_path):
    AnswerStore(tmp_path, "02_prompt_basics").save("meeting_summary", {"task": "Summarise the notes"},
                                                   engine="prompt/2")
    grading = """
        import course
        wb = course.Workbook("02_prompt_basics")
        assert 0 < wb.grade("meeting_summary", points=10) < 10
    """
    assert heavy_modules_after(grading, tmp_path) == ["course.checks", "course.workbook"]


def test_forms_load_widgets_but_not_pandas_or_jsonschema(tmp_path):
    first_form = """
        import course
        wb = course.Workbook("02_prompt_basics")
        wb.form("meeting_summary", title="Exercise 1")
        wb.form("repair_prompt", title="Exercise 3")
        wb.quiz()
    """
    assert heavy_modules_after(first_form, tmp_path) == ["IPython", "course.checks", "course.forms",
                                                          "course.workbook", "ipywidgets"]
