"""`course cohort report`: completion, scores by learner and module, the items most learners miss and the
findings the checkers raised most often, as one static web page with every name escaped."""

from __future__ import annotations

import re

import nbformat
from click.testing import CliRunner
from nbclient import NotebookClient

from course.cli import main
from course.grading.parallel import grade_cohort
from tests.nbgrader_course import gradebook, make_course, submit
from tests.test_nbgrader_flow_03 import ASSIGNMENT, STUDENTS


def test_the_report_shows_completion_scores_missed_items_and_common_findings(tmp_path):
    course = make_course(tmp_path, ASSIGNMENT)
    for student in ("model", "weak1", "weak4"):
        submit(course, student, STUDENTS[student][0], ASSIGNMENT)
    grade_cohort(course, ASSIGNMENT, workers=2)
    with gradebook(course) as book:
        book.update_or_create_student("<script>alert(1)</script>")
        book.update_or_create_submission(ASSIGNMENT, "<script>alert(1)</script>")  # as an odd hub name would
        book.update_or_create_student("not-yet")
    result = CliRunner().invoke(main, ["cohort", "report", "--course", str(course), "--out",
                                       str(tmp_path / "report.html")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "report.html").read_text("utf-8")
    assert "5 learners on the roster" in page and "<script>alert" not in page and "&lt;script&gt;" in page
    assert f"{ASSIGNMENT}: 80%" in page  # 4 of 5 submitted, said in words beside the chart
    assert "<svg" in page and "model" in page and "weak4" in page
    missed = page[page.index("Items most learners miss"):page.index("What the course")]
    assert "ex1-test" in missed and "ex1-hidden" in missed
    assert "missed critical: 1 learner(s)" in page  # the vague bar lets critical failures through
    assert "20 of 23 (waiting for a person)" in page or " of 23" in page  # points always with their maximum
    assert "<td>80%</td>" in page and "<th></th>" not in page  # a % sign; no empty header row under a table
    assert re.search(r">\d+%</td>", missed)

    notebook = course / "cohort report.ipynb"  # the same report in JupyterLab, run in a real kernel
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(course)}}).execute()
    shown = "".join(output.get("data", {}).get("text/html", "") for cell in nb.cells if cell.cell_type == "code"
                    for output in cell.outputs)  # what JupyterLab draws as HTML
    assert "Items most learners miss" in shown and "&lt;script&gt;" in shown and "<script>alert" not in shown
    assert "max_score" in shown and "ex1-hidden" in shown
