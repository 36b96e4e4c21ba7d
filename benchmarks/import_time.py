"""How long the course takes to start: imports, the first form, the command line and a whole exercise notebook.

Each figure is the median of several runs, each in a fresh Python process, so nothing is cached in memory
between runs. Wall time is what a learner waits; CPU time (user + system, the process and the processes it
waited for) is steadier on a busy machine, so the ratios use it. Targets (printed, not asserted):
- ``import course`` and the first form shown: at most 1.5x ``import ipywidgets``;
- ``course --help``: under 1 second;
- one exercise notebook run headless (nbclient) with a saved answers file: at most 1.5x an empty notebook.
A last table compares validation libraries for the answers file: import, build the validator, check a file.

Run: python benchmarks/import_time.py [runs]      (default 5 runs each)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXERCISE = ROOT / "exercises" / "02_prompt_basics" / "02_prompt_basics.ipynb"
SOLUTION = ROOT / "solutions" / "02_prompt_basics" / "02_prompt_basics.ipynb"

FIRST_FORM = textwrap.dedent("""
    import sys
    import course
    wb = course.Workbook("02_prompt_basics", sys.argv[1])  # an empty folder made by the benchmark
    wb.form("meeting_summary", title="Exercise 1")
    wb.form("repair_prompt", title="Exercise 3")
""")

EMPTY_KERNEL = textwrap.dedent("""
    from jupyter_client.manager import start_new_kernel
    manager, client = start_new_kernel(kernel_name="python3")
    client.stop_channels()
    manager.shutdown_kernel(now=False)
""")

RUN_NOTEBOOK = textwrap.dedent("""
    import sys
    import nbformat
    from nbclient import NotebookClient
    notebook = nbformat.read(sys.argv[1], as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}
                   ).execute()
""")

# One answers file of 20 saved prompts, checked the way the store checks it, by each candidate library.
SAMPLE_FILE = textwrap.dedent("""
    import json
    record = {"value": {"role": "You are a team lead.", "task": "Summarise the notes " * 20, "examples": ""},
              "saved_at": "2025-03-04T10:11:12+00:00", "engine": "prompt/1", "revision": 3}
    raw = json.dumps({"schema": 1, "assignment": "02_prompt_basics",
                      "answers": {f"task_{n}": record for n in range(20)}})
""")

VALIDATORS = {
    "fastjsonschema": SAMPLE_FILE + textwrap.dedent("""
        import fastjsonschema
        check = fastjsonschema.compile({"type": "object", "additionalProperties": False,
            "required": ["schema", "answers"], "properties": {
            "schema": {"type": "integer", "minimum": 1}, "assignment": {"type": "string"},
            "answers": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": False,
                "required": ["value", "saved_at", "engine", "revision"], "properties": {
                "value": {}, "saved_at": {"type": "string", "format": "date-time"}, "engine": {"type": "string"},
                "revision": {"type": "integer", "minimum": 0}}}}}}, use_default=False)
        check(json.loads(raw))
    """),
    "jsonschema": SAMPLE_FILE + textwrap.dedent("""
        import jsonschema
        jsonschema.Draft7Validator({"type": "object", "additionalProperties": False,
            "required": ["schema", "answers"], "properties": {
            "schema": {"type": "integer", "minimum": 1}, "assignment": {"type": "string"},
            "answers": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": False,
                "required": ["value", "saved_at", "engine", "revision"], "properties": {
                "value": {}, "saved_at": {"type": "string"}, "engine": {"type": "string"},
                "revision": {"type": "integer", "minimum": 0}}}}}}).validate(json.loads(raw))
    """),
    "pydantic": SAMPLE_FILE + textwrap.dedent("""
        from typing import Any
        from pydantic import AwareDatetime, BaseModel, ConfigDict, NonNegativeInt, PositiveInt
        class Record(BaseModel):
            model_config = ConfigDict(extra="forbid", strict=True)
            value: Any
            saved_at: AwareDatetime
            engine: str
            revision: NonNegativeInt
        class File(BaseModel):
            model_config = ConfigDict(extra="forbid", strict=True)
            schema_: PositiveInt
            assignment: str = ""
            answers: dict[str, Record]
        File.model_validate_json(raw.replace('"schema"', '"schema_"', 1))
    """),
    "msgspec": SAMPLE_FILE + textwrap.dedent("""
        import datetime, typing
        import msgspec
        class Record(msgspec.Struct, forbid_unknown_fields=True):
            value: typing.Any
            saved_at: datetime.datetime
            engine: str
            revision: typing.Annotated[int, msgspec.Meta(ge=0)]
        class File(msgspec.Struct, forbid_unknown_fields=True):
            schema: typing.Annotated[int, msgspec.Meta(ge=1)]
            answers: dict[str, Record]
            assignment: str = ""
        msgspec.json.decode(raw, type=File)
    """),
}


def run_once(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command`` in a fresh process (CPU includes its waited children)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed:\n{error[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def median_of(command: list[str], runs: int, cwd: Path | None = None) -> tuple[float, float]:
    results = [run_once(command, cwd) for _ in range(runs)]
    return statistics.median(w for w, _ in results), statistics.median(c for _, c in results)


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


def course_command() -> list[str]:
    script = Path(sys.executable).with_name("course")
    return [str(script)] if script.exists() else [sys.executable, "-m", "course.cli"]


def notebook_folder(parent: Path) -> tuple[Path, Path]:
    """A copy of the exercise with the model answers saved beside it, and an empty notebook."""
    import nbformat

    from course.answers import AnswerStore
    from course.tasks import get_task
    from tests.answers_for_tests import model_answers

    folder = parent / "02_prompt_basics"
    folder.mkdir()
    shutil.copy(EXERCISE, folder / EXERCISE.name)
    store = AnswerStore(folder, "02_prompt_basics")
    for task, value in model_answers(SOLUTION).items():
        store.save(task, value, engine=get_task(task).engine)
    empty = parent / "empty.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")]), empty)
    return folder / EXERCISE.name, empty


def line(label: str, figures: tuple[float, float], base: tuple[float, float] | None = None,
         target: str = "") -> None:
    wall, cpu = figures
    ratio = f"{cpu / base[1]:5.2f}x ({wall / base[0]:4.2f}x wall)" if base else ""
    print(f"  {label:46} {wall:7.2f} s {cpu:7.2f} s   {ratio:22} {target}")


def main(runs: int) -> None:
    print(f"Median of {runs} fresh processes; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f}")
    print(f"  {'':46} {'wall':>9} {'CPU':>9}   {'ratio (CPU)':22} target")
    widgets = median_of(python("import ipywidgets"), runs)
    line("import ipywidgets", widgets)
    kernel = median_of(python(EMPTY_KERNEL), runs)
    line("empty kernel start (jupyter_client)", kernel)
    line("import course", median_of(python("import course"), runs), widgets, "<= 1.5x ipywidgets")
    with tempfile.TemporaryDirectory() as temp:
        line("first form (Workbook + prompt builder + text)", median_of(python(FIRST_FORM, temp), runs),
             widgets, "<= 1.5x ipywidgets")
    line("course --help", median_of([*course_command(), "--help"], runs), None, "wall < 1 s")
    with tempfile.TemporaryDirectory() as temp:
        exercise, empty = notebook_folder(Path(temp))
        blank = median_of(python(RUN_NOTEBOOK, str(empty), temp), runs)
        line("empty notebook run (nbclient)", blank)
        line("exercise 02 run with saved answers (nbclient)",
             median_of(python(RUN_NOTEBOOK, str(exercise), str(exercise.parent)), runs), blank,
             "<= 1.5x empty notebook")
    print("\nValidation libraries for the answers file: import, build the validator, check 20 answers")
    none = median_of(python("pass"), runs)
    line("python alone", none)
    for name, code in VALIDATORS.items():
        try:
            line(name, median_of(python(code), runs))
        except RuntimeError as error:
            print(f"  {name:46} not measured: {str(error).strip().splitlines()[-1]}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
