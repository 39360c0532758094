"""Time how long the desktop application takes to appear, each run in a fresh process.

    python tests/benchmarks/bench_gui_startup.py [--data-dir DIR] [--runs 7]

Three measurements, each the median of ``--runs`` fresh child processes (a warm-up run first,
so the operating system's file cache is warm for all three alike):

(a) baseline: a bare PySide6 window — import ``PySide6.QtWidgets``, make the ``QApplication``,
    show a ``QWidget`` and process events until it is exposed;
(b) start-up: the same for Incident Desk up to its sign-in window, through
    ``DesktopShell(data_dir, SystemClock()).start()`` on an existing (small) installation;
(c) sign-in to dashboard: in a child that has already imported everything and made its
    ``QApplication``, from calling ``sign_in`` (Argon2 and the database unlock included)
    through ``main_window_services`` and ``MainWindow`` shown until the dashboard has rows,
    on a 100,000-case installation.

(a) and (b) are timed by this process from spawning the child until the child says its window
is exposed, so the interpreter's own start-up counts, as it does for the person waiting.
``--data-dir`` may be a 100,000-case installation, or a folder made by ``run_benchmarks.py
--out DIR`` / ``bench_case_list_ui.py --data-dir DIR`` (its ``installation`` inside is used);
its users are those of ``run_benchmarks.py``. Without one, or if the folder is empty, one is
built and filled (about two minutes) and kept there for the next run.
Targets: start-up to sign-in ≤ 0.6 s, sign-in to dashboard ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"
STARTUP_TARGET_S = 0.6
DASHBOARD_TARGET_S = 1.5
READY = "READY"


# -- children: each prints READY (and, for the dashboard, the seconds) and exits -------------


def child_baseline() -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.show()
    _wait_exposed(app, window)
    print(READY, flush=True)


def child_startup(data_dir: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from incident_desk.app import DesktopShell
    from incident_desk.domain.clock import SystemClock

    app = QApplication(sys.argv[:1])
    shell = DesktopShell(data_dir, SystemClock())
    shell.start()
    assert shell.window is not None
    _wait_exposed(app, shell.window)
    print(READY, flush=True)


def child_dashboard(data_dir: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from incident_desk.app import main_window_services
    from incident_desk.domain.clock import SystemClock
    from incident_desk.services.workspace import sign_in
    from incident_desk.ui.shell.main_window import MainWindow

    sys.path.insert(0, str(HERE))
    from run_benchmarks import passphrase

    app = QApplication(sys.argv[:1])
    clock = SystemClock()
    started = time.perf_counter()
    workspace = sign_in(data_dir, "sup", passphrase("sup"), clock)
    window = MainWindow(main_window_services(workspace, clock))
    window.show()
    _wait_exposed(app, window)
    deadline = time.perf_counter() + 60
    while window.dashboard.model.rowCount() == 0 and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - started
    rows = window.dashboard.model.rowCount()
    print(f"{READY} {elapsed:.6f} {rows}", flush=True)
    window.runner.wait_for_done()
    workspace.close()


def _wait_exposed(app: object, window: object) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(app, QApplication)
    assert isinstance(window, QWidget)
    while window.windowHandle() is None or not window.windowHandle().isExposed():
        app.processEvents()


# -- parent ----------------------------------------------------------------------------------


def spawn(kind: str, data_dir: Path | None) -> tuple[float, str]:
    """Seconds from spawning a child until its READY line, and that line."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=_child_env()) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith(READY):
                elapsed = time.perf_counter() - started
                child.stdout.read()
                break
        else:
            raise SystemExit(f"the {kind} child ended without showing its window")
    if child.returncode != 0:
        raise SystemExit(f"the {kind} child failed with exit code {child.returncode}")
    return elapsed, line.strip()


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH", "")]))
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def large_installation(data_dir: Path | None, scratch: Path) -> Path:
    sys.path.insert(0, str(SRC))
    sys.path.insert(0, str(HERE))
    if data_dir is not None and (data_dir / "installation" / "incident-desk.db").exists():
        return data_dir / "installation"
    if data_dir is not None and (data_dir / "incident-desk.db").exists():
        return data_dir
    from run_benchmarks import build_installation, passphrase

    from incident_desk.domain.clock import SystemClock
    from incident_desk.services.demo import fill_demo
    from incident_desk.services.workspace import sign_in

    target = (data_dir or scratch) / "installation"
    clock = SystemClock()
    build_installation(target, clock)
    admin = sign_in(target, "admin", passphrase("admin"), clock)
    try:
        print("filling 100,000 demo cases (about two minutes)…", flush=True)
        fill_demo(admin, 100_000)
    finally:
        admin.close()
    return target


def small_installation(scratch: Path) -> Path:
    sys.path.insert(0, str(SRC))
    sys.path.insert(0, str(HERE))
    from run_benchmarks import build_installation

    from incident_desk.domain.clock import SystemClock

    target = scratch / "small"
    build_installation(target, SystemClock())
    return target


def median_of(kind: str, data_dir: Path | None, runs: int) -> tuple[float, float, float, str]:
    spawn(kind, data_dir)  # warm-up: the file cache, compiled bytecode
    results = [spawn(kind, data_dir) for _ in range(runs)]
    if kind == "dashboard":
        seconds = [float(line.split()[1]) for _, line in results]
    else:
        seconds = [elapsed for elapsed, _ in results]
    return statistics.median(seconds), min(seconds), max(seconds), results[-1][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", choices=["baseline", "startup", "dashboard"])
    args = parser.parse_args()
    if args.child == "baseline":
        child_baseline()
        return
    if args.child == "startup":
        child_startup(args.data_dir)
        return
    if args.child == "dashboard":
        child_dashboard(args.data_dir)
        return
    with tempfile.TemporaryDirectory(prefix="incident-desk-startup-bench-") as folder:
        scratch = Path(folder)
        large = large_installation(args.data_dir, scratch)
        small = small_installation(scratch)
        baseline = median_of("baseline", None, args.runs)
        startup = median_of("startup", small, args.runs)
        dashboard = median_of("dashboard", large, args.runs)
    rows = dashboard[3].split()[2]
    print(f"\nmedian of {args.runs} fresh processes each (after one warm-up); {large}")
    print(f"{'measurement':<44}{'median':>9}{'low':>8}{'high':>8}{'× base':>8}{'target':>9}")
    lines = [
        ("(a) bare PySide6 window shown", baseline, None),
        ("(b) start-up to the sign-in window", startup, STARTUP_TARGET_S),
        (f"(c) sign-in to dashboard ({rows} rows)", dashboard, DASHBOARD_TARGET_S),
    ]
    for name, (median, low, high, _), target in lines:
        verdict = (
            "" if target is None else f"≤{target:.1f} " + ("ok" if median <= target else "MISS")
        )
        ratio = median / baseline[0]
        print(f"{name:<44}{median:>8.3f}s{low:>7.3f}s{high:>7.3f}s{ratio:>7.1f}×{verdict:>12}")


if __name__ == "__main__":
    main()
