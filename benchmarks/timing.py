"""Counting queries, timing code and pages, and measuring memory, for the benchmark parts
that measure imports, listings and the survey results page."""

import gc
import os
import statistics
import time
import tracemalloc
from contextlib import contextmanager

from django.db import connection

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "21"))


class QueryCounter:
    """Counts the statements sent to the database, however many (Django's query log keeps
    only the last 9,000, too few for an import of 100,000 rows)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def counted_queries():
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


class Timing:
    """Wall-clock seconds, this process's CPU seconds (the database server's work on
    PostgreSQL is not in them) and queries of one call."""

    def __init__(self, seconds, cpu_seconds, queries):
        self.seconds, self.cpu_seconds, self.queries = seconds, cpu_seconds, queries


def timed(function):
    """(:class:`Timing`, return value) of one call of ``function``."""
    gc.collect()
    with counted_queries() as counter:
        started, started_cpu = time.perf_counter(), time.process_time()
        value = function()
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - started_cpu
    return Timing(seconds, cpu_seconds, counter.count), value


def peak_memory(function):
    """(peak MB that Python allocated during ``function()`` above what it held before,
    its return value), from tracemalloc. Measured in its own call, never while timing:
    tracemalloc slows Python down several times."""
    gc.collect()
    tracemalloc.start()
    try:
        value = function()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1_000_000, value


def page_figures(client, url, requests=REQUESTS):
    """{"queries": of one GET, "ms": median of ``requests`` uncached GETs} of ``url``."""
    response = client.get(url)  # warm up: templates, translations
    assert response.status_code == 200, (url, response.status_code)
    with counted_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    durations = []
    for _ in range(requests):
        gc.collect()
        started = time.perf_counter()
        client.get(url)
        durations.append((time.perf_counter() - started) * 1000)
    return {"queries": counter.count, "ms": statistics.median(durations)}
