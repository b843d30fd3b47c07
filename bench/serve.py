"""Serving speed under production settings, compared with a static file, in one run.

Run from the repository root (needs `wrk`: apt-get install wrk):

    python bench/serve.py                       # SQLite, the recommended gunicorn setup
    python bench/serve.py --database postgres --redis
    python bench/serve.py --compare             # every candidate gunicorn setup in turn
    python bench/serve.py --workers 3 --worker-class sync

It makes a throw-away site (a temporary SQLite file, or a PostgreSQL database it creates
and drops; a temporary STATIC_ROOT; the shipped topic imported), saves the patient topic
page's HTML as a static file, starts gunicorn on a free port of 127.0.0.1 and runs wrk
for each target (after a short warm-up that is not counted):

    (a) static     the topic's HTML as a file served by WhiteNoise: the ceiling
    (b) patient    the topic page, ?for=patient
    (c) clinician  the topic page, ?for=clinician
    (d) self-check POST of a fixed set of answers to the JSON API
    (e) search     /search/?q=shoulder+blade
    (f) search-new a query from a list of 20, with a random extra parameter: each request
                   misses the page cache and searches, as the first reader of a query does

wrk sends no cookies, so every request is an anonymous first visit. Targets (issue 7):
topic pages at 70% or more of the ceiling, p99 under 50 ms, no response outside 2xx.
(f) is not one of the issue's targets: it shows what a search costs when it is not kept.
"""

import argparse
import http.client
import json
import sys
from dataclasses import dataclass

from common import (
    HOST,
    SLUG,
    TOPIC_PATH,
    CpuMeter,
    Gunicorn,
    WorkerConfig,
    add_database_arguments,
    add_worker_arguments,
    database,
    fetch,
    flush_bench_redis,
    log,
    machine,
    prepare_site,
    run_wrk,
    save_page,
    site_env,
    wait_until_quiet,
    workdir,
    wrk_script,
    wrk_version,
)

STATIC_TOPIC = "bench/topic.html"
# A 45-year-old with three weeks of pain from desk work, nothing else: a routine outcome.
ANSWERS = {"age": 45, "duration_weeks": 3, "overhead_work_or_postural_strain": True}
SELF_CHECK_PATH = f"/api/self-check/{SLUG}/"
CEILING_SHARE = 0.70
# Before each measurement, wait (bounded) until other processes use less than this.
QUIET_CORES = 0.3
P99_LIMIT_MS = 50.0
# What --compare runs, for a 2-core machine: the 2n+1 rule for sync workers and its
# neighbours, and threaded workers that keep connections alive.
CANDIDATES = [
    WorkerConfig(3, 1, "sync"),
    WorkerConfig(5, 1, "sync"),
    WorkerConfig(2, 2, "gthread"),
    WorkerConfig(2, 4, "gthread"),
    WorkerConfig(3, 4, "gthread"),
]


SEARCH_QUERIES = (
    "shoulder+blade", "injections", "scapual", "heating+pad", "fever", "numbness", "posture",
    "x-ray", "heart+attack", "physical+therapy", "anti-inflammatory", "sleep", "bed+rest",
    "massage", "nerve", "chest+pain", "muscle+strain", "exercise", "mri", "tumour",
)  # fmt: skip
# Each request a path no reader asked for before, so the page cache never answers it.
QUERY_LIST = ", ".join(f'"{query}"' for query in SEARCH_QUERIES)
NEW_SEARCH_LUA = f"""
local queries = {{{QUERY_LIST}}}
local sent, started = 0, os.time()  -- the warm-up run's paths are not asked again
request = function()
  sent = sent + 1
  local query = queries[sent % #queries + 1]
  return wrk.format(nil, "/search/?q=" .. query .. "&visit=" .. started .. "-" .. thread_id .. "-" .. sent)
end
"""


@dataclass
class Target:
    key: str
    label: str
    path: str
    json_body: str | None = None
    lua: str = ""


TARGETS = [
    Target("static", "(a) static file (WhiteNoise)", f"/static/{STATIC_TOPIC}"),
    Target("patient", "(b) topic, patient", f"{TOPIC_PATH}?for=patient"),
    Target("clinician", "(c) topic, clinician", f"{TOPIC_PATH}?for=clinician"),
    Target("self-check", "(d) self-check API POST", SELF_CHECK_PATH, json.dumps({"answers": ANSWERS})),
    Target("search", "(e) search", "/search/?q=shoulder+blade"),
    Target("search-new", "(f) search, every query new", "/search/?q=fever", lua=NEW_SEARCH_LUA),
]
TOPIC_TARGETS = ("patient", "clinician")


def check_once(base_url, target):
    """The status of one request, so a target that is wrong fails before it is measured."""
    if target.json_body is None:
        return fetch(base_url + target.path)[0]
    port = int(base_url.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("POST", target.path, target.json_body, {"Content-Type": "application/json"})
        return connection.getresponse().status
    finally:
        connection.close()


def measure(server, scripts, options):
    results = {}
    for target in chosen(options):
        status = check_once(server.base_url, target)
        if status != 200:
            log(f"{target.key}: a first request answered {status}, not 200")
        url, script = server.base_url + target.path, scripts[target.key]
        if options.warmup:
            run_wrk(url, options.warmup, options.connections, options.wrk_threads, script)
        if options.wait_quiet:
            other = wait_until_quiet(server, QUIET_CORES, options.wait_quiet)
            if other >= QUIET_CORES:
                log(f"other processes still use {other:.2f} cores: measuring anyway")
        log(f"wrk {options.duration}s on {target.key}")
        meter = CpuMeter(server)
        results[target.key] = run_wrk(url, options.duration, options.connections, options.wrk_threads, script)
        results[target.key].cpu = meter.stop()
    return results


def chosen(options):
    return [target for target in TARGETS if target.key in options.targets]


def verdicts(results):
    ceiling = results["static"].requests_per_second if "static" in results else None
    lines = []
    for key in TOPIC_TARGETS if ceiling else ():
        if key not in results:
            continue
        share = results[key].requests_per_second / ceiling
        ok = share >= CEILING_SHARE
        line = (
            f"{key} at {share:.0%} of the static ceiling (target >= {CEILING_SHARE:.0%}): {yes(ok)}; "
            f"by server CPU per request, {cpu_share(results['static'], results[key]):.0%}"
        )
        other = max(results["static"].cpu.other, results[key].cpu.other)
        if other >= QUIET_CORES:
            line += f" (other processes took up to {other:.2f} cores: trust the CPU figure)"
        lines.append(line)
    for target in TARGETS:
        if target.key not in results:
            continue
        result = results[target.key]
        fast = result.p99_ms < P99_LIMIT_MS
        clean = result.non_2xx == 0 and result.socket_errors == 0
        lines.append(
            f"{target.key}: p99 {result.p99_ms:.1f} ms < {P99_LIMIT_MS:.0f} ms: {yes(fast)}; "
            f"non-2xx {result.non_2xx}, socket errors {result.socket_errors}: {yes(clean)}"
        )
    return lines


def cpu_share(ceiling, result):
    """What requests/s would compare to on a machine with nothing else running: the
    static file's server CPU per request over this target's."""
    return (ceiling.cpu.server / ceiling.requests_per_second) / (
        result.cpu.server / result.requests_per_second
    )


def yes(ok):
    return "met" if ok else "MISSED"


def table(results):
    ceiling = results["static"].requests_per_second if "static" in results else None
    rows = [
        "| target | requests/s | p50 ms | p99 ms | non-2xx | socket errors | vs (a) "
        "| server CPU ms/request | CPU server/db+cache/wrk/other |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for target in TARGETS:
        if target.key not in results:
            continue
        result = results[target.key]
        share = f"{result.requests_per_second / ceiling:.0%}" if ceiling else "-"
        rows.append(
            f"| {target.label} | {result.requests_per_second:,.0f} "
            f"| {result.p50_ms:.2f} | {result.p99_ms:.2f} | {result.non_2xx} | {result.socket_errors} "
            f"| {share} "
            f"| {1000 * result.cpu.server / result.requests_per_second:.3f} "
            f"| {result.cpu.server:.2f} / {result.cpu.services:.2f} / {result.cpu.wrk:.2f} "
            f"/ {result.cpu.other:.2f} |"
        )
    rows.append(
        "\nserver CPU ms/request: gunicorn's CPU time (master and workers) per response, which "
        "another program's load changes far less than requests/s. CPU: cores used during the run "
        "(of 2) by gunicorn, by PostgreSQL and Redis (whoever they served), by wrk, and by every "
        "other process; a large `other` means the figures were disturbed."
    )
    return "\n".join(rows)


def summary(all_results):
    rows = [
        "| gunicorn | static r/s | patient r/s | clinician r/s | self-check r/s | search r/s "
        "| new search r/s | worst p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for config, results in all_results:
        rates = " | ".join(
            f"{results[t.key].requests_per_second:,.0f}" if t.key in results else "-" for t in TARGETS
        )
        worst = max(result.p99_ms for result in results.values())
        rows.append(f"| {config} | {rates} | {worst:.1f} |")
    return "\n".join(rows)


def run(options):
    configs = (
        CANDIDATES
        if options.compare
        else [WorkerConfig(options.workers, options.threads, options.worker_class)]
    ) * options.rounds
    print(f"# bench/serve.py: {machine()}; {wrk_version()}")
    print(
        f"database {options.database}, cache {'Redis' if options.redis else 'local memory'}; "
        f"wrk -t{options.wrk_threads} -c{options.connections} -d{options.duration}s --latency "
        f"(after a {options.warmup} s warm-up per target)\n"
    )
    all_results = []
    with workdir(options.keep) as directory, database(options.database, directory) as database_url:
        static_root = directory / "static"
        env = site_env(database_url, static_root, options.redis)
        if options.redis:
            flush_bench_redis()
        prepare_site(env)
        save_page(env, f"{TOPIC_PATH}?for=patient", static_root / STATIC_TOPIC)
        scripts = {
            target.key: wrk_script(directory, target.json_body, target.lua) for target in chosen(options)
        }
        for config in configs:
            with Gunicorn(env, config, directory / "gunicorn.log") as server:
                results = measure(server, scripts, options)
            all_results.append((config, results))
            print(f"## gunicorn: {config}\n")
            print(table(results) + "\n")
            print("\n".join(f"- {line}" for line in verdicts(results)) + "\n", flush=True)
        if options.redis:
            flush_bench_redis()
    if len(all_results) > 1:
        print("## All gunicorn setups\n")
        print(summary(all_results))
    return all_results


def main(argv=None):
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    add_database_arguments(parser)
    add_worker_arguments(parser)
    keys = [target.key for target in TARGETS]
    parser.add_argument(
        "--targets", nargs="+", choices=keys, default=keys, metavar="TARGET", help=", ".join(keys)
    )
    parser.add_argument("--compare", action="store_true", help="run every candidate gunicorn setup")
    parser.add_argument("--rounds", type=int, default=1, help="run the setups this many times, in turn")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per target")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of uncounted wrk first")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument(
        "--wait-quiet",
        type=int,
        default=30,
        metavar="SECONDS",
        help=f"before each target, wait up to this long for other processes to use < {QUIET_CORES} cores",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
