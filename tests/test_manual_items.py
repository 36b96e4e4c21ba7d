"""Items a person grades: found in the instructor's notebooks with the task they read, and a filled-in sheet read
back with every unusable row named."""

from __future__ import annotations

from course.grading.manual import manual_items, read_scores
from tests.notebooks import ROOT


def test_each_item_a_person_grades_is_found_with_the_answer_it_reads():
    assert manual_items(ROOT / "solutions/01_use_cases/01_use_cases.ipynb") == {"ex1-rubric": "pilot_use_cases"}
    assert manual_items(ROOT / "solutions/03_acceptance_criteria/03_acceptance_criteria.ipynb") == {
        "ex2-rubric": "review_steps"}
    assert manual_items(ROOT / "solutions/04_sops/04_sops.ipynb") == {"ex2-rubric": "meeting_sop"}
    assert manual_items(ROOT / "solutions/05_metrics/05_metrics.ipynb") == {}


def test_a_filled_in_sheet_is_read_and_each_unusable_row_named():
    sheet = ("learner,item,points_available,answer,checker_notes,score,comment\n"
             "mgr-01,ex2-rubric,3,\"a long answer\nover two lines\",,3,Clear review point\n"
             "mgr-02,ex2-rubric,3,x,,\"2,5\",\n"
             "mgr-03,ex2-rubric,3,x,,4,\n"
             "mgr-04,ex2-rubric,3,x,,-1,\n"
             "mgr-05,ex2-rubric,3,x,,,\n"
             "'=mgr-06,ex2-rubric,3,x,,1,\n").encode("utf-8-sig")
    read = read_scores(sheet, 3)
    assert read.scores == {"mgr-01": (3.0, "Clear review point"), "mgr-02": (2.5, ""), "=mgr-06": (1.0, "")}
    assert read.problems == ["row 4 (mgr-03): 4 is outside 0 to 3", "row 5 (mgr-04): -1 is outside 0 to 3"]
