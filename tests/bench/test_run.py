"""The benchmark's latency summary."""

from __future__ import annotations

from bench.run import percentiles, summarise


def test_percentiles_fall_on_samples_or_between_the_nearest_two() -> None:
    cuts = percentiles([float(v) for v in range(1, 102)])
    assert (cuts[50], cuts[95], cuts[99]) == (51.0, 96.0, 100.0)
    assert percentiles([10.0, 20.0])[50] == 15.0
    assert percentiles([7.0])[95] == 7.0


def test_summary_reports_p50_p95_p99_and_throughput() -> None:
    summary = summarise([20.0] * 99 + [220.0], sum_elapsed=2.0)
    assert (summary["p50_ms"], summary["p99_ms"], summary["messages_per_s"]) == (20.0, 22.0, 50.0)
