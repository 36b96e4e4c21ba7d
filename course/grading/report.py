"""The cohort report for HR and instructors: who finished what, how the cohort scored, which items most learners
miss, and what the course's checkers found most often in the saved answers (what the cohort struggles with).

Read from nbgrader's gradebook and the collected answers files; written as one static HTML page (every name and
text escaped) and shown in a notebook with ``show(course)``.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path
from typing import Any

from .gradebook import open_gradebook
from .verify import graded_cells

MISSED_BELOW = 0.5   # an item counts as missed when a learner earns less than half its points


def gather(course: Path) -> dict[str, Any]:
    """The report's tables as pandas data frames: scores, completion, items and findings."""
    import pandas as pd

    with open_gradebook(course) as book:
        students = sorted(s.id for s in book.students)
        scores, items = [], []
        for assignment in sorted(book.assignments, key=lambda a: a.name):
            for submission in assignment.submissions:
                waiting = sum(g.needs_manual_grade for nb in submission.notebooks for g in nb.grades)
                scores.append({"learner": submission.student.id, "module": assignment.name,
                               "score": submission.score, "max_score": submission.max_score, "waiting": waiting})
                for nb in submission.notebooks:
                    for grade in nb.grades:
                        if grade.max_score:
                            items.append({"module": assignment.name, "item": grade.name,
                                          "share": (grade.score or 0) / grade.max_score,
                                          "waiting": grade.needs_manual_grade})
    scores = pd.DataFrame(scores, columns=["learner", "module", "score", "max_score", "waiting"])
    items = pd.DataFrame(items, columns=["module", "item", "share", "waiting"])
    completion = (scores.groupby("module")["learner"].nunique() / max(1, len(students)) * 100).round(0) \
        if len(scores) else pd.Series(dtype=float)
    item_table = (items[~items["waiting"]].groupby(["module", "item"])["share"]
                  .agg(average=lambda s: round(100 * s.mean(), 0),
                       missed=lambda s: round(100 * (s < MISSED_BELOW).mean(), 0))
                  .sort_values("missed", ascending=False)) if len(items) else pd.DataFrame()
    return {"students": students, "scores": scores, "completion": completion, "items": item_table,
            "findings": common_findings(course, sorted(scores["module"].unique()) if len(scores) else [])}


def common_findings(course: Path, modules: list[str], top: int = 5) -> dict[str, list[tuple[str, int]]]:
    """For each graded task, the kinds of finding its checker raised most often across the collected answers."""
    from ..answers import answers_file_name, answers_in_file
    from ..tasks import get_task

    found: dict[str, Counter] = {}
    for module in modules:
        source = course / "solutions" / module / f"{module}.ipynb"
        tasks = {cell.task for cell in graded_cells(source)} if source.exists() else set()
        for answers_file in (course / "submitted").glob(f"*/{module}/{answers_file_name(module)}"):
            answers, problem = answers_in_file(answers_file)
            if problem:
                continue
            for task in tasks:
                if task in answers:
                    kinds = {f.kind for f in get_task(task).check(answers[task]).problems}
                    found.setdefault(task, Counter()).update(kinds)
    return {task: counts.most_common(top) for task, counts in sorted(found.items())}


def report_html(course: Path) -> str:
    """The whole report as one static HTML page."""
    data = gather(course)
    scores = data["scores"]
    parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cohort report</title><style>'
             "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;color:#111}table{border-collapse:"
             "collapse}th,td{border:1px solid #999;padding:.25em .5em;text-align:left}</style></head><body>",
             "<h1>Cohort report</h1>",
             f"<p>{len(data['students'])} learners on the roster. Scores of items still waiting for a person are "
             "not counted yet.</p>"]
    if len(scores):
        shown = scores.assign(points=[f"{s:g} of {m:g}" + (" (waiting for a person)" if w else "")
                                      for s, m, w in zip(scores["score"], scores["max_score"], scores["waiting"],
                                                         strict=True)])
        table = shown.pivot_table(index="learner", columns="module", values="points", aggfunc="first")
        table = table.rename_axis(index=None, columns=None).reset_index(names="learner")
        completion = data["completion"].map(lambda v: f"{v:.0f}%").rename("submitted (share of the roster)")
        items = data["items"].head(15).reset_index()
        for column in ("average", "missed"):
            if column in items:
                items[column] = items[column].map(lambda v: f"{v:.0f}%")
        parts += ["<h2>Completion by module</h2>", _chart(data["completion"]),
                  completion.rename_axis("module").reset_index().to_html(escape=True, index=False),
                  "<h2>Scores by learner and module</h2>",
                  table.to_html(escape=True, index=False, na_rep="not submitted"),
                  "<h2>Items most learners miss</h2>",
                  "<p>average: the cohort's average share of the item's points; missed: the share of learners "
                  "below half its points.</p>", items.to_html(escape=True, index=False)]
    else:
        parts.append("<p>No submissions have been graded yet.</p>")
    from .flags import every

    flagged = every(course)
    if flagged:
        rows = "".join(f"<tr><td>{html.escape(learner)}</td><td>{html.escape(module)}</td>"
                       f"<td>{html.escape('; '.join(reasons))}</td></tr>"
                       for (module, learner), reasons in sorted(flagged.items(), key=lambda kv: kv[0][::-1]))
        parts += ["<h2>Flagged while grading</h2>",
                  "<p>Learners whose notebooks grading had to correct, stop or refuse, with the reason. The scores "
                  "above already count what the saved answers give.</p>",
                  f"<table><thead><tr><th>learner</th><th>module</th><th>why</th></tr></thead><tbody>{rows}"
                  "</tbody></table>"]
    parts.append("<h2>What the course's checkers found most often</h2>")
    for task, counts in data["findings"].items():
        rows = "".join(f"<li>{html.escape(kind.replace('_', ' '))}: {n} learner(s)</li>" for kind, n in counts)
        parts.append(f"<h3>{html.escape(task)}</h3><ul>{rows or '<li>nothing</li>'}</ul>")
    parts.append("</body></html>\n")
    return "".join(parts)


def _chart(completion: Any) -> str:
    if not len(completion):
        return ""
    from ..charts import bar_chart

    return bar_chart("Submitted, % of the roster", list(completion.index), [float(v) for v in completion],
                     x_label="% of learners", description="; ".join(f"{m}: {v:.0f}%" for m, v in completion.items()))


def show(course: Path) -> Any:
    """The report in a notebook cell."""
    from IPython.display import HTML

    body = report_html(Path(course))
    return HTML(body[body.index("<h1>"):body.index("</body>")])


NOTEBOOK_NAME = "cohort report.ipynb"


def write_notebook(course: Path) -> Path:
    """A notebook in the cohort folder that shows the report as the gradebook stands whenever it is run, with the
    tables behind it to sort and filter (no outputs saved: it reads the gradebook afresh)."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    cells = [
        new_markdown_cell("# Cohort report\nRun it (**Run › Run All Cells**) to read the gradebook as it is now: "
                          "completion and scores by module and learner, the items most learners miss, and what the "
                          "course's checkers found most often. `course cohort report` writes the same page as a "
                          "static HTML file to share."),
        new_code_cell("from pathlib import Path\n\nfrom course.grading.report import gather, show\n\nshow(Path('.'))"),
        new_markdown_cell("## The tables behind the report\nScores by learner and module (items waiting for a "
                          "person are not counted yet), then each item's average share of its points and the "
                          "share of learners below half of them."),
        new_code_cell("tables = gather(Path('.'))\ntables['scores']"),
        new_code_cell("tables['items']"),
    ]
    notebook = new_notebook(cells=cells, metadata={"kernelspec": {"display_name": "Python 3 (ipykernel)",
                                                                  "language": "python", "name": "python3"}})
    path = course / NOTEBOOK_NAME
    nbformat.write(notebook, path)
    return path
