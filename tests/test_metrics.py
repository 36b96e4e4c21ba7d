"""The pilot's calculators: their doctest examples, the story each data variant tells, and the missing-data rule."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

from course import data, metrics


def test_the_examples_in_the_docstrings_run():
    result = doctest.testmod(metrics)
    assert result.attempted >= 5 and result.failed == 0


@pytest.mark.parametrize("variant, loses", [(1, "refund_reply"), (2, "ticket_triage")])
def test_each_variant_has_one_use_case_that_does_not_pay_off_once_review_and_rework_count(variant, loses):
    saved, missing = metrics.time_saved(data.load_pilot_log(variant))
    assert saved.loc[loses, "gross_minutes_saved_per_task"] > 0  # it looks like a saving before the AI tax
    assert saved.loc[loses, "net_minutes_saved_per_task"] < 0
    assert (saved.drop(index=loses)["net_minutes_saved_per_task"] > 0).all()
    assert missing.left_out == {"minutes_per_task": 3}  # the blank cells are counted, not dropped silently


def test_the_pilot_follows_the_sources_calendar_baseline_then_a_small_pilot_then_the_team():
    import sys

    sys.path.insert(0, str(data._path("pilot_log.csv").parent))
    import generate_pilot

    assert tuple(generate_pilot.BASELINE_WEEKS) == data.BASELINE_WEEKS
    assert tuple(generate_pilot.PILOT_WEEKS) == data.PILOT_WEEKS and 2 <= len(data.PILOT_WEEKS) <= 3
    for variant in (1, 2):
        log = data.load_pilot_log(variant)
        assert set(log.loc[log["week"].isin(data.BASELINE_WEEKS), "phase"]) == {"baseline"}
        assert not log.loc[log["phase"] == "baseline", "used_ai"].any()
        pilot_users = set(log.loc[(log["phase"] == "pilot") & log["used_ai"], "person"])
        assert 3 <= len(pilot_users) <= 5  # the sources' pilot group of 3 to 5 people
        assert log.loc[log["week"] > data.PILOT_WEEKS[-1], "phase"].eq("expansion").all()


def test_adoption_counts_people_active_that_week_and_grows_after_the_pilot():
    table = metrics.adoption(data.load_pilot_log(1))
    assert (table.loc[1:2, "adoption_share"] == 0).all()
    assert (table.loc[3:5, "adoption_share"] <= 5 / 12).all()  # only the pilot group
    assert table.loc[12, "adoption_share"] > table.loc[5, "adoption_share"]
    assert table.loc[7, "people_active"] < table.loc[6, "people_active"]  # someone on holiday


def test_negative_infinite_and_text_minutes_are_reported_and_left_out():
    log = data.load_pilot_log(1).astype({"minutes_per_task": "object"})
    log.loc[0, "minutes_per_task"] = -4
    log.loc[1, "minutes_per_task"] = float("inf")
    log.loc[2, "minutes_per_task"] = "about five"
    _saved, missing = metrics.time_saved(log)
    assert missing.left_out["minutes_per_task"] == 6
    assert "6 rows without minutes per task" in missing.sentence()


def test_redeployment_is_measured_against_60_30_10_and_accounts_for_every_hour():
    table = metrics.redeployment(data.load_pilot_weekly(1))["percent"]
    shares = table.drop("distance_from_60_30_10")
    assert shares.sum() == pytest.approx(100, abs=0.2)
    assert table["unaccounted"] > 0 and table["distance_from_60_30_10"] > 0


def test_quality_and_trends_are_team_level():
    quality = metrics.quality(data.load_pilot_log(1))
    assert quality.loc[("refund_reply", "pilot"), "error_rate"] > quality.loc[("refund_reply", "baseline"),
                                                                               "error_rate"]
    monthly = metrics.monthly_trend(metrics.weekly_trend(data.load_pilot_log(1)))
    assert list(monthly.index) == [1, 2, 3] and "person" not in monthly.columns
    assert isinstance(monthly, pd.DataFrame)


def test_throughput_reads_each_week_against_the_baseline():
    table = metrics.throughput(data.load_pilot_weekly(1))
    assert list(table.index) == list(range(1, 13))
    assert table.loc[1:2, "backlog_vs_baseline"].mean() == pytest.approx(0, abs=0.1)
    assert table["on_time_percent"].between(0, 100).all()


def test_tables_a_manager_reads_have_plain_headings_whole_or_one_decimal_numbers_and_no_row_numbers():
    import re

    from course import data, metrics

    pages = [metrics.time_saved_table(data.load_pilot_log()).to_html(),
             metrics.perception_gap_table(data.load_perception_survey()).to_html(),
             data.tickets_table(week=1, rows=6).to_html()]
    for page in pages:
        shown = re.sub(r"<style.*?</style>|<[^>]+>", " ", page, flags=re.S)
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", shown), shown  # no column name written like_this
        assert not re.search(r"\d+\.\d{2,}", shown), shown  # at most one decimal place
        assert 'class="row_heading' not in page  # no index column of 0, 1, 2 …
    assert ">Employees<" in pages[1] and "%<" in pages[1] and ">Meeting summaries<" in pages[0]
    assert "Not counted (blank or unreadable in the log): 3 rows" in pages[0]
