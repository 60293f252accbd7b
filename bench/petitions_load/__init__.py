"""Helpers of `bench/bench_petitions_load.py`: bench-only settings and URLs, data loading, wrk driving."""
