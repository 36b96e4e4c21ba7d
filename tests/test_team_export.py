"""A team's own export: read whatever encoding and separator it came in, refuse per-person rows, and name the
line and column of every cell that had to be left blank; nothing is dropped silently."""

from __future__ import annotations

import pytest

from course import metrics
from course.team_export import MIN_GROUP, ExportProblem, read_team_export

HEADER = "week,use_case,used_ai,tasks,minutes_per_task,review_minutes,rework_minutes,errors,people"
ROWS = ["1,triage,no,400,3.0,0,0,20,8", "2,triage,no,420,3.1,0,0,22,8",
        "5,triage,yes,300,1.0,150,60,9,6", "5,triage,no,100,3.0,0,0,5,2"]


def export(*rows: str, header: str = HEADER, separator: str = ",") -> bytes:
    lines = [header, *rows]
    return "\n".join(line.replace(",", separator) for line in lines).encode("utf-8")


def test_a_clean_export_is_read_and_the_calculators_work_on_it():
    read = read_team_export(export(*ROWS[:3]))
    assert len(read.rows) == 3 and read.blanked == []
    saved, missing = metrics.time_saved(read.frame())
    assert saved.loc["triage", "baseline_minutes"] > saved.loc["triage", "ai_writing_minutes"]
    assert missing.left_out == {}


@pytest.mark.parametrize("raw, note", [
    (b"\xef\xbb\xbf" + export(*ROWS[:3]), "byte-order mark"),
    (export(*ROWS[:3]).replace(b"triage", "tri\u00e4ge".encode("cp1252")), "Windows text"),
    (export(*ROWS[:3], separator=";"), "semicolon"),
    (export(*ROWS[:3], separator="\t"), "tab"),
])
def test_other_encodings_and_separators_are_read_and_said(raw, note):
    read = read_team_export(raw)
    assert len(read.rows) == 3 and note in read.summary()


@pytest.mark.parametrize("raw, words", [
    (b"", "empty"),
    (export(header=HEADER), "no rows"),
    (export(*ROWS[:2], header=HEADER.replace("people", "errors")), "appear twice: errors"),
    (export(*ROWS[:2], header=HEADER.replace("errors", "mistakes")), "missing: errors"),
    (export("1,triage,no,400,3.0,0,0,20,8,Noor", header=HEADER + ",person"), "names people"),
    (export("1,triage,no,400,3.0,0,0,20,8", "1,triage,no,380,3.2,0,0,18,8"), "lines 2 and 3"),
    (export('1,"triage,no,400,3.0,0,0,20,8'), "never closed"),
    (export("1,triage,no,400,3.0,0,0,20"), "8 values where the header has 9"),
])
def test_an_export_that_cannot_be_read_says_why_in_plain_words(raw, words):
    with pytest.raises(ExportProblem, match=words):
        read_team_export(raw)


def test_odd_cells_are_left_blank_and_named_by_line_and_column():
    read = read_team_export(export("1,triage,no,about four hundred,3.0,0,0,20,8", "2,triage,no,420,NA,0,0,22,8",
                                   "3,triage,no,410,None,0,0,22,8", "4,triage,no,400,inf,0,0,20,8",
                                   "5,triage,yes,300,-1,150,60,9,6", f"6,triage,yes,300,1,150,60,9,{MIN_GROUP - 2}",
                                   "7,triage,yes,300,\"1,5\",150,60,9,6"))
    text = " ".join(read.blanked)
    for expected in ("line 2, tasks: “about four hundred” is not a number", "line 3, minutes_per_task: “NA” read "
                     "as blank", "line 4, minutes_per_task: “None” read as blank", "line 5, minutes_per_task: “inf” is "
                     "infinite", "line 6, minutes_per_task: “-1” is negative", "line 7: a group of 3 is too small"):
        assert expected in text, expected
    assert read.rows[6]["minutes_per_task"] == 1.5  # 1,5 written the continental way
    assert len(read.rows) == 7  # nothing dropped: the rows stay, the odd cells are blank
    _saved, missing = metrics.time_saved(read.frame())
    assert missing.left_out["minutes_per_task"] == 5


def test_a_hundred_thousand_rows_are_read():
    rows = [f"{1 + i % 12},case{i // 12},{'yes' if i % 2 else 'no'},10,2.0,1,1,0,6" for i in range(100_000)]
    read = read_team_export(export(*rows))
    assert len(read.rows) == 100_000 and read.blanked == []
