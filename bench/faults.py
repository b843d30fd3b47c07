"""Faults under load: restart PostgreSQL, kill a gunicorn worker, and time the recovery.

Run from the repository root (needs `wrk` and the local PostgreSQL server):

    python bench/faults.py                      # both faults, 30 s of load each
    python bench/faults.py --fault worker-kill --duration 20 --redis

For each fault it makes a throw-away site on a PostgreSQL database it creates and drops
(never `test`), starts gunicorn (production settings, the recommended workers) on a free
port of 127.0.0.1 and, for --duration seconds, runs three wrk streams at once:

    topic            the patient topic page, served from the page cache once warm
    topic, no cache  the same page with a session cookie, so every request renders it
                     and reads the database, as for any reader with a session
    healthz          /healthz, which asks the database and the cache

and polls each of them every 100 ms from its own thread. At --fault-at seconds it
restarts the PostgreSQL server (`pg_ctlcluster ... restart`: this drops every client of
that server on the machine, the project's test runs included, so the script first waits up
to --wait-others seconds for them to leave, and checks the server is up again at the end
whatever happens) or SIGKILLs one gunicorn worker. It reports what wrk saw (responses
outside 2xx, socket errors) and, per polled address, the time from the first failed poll
after the fault to the first success.
"""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from common import (
    TOPIC_PATH,
    Gunicorn,
    WorkerConfig,
    WrkProcess,
    add_worker_arguments,
    database,
    fetch,
    flush_bench_redis,
    log,
    machine,
    postgres_admin,
    prepare_site,
    run_wrk,
    site_env,
    workdir,
    wrk_script,
    wrk_version,
)

POLL_SECONDS = 0.1
POLL_TIMEOUT = 1.0
POSTGRES_WAIT_SECONDS = 60
REPLACE_WAIT_SECONDS = 30
# A session key that exists nowhere: the page cache is skipped and the session is looked up.
NO_CACHE_COOKIE = "sessionid=benchnosuchsession"
FAULTS = ("postgres-restart", "worker-kill")


@dataclass
class Stream:
    key: str
    path: str
    connections: int
    headers: tuple = ()


STREAMS = [
    Stream("topic", f"{TOPIC_PATH}?for=patient", 6),
    Stream("topic, no cache", f"{TOPIC_PATH}?for=patient", 5, (f"Cookie: {NO_CACHE_COOKIE}",)),
    Stream("healthz", "/healthz", 5),
]


# --- PostgreSQL ----------------------------------------------------------------------


def cluster_version():
    return sorted(os.listdir("/etc/postgresql"))[-1]


def postgres_ready():
    command = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]
    return subprocess.run(command, timeout=10).returncode == 0


def ensure_postgres_up():
    """Start the cluster if a restart left it down, and wait (bounded) until it answers."""
    if not postgres_ready():
        log("PostgreSQL is down: starting it")
        command = ["pg_ctlcluster", "--skip-systemctl-redirect", cluster_version(), "main", "start"]
        subprocess.run(command, timeout=POSTGRES_WAIT_SECONDS, check=False)
    deadline = time.monotonic() + POSTGRES_WAIT_SECONDS
    while not postgres_ready():
        if time.monotonic() > deadline:
            raise RuntimeError("PostgreSQL did not come back")
        time.sleep(0.5)


def other_clients(own_database):
    """{database: connections} of everyone else using the server."""
    with postgres_admin() as connection:
        rows = connection.execute(
            "SELECT datname, count(*) FROM pg_stat_activity "
            "WHERE datname IS NOT NULL AND datname <> %s AND pid <> pg_backend_pid() GROUP BY datname",
            [own_database],
        ).fetchall()
    return dict(rows)


def wait_for_no_other_clients(own_database, max_seconds):
    """A restart drops every client of the server: wait (bounded) until nobody else is on it."""
    deadline = time.monotonic() + max_seconds
    while (others := other_clients(own_database)) and time.monotonic() < deadline:
        time.sleep(1)
    if others:
        log(f"other clients still on the PostgreSQL server, which the restart will drop: {others}")


def restart_postgres(server, context):
    others = other_clients(context["database"])
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", cluster_version(), "main", "restart"]
    started = time.monotonic()
    subprocess.run(command, timeout=POSTGRES_WAIT_SECONDS, check=True)
    took = time.monotonic() - started
    return f"`pg_ctlcluster ... restart` took {took:.2f} s; other clients then: {others or 'none'}"


# --- gunicorn ------------------------------------------------------------------------


def kill_worker(server, context):
    before = server.workers()
    victim = before[0]
    os.kill(victim, signal.SIGKILL)
    killed = time.monotonic()
    deadline = killed + REPLACE_WAIT_SECONDS
    while time.monotonic() < deadline:
        now = server.workers()
        if victim not in now and len(now) >= len(before):
            new, took = sorted(set(now) - set(before)), time.monotonic() - killed
            return f"SIGKILL to worker {victim}; the master started worker {new} {took:.2f} s later"
        time.sleep(0.02)
    return f"SIGKILL to worker {victim}; NOT replaced within {REPLACE_WAIT_SECONDS} s"


FAULT_ACTIONS = {"postgres-restart": restart_postgres, "worker-kill": kill_worker}


# --- polling -------------------------------------------------------------------------


@dataclass
class Poll:
    at: float
    status: int | None
    detail: str


@dataclass
class Poller:
    """GETs one address every 100 ms from its own thread until stopped or its deadline."""

    url: str
    headers: dict
    origin: float
    deadline: float
    polls: list = field(default_factory=list)

    def start(self, stop):
        self.thread = threading.Thread(target=self.run, args=(stop,), daemon=True)
        self.thread.start()

    def run(self, stop):
        while not stop.is_set() and time.monotonic() < self.deadline:
            began = time.monotonic()
            status, body = fetch(self.url, timeout=POLL_TIMEOUT, headers=self.headers)
            detail = body if isinstance(body, str) else title_of(body)
            self.polls.append(Poll(began - self.origin, status, detail))
            stop.wait(max(0.0, POLL_SECONDS - (time.monotonic() - began)))


def title_of(body):
    text = body.decode(errors="replace")
    if "<title>" in text:
        return text.split("<title>", 1)[1].split("</title>", 1)[0].strip()
    return text[:60].strip()


@dataclass
class Recovery:
    polls: int
    failed: int
    first_failure: Poll | None = None
    first_success_after: Poll | None = None
    last_failure: Poll | None = None

    def describe(self, fault_at):
        if self.first_failure is None:
            return f"| {self.polls} | 0 | - | - | - | - |"
        failure, success = self.first_failure, self.first_success_after
        seen = f"{failure.status} {failure.detail}" if failure.status else failure.detail
        if success is None:
            return f"| {self.polls} | {self.failed} | {failure.at - fault_at:+.2f} s | never | - | {seen} |"
        took, last = success.at - failure.at, self.last_failure.at - fault_at
        return (
            f"| {self.polls} | {self.failed} | {failure.at - fault_at:+.2f} s "
            f"| {success.at - fault_at:+.2f} s | **{took:.2f} s** (last failure {last:+.2f} s) | {seen} |"
        )


def recovery(polls, fault_at):
    after = [poll for poll in polls if poll.at >= fault_at]
    failures = [poll for poll in after if poll.status != 200]
    result = Recovery(len(polls), len(failures))
    if failures:
        result.first_failure, result.last_failure = failures[0], failures[-1]
        result.first_success_after = next(
            (poll for poll in after if poll.at > failures[0].at and poll.status == 200), None
        )
    return result


# --- one fault -----------------------------------------------------------------------


def warm_up(server, script, seconds=2):
    """Every worker renders and caches the topic page once before the clock starts."""
    for stream in STREAMS:
        run_wrk(server.base_url + stream.path, seconds, stream.connections, 1, script, stream.headers)


def run_fault(fault, server, script, options, context):
    for stream in STREAMS:
        status = fetch(server.base_url + stream.path, headers=header_dict(stream.headers))[0]
        log(f"{stream.key}: first request answered {status}")
    warm_up(server, script)
    origin = time.monotonic()
    deadline = origin + options.duration + 5
    stop = threading.Event()
    pollers = {
        stream.key: Poller(server.base_url + stream.path, header_dict(stream.headers), origin, deadline)
        for stream in STREAMS
    }
    wrks = []
    try:
        for poller in pollers.values():
            poller.start(stop)
        for stream in STREAMS:
            url = server.base_url + stream.path
            wrks.append(WrkProcess(url, options.duration, stream.connections, 1, script, stream.headers))
        time.sleep(max(0.0, origin + options.fault_at - time.monotonic()))
        fault_at = time.monotonic() - origin
        log(f"{fault} at {fault_at:.2f} s")
        note = FAULT_ACTIONS[fault](server, context)
        results = {stream.key: wrk.result() for stream, wrk in zip(STREAMS, wrks, strict=True)}
    finally:
        for wrk in wrks:
            wrk.stop()
        stop.set()
        for poller in pollers.values():
            poller.thread.join(POLL_TIMEOUT + 1)
    recoveries = {key: recovery(poller.polls, fault_at) for key, poller in pollers.items()}
    return fault_at, note, results, recoveries


def header_dict(headers):
    return dict(header.split(": ", 1) for header in headers)


def report(fault, fault_at, note, results, recoveries, log_lines):
    print(f"## {fault}, {fault_at:.1f} s into the run\n")
    print(f"{note}.\n")
    print("| wrk stream | connections | requests | requests/s | p99 ms | non-2xx | socket errors |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for stream in STREAMS:
        result = results[stream.key]
        print(
            f"| {stream.key} | {stream.connections} | {result.requests} | {result.requests_per_second:,.0f} "
            f"| {result.p99_ms:.1f} | {result.non_2xx} | {result.socket_errors} ({result.socket_detail}) |"
        )
    print(
        "\n| polled every 100 ms | polls | failed | first failure | first success after it | recovery "
        "| first failure seen |"
    )
    print("|---|---:|---:|---:|---:|---|---|")
    for key, item in recoveries.items():
        print(f"| {key} {item.describe(fault_at)}")
    print("\nTimes are from the fault. gunicorn's log during the run: " + (log_lines or "nothing") + "\n")


def log_summary(text):
    """Counts of the lines that matter in gunicorn's log for one run."""
    markers = {
        "Database unavailable": "503 'Database unavailable' lines",
        "Traceback": "tracebacks",
        "WORKER TIMEOUT": "worker timeouts",
        "Booting worker": "workers booted",
        "SIGKILL": "SIGKILL notices",
    }
    counts = {label: text.count(marker) for marker, label in markers.items()}
    return ", ".join(f"{count} {label}" for label, count in counts.items() if count)


# --- the run -------------------------------------------------------------------------


def run(options):
    config = WorkerConfig(options.workers, options.threads, options.worker_class)
    print(f"# bench/faults.py: {machine()}; {wrk_version()}")
    print(
        f"PostgreSQL {cluster_version()}, cache {'Redis' if options.redis else 'local memory'}, "
        f"gunicorn {config}; {options.duration} s of load per fault, the fault at {options.fault_at} s\n"
    )
    try:
        with workdir(options.keep) as directory, database("postgres", directory) as database_url:
            env = site_env(database_url, directory / "static", options.redis)
            if options.redis:
                flush_bench_redis()
            prepare_site(env)
            script = wrk_script(directory)
            context = {"database": urlsplit(database_url).path.lstrip("/")}
            for fault in options.fault:
                if fault == "postgres-restart":
                    wait_for_no_other_clients(context["database"], options.wait_others)
                log_path = directory / f"gunicorn-{fault}.log"
                with Gunicorn(env, config, log_path) as server:
                    fault_at, note, results, recoveries = run_fault(fault, server, script, options, context)
                ensure_postgres_up()
                lines = log_summary(Path(log_path).read_text(errors="replace"))
                report(fault, fault_at, note, results, recoveries, lines)
            if options.redis:
                flush_bench_redis()
    finally:
        ensure_postgres_up()
        log("PostgreSQL is up")


def main(argv=None):
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--fault", nargs="+", choices=FAULTS, default=list(FAULTS))
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per fault")
    parser.add_argument("--fault-at", type=float, default=10.0, help="seconds into the load")
    parser.add_argument("--redis", action="store_true", help="REDIS_URL=redis://127.0.0.1:6379/14 (flushed)")
    parser.add_argument(
        "--wait-others",
        type=int,
        default=120,
        metavar="SECONDS",
        help="before the restart, wait up to this long for other clients of PostgreSQL to leave",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    add_worker_arguments(parser)
    options = parser.parse_args(argv)
    if not 0 < options.fault_at < options.duration:
        parser.error("--fault-at must fall inside --duration")
    run(options)


if __name__ == "__main__":
    sys.exit(main())
