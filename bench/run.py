"""Benchmarks: understanding, speed, memory and training time, against a plain Rasa bot.

Run with `make bench`. Writes bench/results/report.md, report.json and latency.png and
prints the headline figures. The baseline is the bot `rasa init` creates, trained in a
temporary folder and started the same way, measured in the same run: compare ratios,
since absolute times vary between machines.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"

from bench.heldout import kind_table, language_table  # noqa: E402
from bot.ops.supervisor import QUIET_ENV, Child, Supervisor  # noqa: E402
from bot.rasa_client import RasaClient, RasaUnavailable  # noqa: E402

OUR_MESSAGES = [
    ("hei", None), ("hvilke kurs finnes i Oslo?", None), ("Hello, which courses are there?", None),
    ("مرحبا، ما هي الدورات المتاحة؟", None), ("Привіт, які є курси?", None),
    ("ሰላም፣ ኣየኖት ኮርሳት ኣለዉ?", None), ("how long is the cleaning course?", "en"),
    ("what are my chances of a job after the care course?", "en"), ("ok", None),
    ("hvor mye tiltakspenger får jeg?", "nb"),
]
BASELINE_MESSAGES = [("hello", None), ("I am sad", None), ("yes", None), ("great", None),
                     ("are you a bot?", None), ("goodbye", None), ("hi there", None),
                     ("not really", None), ("very good", None), ("bye", None)]


async def timed_send(client: RasaClient, sender: str, text: str, language: Optional[str]) -> float:
    """Milliseconds from sending one message to having the whole reply."""
    started = time.perf_counter()
    await client.send(sender, text, language=language)
    return (time.perf_counter() - started) * 1000


def warm_up(url: str, sender: str, messages) -> None:
    """Sends each message once (not measured): models, caches and connections get ready."""
    async def send_all() -> None:
        async with RasaClient(url) as client:
            for text, language in messages:
                await client.send(sender, text, language=language)

    asyncio.run(send_all())


def percentiles(values: Sequence[float]) -> Dict[int, float]:
    """The 1st to 99th percentiles, interpolated between the nearest samples."""
    cuts = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else list(values) * 99
    return {p: cuts[p - 1] for p in range(1, 100)}


def load(url: str, messages, conversations: int, per_conversation: int, tag: str) -> Dict[str, Any]:
    """`conversations` conversations at once, each `per_conversation` messages one after another."""
    return asyncio.run(_load(url, messages, conversations, per_conversation, tag))


async def _load(url: str, messages, conversations: int, per_conversation: int, tag: str) -> Dict[str, Any]:
    latencies: List[float] = []
    errors: List[str] = []

    async def conversation(client: RasaClient, index: int) -> None:
        sender = f"bench-{tag}-{conversations}-{index}-{time.time_ns()}"
        for turn in range(per_conversation):
            text, language = messages[(index + turn) % len(messages)]
            try:
                latencies.append(await timed_send(client, sender, text, language))
            except RasaUnavailable as exc:  # counted, reported
                errors.append(str(exc))

    started = time.perf_counter()
    async with RasaClient(url) as client:
        await asyncio.gather(*(conversation(client, i) for i in range(conversations)))
    result = summarise(latencies, time.perf_counter() - started)
    result.update(conversations=conversations, errors=len(errors))
    return result


def summarise(latencies: List[float], sum_elapsed: Optional[float]) -> Dict[str, Any]:
    elapsed = sum_elapsed if sum_elapsed is not None else sum(latencies) / 1000
    cuts = percentiles(latencies)
    return {"messages": len(latencies), "errors": 0,
            "p50_ms": round(cuts[50], 1), "p95_ms": round(cuts[95], 1),
            "p99_ms": round(cuts[99], 1), "mean_ms": round(statistics.mean(latencies), 1),
            "messages_per_s": round(len(latencies) / elapsed, 1), "latencies": latencies}


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            pids.extend(int(c) for c in children)
        except (OSError, ValueError):
            continue
    return round(total / 1024, 1)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed(command: List[str], cwd: Path, env: Optional[Dict[str, str]] = None) -> float:
    started = time.monotonic()
    subprocess.run(command, cwd=cwd, env={**os.environ, **QUIET_ENV, **(env or {})}, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return round(time.monotonic() - started, 1)


def measure_server(children: List[Child], cwd: Path, url: str, messages, tag: str,
                   env: Optional[Dict[str, str]] = None, log: Optional[Path] = None) -> Dict[str, Any]:
    out = open(log or os.devnull, "w")
    supervisor = Supervisor(children, cwd=cwd, out=out, env=env)
    supervisor.start()
    try:
        if not supervisor.wait_healthy(timeout=300):
            raise RuntimeError(f"{tag} did not start")
        warm_up(url, f"warm-{tag}", messages)
        # One conversation at a time (20 conversations of 10 messages, one after another),
        # then 20 at once. Conversations are kept at a realistic length: every action call
        # carries the conversation's events, so one 200-message conversation measures
        # tracker size, not the bot.
        latencies: List[float] = []
        errors = 0
        for _ in range(20):
            one = load(url, messages, 1, 10, tag)
            latencies += one["latencies"]
            errors += one["errors"]
        single = summarise(latencies, sum_elapsed=None)
        single["errors"] = errors
        concurrent = load(url, messages, 20, 10, tag)
        memory = {c.name: rss_mb(c.process.pid) for c in children if c.process}
        return {"single": single, "concurrent": concurrent, "rss_mb": memory}
    finally:
        supervisor.stop()
        out.close()


def baseline(python: str, workdir: Path) -> Dict[str, Any]:
    project = workdir / "baseline"
    project.mkdir()
    subprocess.run([python, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(project)],
                   cwd=workdir, env={**os.environ, **QUIET_ENV}, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    train_s = timed([python, "-m", "rasa", "train", "--force", "--fixed-model-name", "base"], project)
    port = free_port()
    child = Child("baseline", [python, "-m", "rasa", "run", "--enable-api", "--port", str(port),
                               "--model", "models/base.tar.gz"], health_url=f"http://127.0.0.1:{port}/status")
    result = measure_server([child], project, f"http://127.0.0.1:{port}",
                            BASELINE_MESSAGES, "baseline", log=workdir / "baseline.log")
    result["train_s"] = train_s
    return result


def ours(python: str, workdir: Path, model: Path) -> Dict[str, Any]:
    from bot.config import load_settings
    from bot.ops.supervisor import commands

    env = {"AMO_RASA_PORT": str(free_port()), "AMO_ACTIONS_PORT": str(free_port()),
           "AMO_VAR_DIR": str(workdir / "var"), "AMO_TRACKER_STORE_URL": "memory"}
    settings = load_settings({**os.environ, **env})
    return measure_server(commands(settings, model, python), ROOT,
                          settings.rasa_url, OUR_MESSAGES, "ours", env=env,
                          log=workdir / "ours.log")


def training_times(python: str, workdir: Path) -> Dict[str, float]:
    """Full training from scratch in a copy, then a retrain after one new NLU example."""
    copy = workdir / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "models", "var", ".git",
                                                              "bench", "tests", ".rasa"))
    from bot.ops.rasa_commands import train_command

    command = train_command(Path("models"), python=python)
    (workdir / "cache").mkdir(exist_ok=True)
    env = {"RASA_CACHE_DIRECTORY": str(workdir / "cache")}
    full = timed(command, copy, env)
    (copy / "nlu_data" / "nlu" / "nb" / "one-more.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: thanks\n  examples: |\n    - tusen hjertelig takk for hjelpa\n',
        encoding="utf-8")
    small = timed(command, copy, env)
    return {"full_s": full, "small_change_s": small}


def plot(report: Dict[str, Any], target: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4))
    data, labels = [], []
    for name in ("baseline", "ours"):
        for mode in ("single", "concurrent"):
            data.append(report[name][mode]["latencies"])
            labels.append(f"{name}\n{'1 conv.' if mode == 'single' else '20 conv.'}")
    ax.boxplot(data, labels=labels, showfliers=False)
    ax.set_ylabel("latency of POST /webhooks/rest/webhook (ms)")
    ax.set_title("End-to-end latency, this bot vs the `rasa init` bot")
    fig.tight_layout()
    fig.savefig(target, dpi=110)


def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-training", action="store_true", help="Do not time training (saves about a minute).")
    args = parser.parse_args()
    python = sys.executable
    RESULTS.mkdir(parents=True, exist_ok=True)
    from bench.evaluate_nlu import evaluate
    from bot.config import get_settings
    from bot.ops.training import train

    report: Dict[str, Any] = {
        "date": dt.datetime.now().isoformat(timespec="minutes"),
        "machine": f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, "
                   f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GB, "
                   f"Python {platform.python_version()}",
    }
    with tempfile.TemporaryDirectory(prefix="amo-bench-") as tmp:
        work = Path(tmp)
        print("Understanding (held-out split)...", flush=True)
        # The model of the checkout's training data (trained now if `make setup` has not).
        model = train(ROOT, get_settings().models_dir)
        report["nlu"] = evaluate(model)
        print("Baseline: rasa init bot (train and serve)...", flush=True)
        report["baseline"] = baseline(python, work)
        print("This bot (serve)...", flush=True)
        report["ours"] = ours(python, work, model)
        if not args.skip_training:
            print("Training times...", flush=True)
            try:
                report["training"] = training_times(python, work)
            except subprocess.CalledProcessError as exc:  # reported, the other figures stand
                print(f"Training could not be timed: {exc}", flush=True)
    b, o = report["baseline"], report["ours"]
    report["ratios"] = {
        "p50": ratio(o["single"]["p50_ms"], b["single"]["p50_ms"]),
        "p95": ratio(o["single"]["p95_ms"], b["single"]["p95_ms"]),
        "p50_20": ratio(o["concurrent"]["p50_ms"], b["concurrent"]["p50_ms"]),
        "p95_20": ratio(o["concurrent"]["p95_ms"], b["concurrent"]["p95_ms"]),
        "throughput_20": ratio(o["concurrent"]["messages_per_s"], b["concurrent"]["messages_per_s"]),
        "rasa_rss": ratio(o["rss_mb"]["rasa"], b["rss_mb"]["baseline"]),
    }
    plot(report, RESULTS / "latency.png")
    for side in ("baseline", "ours"):
        for mode in ("single", "concurrent"):
            report[side][mode].pop("latencies")
    (RESULTS / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    markdown = render(report)
    (RESULTS / "report.md").write_text(markdown, encoding="utf-8")
    print(markdown)


def render(r: Dict[str, Any]) -> str:
    nlu = r["nlu"]
    lines = [f"# Benchmark, {r['date']}", "", f"Machine: {r['machine']}", "",
             "## Understanding (held-out splits, clean and messy)", "", language_table(nlu), "",
             "Figures in %. Intent = the classifier's best intent; *fallback* = no answer (below the "
             f"{nlu['fallback_threshold']} confidence threshold, or out_of_scope for a message on topic); "
             "*wrong lang.* = the first reply is in another language than the message.",
             "", "Messy split by kind:", "", kind_table(nlu["splits"]["messy"]),
             "", "Most confused (clean): " + "; ".join(f"{c['gold']} → {c['predicted']} ({c['count']})"
                                                   for c in nlu["splits"]["clean"]["confused_pairs"][:5]),
             "", "## Speed and memory (ours / `rasa init` baseline)", "",
             "| | baseline | ours | ratio |", "|---|---|---|---|"]
    b, o, q = r["baseline"], r["ours"], r["ratios"]
    for label, key, mode, rk in (("p50, 1 conversation (ms)", "p50_ms", "single", "p50"),
                                 ("p95, 1 conversation (ms)", "p95_ms", "single", "p95"),
                                 ("p99, 1 conversation (ms)", "p99_ms", "single", None),
                                 ("p50, 20 conversations (ms)", "p50_ms", "concurrent", "p50_20"),
                                 ("p95, 20 conversations (ms)", "p95_ms", "concurrent", "p95_20"),
                                 ("p99, 20 conversations (ms)", "p99_ms", "concurrent", None),
                                 ("messages/s, 20 conversations", "messages_per_s", "concurrent", "throughput_20")):
        lines.append(f"| {label} | {b[mode][key]} | {o[mode][key]} | {q[rk] if rk else ''} |")
    lines.append(f"| errors | {b['single']['errors'] + b['concurrent']['errors']} | "
                 f"{o['single']['errors'] + o['concurrent']['errors']} | |")
    lines.append(f"| Rasa server RSS (MB) | {b['rss_mb']['baseline']} | {o['rss_mb']['rasa']} | {q['rasa_rss']} |")
    lines.append(f"| action server RSS (MB) | n/a | {o['rss_mb'].get('actions')} | |")
    lines.append(f"| training from scratch (s) | {b['train_s']} | {r.get('training', {}).get('full_s', 'not run')} | |")
    if "training" in r:
        lines.append(f"| retrain after one new example (s) | | {r['training']['small_change_s']} | |")
    lines += ["", "![latency](latency.png)", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
