"""The case table model on its own (no view): rows, roles, clock colours, paging and queries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from incident_desk.domain.clock import ManualClock
from incident_desk.domain.enums import (
    AllegationType,
    CaseStatus,
    PersonKind,
    PersonRole,
    ReceivedHow,
    TimeCertainty,
)
from incident_desk.services.cases import CaseSort, NewPerson, NewReport, list_cases, open_case
from incident_desk.services.demo import fill_demo
from incident_desk.services.snapshots import CaseSummary
from incident_desk.services.workspace import Workspace
from incident_desk.ui.models.case_table_model import (
    COL_CASE_NUMBER,
    COL_NEXT_CLOCK,
    COL_PEOPLE,
    COL_RECEIVED,
    COL_STATUS,
    CaseLoader,
    CaseNumberRole,
    CaseTableModel,
    SeverityRole,
    SummaryRole,
    severity_colours,
)
from incident_desk.ui.widgets.background import BackgroundRunner
from incident_desk.ui.widgets.deadline_presenter import Severity


def loader_for(workspace: Workspace) -> CaseLoader:
    def load(status: CaseStatus | None, search: str, sort: CaseSort, offset: int, limit: int):  # type: ignore[no-untyped-def]
        return list_cases(
            workspace, status=status, search=search, sort=sort, offset=offset, limit=limit
        )

    return load


def report(
    clock: ManualClock, victim: str, minutes_ago: int = 0, incident_hours_before: int = 1
) -> NewReport:
    received = clock.now() - timedelta(minutes=minutes_ago)
    return NewReport(
        received_how=ReceivedHow.VERBAL,
        allegation_type=AllegationType.OFFENDER_ABUSIVE_SEXUAL_CONTACT,
        received_at=received,
        location="Dorm 4",
        incident_at=received - timedelta(hours=incident_hours_before),
        incident_certainty=TimeCertainty.EXACT,
        people=(
            NewPerson(victim, PersonRole.ALLEGED_VICTIM, PersonKind.OFFENDER, "A-1"),
            NewPerson("Mark Stone", PersonRole.ALLEGED_PERPETRATOR, PersonKind.OFFENDER, "B-2"),
        ),
    )


def _model(qtbot: QtBot, workspace: Workspace, clock: ManualClock, **kw: int) -> CaseTableModel:
    runner = BackgroundRunner()
    model = CaseTableModel(
        loader_for(workspace), runner, clock.now, workspace.deadline_settings, **kw
    )
    model.reload()
    _settle(qtbot, model)
    return model


def _settle(qtbot: QtBot, model: CaseTableModel) -> None:
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)


def _numbers(model: CaseTableModel) -> list[str]:
    return [model.index(row, COL_CASE_NUMBER).data() for row in range(model.rowCount())]


def test_rows_columns_and_roles_come_from_frozen_snapshots(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    open_case(supervisor, report(clock, "José Álvarez", minutes_ago=40))
    open_case(supervisor, report(clock, "Ann Lee"))
    model = _model(qtbot, supervisor, clock)
    assert model.rowCount() == 2
    assert model.columnCount() == 7
    assert model.headerData(COL_NEXT_CLOCK, Qt.Orientation.Horizontal) == "Next clock"
    newest = model.index(0, COL_CASE_NUMBER)
    assert newest.data() == "KSR-2026-00002"
    assert newest.data(CaseNumberRole) == "KSR-2026-00002"
    assert isinstance(newest.data(SummaryRole), CaseSummary)
    assert model.index(0, COL_STATUS).data() == "Open"
    people = model.index(1, COL_PEOPLE).data()
    assert people == "José Álvarez (alleged victim); Mark Stone (alleged perpetrator)"
    clock_cell = model.index(1, COL_NEXT_CLOCK)
    # Received 40 minutes ago: the immediate steps are due in 20 minutes.
    assert clock_cell.data().startswith("Open · Immediate step: ")
    assert clock_cell.data().endswith(" · 20 min left (until 22 Nov 03:20 UTC)")
    assert "CPP 14.7 G.3" in clock_cell.data(Qt.ItemDataRole.ToolTipRole)
    assert clock_cell.data(SeverityRole) is Severity.NORMAL
    assert clock_cell.data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.rowCount(newest) == 0  # a flat table


def test_the_next_clock_turns_amber_then_red_with_its_word(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    open_case(supervisor, report(clock, "Ann Lee", minutes_ago=40))
    model = _model(qtbot, supervisor, clock)
    cell = model.index(0, COL_NEXT_CLOCK)
    model.refresh_clocks(clock.advance(timedelta(minutes=8)))
    assert cell.data(SeverityRole) is Severity.WARNING
    assert cell.data().startswith("Due soon · Immediate step: ")
    assert "12 min left" in cell.data()
    amber = severity_colours(Severity.WARNING)
    assert amber is not None
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == amber[0]
    model.refresh_clocks(clock.advance(timedelta(minutes=15)))
    assert cell.data(SeverityRole) is Severity.ALARM
    assert cell.data().startswith("OVERDUE · ")
    assert "overdue by 3 min" in cell.data()
    red = severity_colours(Severity.ALARM)
    assert red is not None
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == red[0]


def test_pages_arrive_on_fetch_more_until_the_total(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    manager = sign_in_as("pcm")
    fill_demo(manager, 450, seed=3)
    model = _model(qtbot, manager, clock, page_size=200)
    assert (model.rowCount(), model.total) == (200, 450)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())  # one page at a time
    _settle(qtbot, model)
    assert model.rowCount() == 400
    model.fetchMore(QModelIndex())
    _settle(qtbot, model)
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())
    assert len(set(_numbers(model))) == 450


def test_search_filter_and_sort_start_over_from_the_first_page(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    for victim in ("Ann Lee", "Bo Nuñez", "Cy Park"):
        open_case(supervisor, report(clock, victim))
    model = _model(qtbot, supervisor, clock)
    assert _numbers(model) == ["KSR-2026-00003", "KSR-2026-00002", "KSR-2026-00001"]
    model.set_query(search="nunez")
    _settle(qtbot, model)
    assert _numbers(model) == ["KSR-2026-00002"]
    assert model.total == 1
    model.set_query(search="", sort=CaseSort.NUMBER_ASCENDING)
    _settle(qtbot, model)
    assert _numbers(model) == ["KSR-2026-00001", "KSR-2026-00002", "KSR-2026-00003"]
    model.sort(COL_CASE_NUMBER, Qt.SortOrder.DescendingOrder)
    _settle(qtbot, model)
    assert model.current_sort is CaseSort.NUMBER_DESCENDING
    assert _numbers(model)[0] == "KSR-2026-00003"
    model.set_query(status=CaseStatus.CLOSED)
    _settle(qtbot, model)
    assert model.rowCount() == 0
    assert model.total == 0


def test_a_page_for_an_older_query_is_dropped(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    supervisor = sign_in_as("sup")
    for victim in ("Ann Lee", "Bo Nuñez"):
        open_case(supervisor, report(clock, victim))
    model = _model(qtbot, supervisor, clock)
    model.set_query(search="ann")
    model.set_query(search="bo")  # typed on before the first answer came back
    _settle(qtbot, model)
    qtbot.wait(100)
    assert _numbers(model) == ["KSR-2026-00002"]


def test_status_and_received_orders_come_from_the_service(
    qtbot: QtBot, sign_in_as: Callable[[str], Workspace], clock: ManualClock
) -> None:
    manager = sign_in_as("pcm")
    fill_demo(manager, 150, seed=4)
    model = _model(qtbot, manager, clock, page_size=150)
    words = {"Open": 0, "First response": 1, "Under investigation": 2, "Closed": 3}
    model.sort(COL_STATUS, Qt.SortOrder.AscendingOrder)
    _settle(qtbot, model)
    ranks = [words[model.index(row, COL_STATUS).data()] for row in range(model.rowCount())]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) == 4
    model.sort(COL_STATUS, Qt.SortOrder.DescendingOrder)
    _settle(qtbot, model)
    assert model.index(0, COL_STATUS).data() == "Closed"
    model.sort(COL_RECEIVED, Qt.SortOrder.AscendingOrder)
    _settle(qtbot, model)
    received = [model.summary_at(row).received_at for row in range(model.rowCount())]
    assert received == sorted(received)
    model.sort(COL_PEOPLE, Qt.SortOrder.AscendingOrder)  # not sortable: nothing changes
    assert model.current_sort is CaseSort.RECEIVED_OLDEST
    assert not model.loading
