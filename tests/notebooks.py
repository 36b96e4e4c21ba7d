"""Helpers for tests that run notebooks in a real kernel and read what they showed."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "modules").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("*/*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*/*.ipynb"))


def run_notebook(path: Path, cwd: Path, extra: Sequence[str] = (), *, keep_extra: bool = False,
                 timeout: int = 180, env: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Execute ``path`` in a fresh kernel whose working folder is ``cwd``, then run ``extra`` code cells.

    The extra cells act like a learner: they type into forms and press buttons. Unless ``keep_extra``,
    they are removed again from the returned notebook, so it looks like one a learner saved.
    """
    nb = nbformat.read(path, as_version=4)
    for code in extra:
        nb.cells.append(new_code_cell(code))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    if env is not None:
        old = dict(os.environ)
        os.environ.update(env)
    try:
        client.execute()
    finally:
        if env is not None:
            os.environ.clear()
            os.environ.update(old)
    if extra and not keep_extra:
        nb.cells = nb.cells[: len(nb.cells) - len(extra)]
    return nb


def cell_text(cell: nbformat.NotebookNode) -> str:
    """Everything a code cell printed or returned, as text (stdout, stderr, plain and HTML results)."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            data = output.get("data", {})
            parts.append(data.get("text/plain", "") if "text/html" not in data else data["text/html"])
        elif output.output_type == "error":
            parts.append("\n".join(output.traceback))
    return "".join(parts)


def cell_by_id(nb: nbformat.NotebookNode, cell_id: str) -> nbformat.NotebookNode:
    for cell in nb.cells:
        if cell.get("id") == cell_id:
            return cell
    raise KeyError(cell_id)


def fill_and_save(form_key: str, values: dict[str, str] | str, *, save: bool = True) -> str:
    """Code for an extra cell that types ``values`` into a form and presses Save, like a learner."""
    if isinstance(values, str):
        fill = f"form.fill(text={json.dumps(values)})"
    else:
        # through JSON text, so that true/false/null and nested lists reach the form as Python values
        fill = f"import json\nform.fill(**json.loads({json.dumps(values, ensure_ascii=False)!r}))"
    press = "form.save_button.click()" if save else ""
    return f"form = wb.forms[{form_key!r}]\n{fill}\n{press}"
