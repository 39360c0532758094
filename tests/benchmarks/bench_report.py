"""The benchmark table: each measurement beside its plain-SQLite baseline and its target."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench_timing import Timing

UNLOCK_SECONDS = 1.0
READ_SECONDS = 0.150
SAVE_P95_SECONDS = 0.025
VERIFY_EVENTS_PER_SECOND = 500_000
READ_RATIO = 1.5
FILL_SECONDS_PER_100K = 180.0


@dataclass
class Line:
    operation: str
    encrypted: str
    plain: str = ""
    ratio: str = ""
    target: str = ""
    met: bool | None = None


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


@dataclass
class Report:
    lines: list[Line] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def environment(self, text: str) -> None:
        self.notes.append(text)

    def fill(self, cases: int, rows: int, seconds: float) -> None:
        limit = FILL_SECONDS_PER_100K * cases / 100_000
        self.lines.append(
            Line(
                f"demo fill, {cases:,} cases ({rows:,} rows + {rows:,} audit events)",
                f"{seconds:,.1f} s",
                target=f"< {limit:,.0f} s",
                met=seconds < limit,
            )
        )

    def pair(self, operation: str, encrypted: Timing, plain: Timing, kind: str) -> None:
        ratio = encrypted.median / plain.median if plain.median else float("inf")
        if kind == "unlock":
            target, met = f"≤ {UNLOCK_SECONDS:.0f} s", encrypted.median <= UNLOCK_SECONDS
            shown_ratio = f"{ratio:,.0f}×"
        else:
            target = f"≤ {READ_SECONDS * 1000:.0f} ms, ratio ≤ {READ_RATIO}"
            met = encrypted.median <= READ_SECONDS and ratio <= READ_RATIO
            shown_ratio = f"{ratio:.2f}"
        self.lines.append(
            Line(operation, _spread(encrypted), _spread(plain), shown_ratio, target, met)
        )

    def values(self, operation: str, encrypted: float, plain: float, kind: str) -> None:
        target, met = ("", None)
        if kind == "save" and "p95" in operation:
            target, met = f"≤ {SAVE_P95_SECONDS * 1000:.0f} ms", encrypted <= SAVE_P95_SECONDS
        self.lines.append(
            Line(operation, _ms(encrypted), _ms(plain), f"{encrypted / plain:.2f}", target, met)
        )

    def single(self, operation: str, timing: Timing) -> None:
        self.lines.append(Line(operation, _spread(timing)))

    def verify(self, workers: int, events: int, encrypted: Timing, plain: Timing) -> None:
        rate = events / encrypted.median
        plain_rate = events / plain.median
        self.lines.append(
            Line(
                f"audit verify, whole chain ({events:,} events, {workers} process"
                f"{'es' if workers > 1 else ''})",
                f"{rate:,.0f} ev/s ({encrypted.median:.1f} s)",
                f"{plain_rate:,.0f} ev/s ({plain.median:.1f} s)",
                f"{encrypted.median / plain.median:.2f}",
                f"≥ {VERIFY_EVENTS_PER_SECOND:,} ev/s",
                rate >= VERIFY_EVENTS_PER_SECOND,
            )
        )

    def all_met(self) -> bool:
        return all(line.met is not False for line in self.lines)

    def markdown(self) -> str:
        rows = [
            "| Operation | Encrypted (SQLCipher) | Plain SQLite | Ratio enc/plain | Target | Met |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for line in self.lines:
            met = "" if line.met is None else ("yes" if line.met else "**no**")
            rows.append(
                f"| {line.operation} | {line.encrypted} | {line.plain} | {line.ratio} "
                f"| {line.target} | {met} |"
            )
        rows.append("")
        rows.extend(f"- {note}" for note in self.notes)
        return "\n".join(rows) + "\n"


def _spread(timing: Timing) -> str:
    return f"{_ms(timing.median)} (min {_ms(timing.low)}, max {_ms(timing.high)})"
