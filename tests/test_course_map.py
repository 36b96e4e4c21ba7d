"""The course map lists exactly the lessons that exist as available, takes their minutes from the lessons' own time
lines, and shows every text escaped."""

from __future__ import annotations

import shutil

from course import course_map as cm
from course._content import content_dir
from tests.notebooks import ROOT


def test_the_map_calls_available_exactly_the_lessons_the_course_contains():
    lessons = sorted(p.name[:2] for p in content_dir("modules").glob("*_lesson_*.ipynb"))
    entries = cm.entries()
    assert [e.id for e in entries] == [f"{n:02d}" for n in range(9)]  # nine modules, in order
    assert sorted(e.id for e in entries if e.status == cm.AVAILABLE) == lessons
    assert {"00", "02", "03", "04", "05"} <= set(lessons)
    assert {e.id for e in entries if e.status == cm.COMING_LATER} >= {"06", "07", "08"}


def test_an_available_module_takes_its_minutes_from_its_lesson_and_a_later_one_from_the_plan():
    minutes = {e.id: e.minutes for e in cm.entries()}
    lessons = {p.name[:2]: p for p in content_dir("modules").glob("*_lesson_*.ipynb")}
    line = cm.TIME_LINE.search(lessons["02"].read_text("utf-8"))
    assert minutes["02"] == int(line.group(1)) + int(line.group(2))  # "about 35 minutes ... and 60 for the exercise"
    assert all(minutes[n] == cm.lesson_minutes(path) for n, path in lessons.items())
    planned = {m["id"]: m["minutes"] for m in cm.planned()}
    assert all(minutes[n] == planned[n] for n in ("06", "07", "08"))


def test_a_folder_with_fewer_lessons_gives_a_map_with_fewer_available_modules(tmp_path):
    shutil.copy(ROOT / "modules" / "00_lesson_orientation.ipynb", tmp_path)
    (tmp_path / "03_lesson_without_a_time_line.ipynb").write_text('{"cells": []}', "utf-8")
    (tmp_path / "07_lesson_damaged.ipynb").write_text("{not json", "utf-8")
    (tmp_path / "notes.ipynb").write_text("{}", "utf-8")
    entries = {e.id: e for e in cm.entries(tmp_path)}
    assert sorted(n for n, e in entries.items() if e.status == cm.AVAILABLE) == ["00", "03", "07"]
    assert entries["00"].minutes == cm.lesson_minutes(ROOT / "modules" / "00_lesson_orientation.ipynb")
    planned = {m["id"]: m["minutes"] for m in cm.planned()}
    assert entries["03"].minutes == planned["03"] and entries["07"].minutes == planned["07"]  # no time line: the plan


def test_the_map_is_an_escaped_table_with_headers_and_plain_text_where_html_cannot_show(monkeypatch):
    shown = cm.course_map()._repr_html_()
    assert shown.startswith('<table class="course-map"><caption>') and shown.count("<tr>") == 10
    assert shown.count('<th scope="col"') == 4 and shown.count('<th scope="row"') == 9
    assert "Metric design and the 60-30-10 rule" in shown and "✔ Available" in shown and "Coming later" in shown
    assert "08 Capstone: the manager's AI playbook (coming later" in str(cm.course_map())
    hostile = {"id": "09", "title": "<script>alert(1)</script>", "teaches": "$x^2$ <img src=x onerror=alert(1)>",
               "minutes": 5}
    monkeypatch.setattr(cm, "planned", lambda: (hostile,))
    shown = cm.course_map()._repr_html_()
    assert "<script>" not in shown and "<img" not in shown and "$" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "&#36;x^2&#36;" in shown
