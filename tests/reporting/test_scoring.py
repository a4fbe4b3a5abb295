"""`reporting/scoring.py`: how one query word meets one field word, and a query's score."""

from __future__ import annotations

from sobreg.reporting.scoring import PART, Query, meeting, meeting_value, score


def test_beginning_inside_ratio_and_a_compounds_first_part_in_that_order() -> None:
    assert meeting_value(meeting("somn", "somnhjalp")) == 100.0  # begins the word
    assert meeting_value(meeting("hjalp", "somnhjalp")) == 95.0  # inside it, 4 letters or more
    assert meeting_value(meeting("oro", "foroldr")) < 95.0  # too short to count inside
    # `somnproblem` meets `somnbesvar` through its first part, below the word itself.
    assert meeting("somnproblem", "somnbesvar", ["somn"]) == PART
    assert meeting("somnproblem", "somnbesvar") < PART


def test_a_query_scores_the_average_of_its_words_best_meetings() -> None:
    assert score(["somn", "ung"], "somnhjalp for ung vux") == 100.0
    assert score(["somn", "xyzzy"], "somnhjalp") < 75.0
    query = Query(["somnproblem"], [frozenset({"somn"})])
    assert query.parts == [["somn"]]
    assert query.best({"title": "somnhjalp", "need": "ingenting"}) == (PART, "title")
