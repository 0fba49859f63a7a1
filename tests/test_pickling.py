"""The records a check sends from its workers and keeps in its cache come back from pickling whole."""

from __future__ import annotations

import pickle

from chronology import dates
from chronology.diagnostics import Diagnostic, Severity
from chronology.file_check import FileResult
from chronology.load import Document


def test_a_file_result_comes_back_equal_with_its_document_dates_and_diagnostics() -> None:
    day = dates.parse("2022-12-29")
    document = Document("events/x.yaml", {"id": "x", "date": "2022-12-29"}, {("id",): (2, 5)}, {}, {("n",): "1e3"})
    warning = Diagnostic("events/x.yaml", 3, 7, Severity.WARNING, "date-without-basis", "no basis", "say how")
    result = FileResult(
        "event", "x", document, True, [warning], day, dates.parse_time("10:00/11:30"), dates.parse("2022"), b"\x01"
    )
    back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == result
    assert back.document is not None and back.document.positions == {("id",): (2, 5)}
    assert back.date is not None and back.date.start is back.date.end  # one Point, as parsed
    one_of = dates.parse("[2022-12-29..2022-12-31~]")
    assert pickle.loads(pickle.dumps(one_of)) == one_of
