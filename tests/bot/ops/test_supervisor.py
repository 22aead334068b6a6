"""The supervisor: children started and stopped together (endpoints: test_rasa_commands.py)."""


def run_children(children):
    import io

    from bot.ops.supervisor import Supervisor

    out = io.StringIO()
    supervisor = Supervisor(children, cwd=".", out=out)
    supervisor.start()
    return supervisor.watch(), out.getvalue()


def test_a_crashed_child_is_reported_and_stops_the_run():
    import sys

    from bot.ops.supervisor import Child

    code, log = run_children([
        Child("sleeper", [sys.executable, "-c", "import time; time.sleep(30)"]),
        Child("crasher", [sys.executable, "-c", "print('boom'); raise SystemExit(3)"]),
    ])
    assert code == 1
    assert "crasher | boom" in log and "crasher stopped unexpectedly (exit code 3)" in log


def test_an_optional_child_may_stop_cleanly_while_the_rest_runs_on(tmp_path):
    import sys

    from bot.ops.supervisor import Child

    # The worker fails only after the optional child has gone (it leaves a file on its way out).
    gone = tmp_path / "optional-gone"
    worker = ("import pathlib, sys, time\n"
              f"gone = pathlib.Path({str(gone)!r})\n"
              "deadline = time.monotonic() + 30\n"
              "while not gone.exists() and time.monotonic() < deadline:\n"
              "    time.sleep(0.01)\n"
              "time.sleep(0.2)\n"
              "sys.exit(5)\n")
    code, log = run_children([
        Child("optional", [sys.executable, "-c",
                           f"import pathlib; print('no token'); pathlib.Path({str(gone)!r}).touch()"],
              optional=True),
        Child("worker", [sys.executable, "-c", worker]),
    ])
    assert "optional stopped (see its last log line); the rest runs on" in log
    assert "worker stopped unexpectedly (exit code 5)" in log and code == 1


def test_sigterm_stops_every_child():
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import sys\n"
        "from bot.ops.supervisor import Child, Supervisor\n"
        "s = Supervisor([Child('sleeper', [sys.executable, '-c', 'import time; time.sleep(60)'])], cwd='.')\n"
        "s.start(); print(s.children[0].process.pid, flush=True); sys.exit(s.watch())\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    child_pid = int(parent.stdout.readline().split()[0])
    time.sleep(0.5)
    parent.send_signal(signal.SIGTERM)
    assert parent.wait(timeout=20) == 0
    import os

    try:
        os.kill(child_pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive
