"""Shared helpers for bench/serve.py and bench/faults.py.

A throw-away site: a database (a temporary SQLite file, or a PostgreSQL database made
and dropped here), collected static files in a temporary STATIC_ROOT, the shipped
topics imported, and gunicorn on a free port of 127.0.0.1 under the production
settings. Load comes from wrk (Debian package `wrk`); its text output is parsed here.
"""

import http.client
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "pain-between-shoulder-blades"
TOPIC_PATH = f"/articles/{SLUG}/"
HOST = "127.0.0.1"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS_BENCH_URL = "redis://127.0.0.1:6379/14"
# Never a database the project or its tests use ("test", "postgres").
PROTECTED_DATABASES = {"test", "postgres", "template0", "template1"}
READY_SECONDS = 30
STOP_SECONDS = 10
# Two cores: one gthread worker per core, two threads each, measured best (bench/README.md):
# keep-alive makes a response cheaper than with sync workers, and a second thread overlaps
# database and cache waits without the GIL hand-offs that gave four threads long p99 tails.
DEFAULT_WORKERS, DEFAULT_THREADS, DEFAULT_WORKER_CLASS = 2, 2, "gthread"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# --- databases ---------------------------------------------------------------------


@contextmanager
def sqlite_database(workdir):
    yield f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"


def postgres_admin():
    import psycopg

    return psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=5)


def drop_postgres_database(name):
    with postgres_admin() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def postgres_database(prefix="portal_bench"):
    """A new, empty database on the local server, dropped at the end whatever happens."""
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    assert name not in PROTECTED_DATABASES
    with postgres_admin() as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    log(f"created PostgreSQL database {name}")
    try:
        yield f"{POSTGRES_SERVER}/{name}"
    finally:
        drop_postgres_database(name)
        log(f"dropped PostgreSQL database {name}")


@contextmanager
def database(kind, workdir):
    manager = postgres_database() if kind == "postgres" else sqlite_database(workdir)
    with manager as url:
        yield url


def flush_bench_redis():
    """Empty Redis database 14, the bench's own, so no page cached by an earlier run is served."""
    import redis

    redis.Redis.from_url(REDIS_BENCH_URL, socket_timeout=5).flushdb()


# --- the site ----------------------------------------------------------------------


def site_env(database_url, static_root, use_redis=False):
    """The environment gunicorn and manage.py run with: production settings, plain http."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings_production",
        DJANGO_SECRET_KEY="bench-only-" + secrets.token_urlsafe(40),
        # wrk is one client asking for thousands of outcomes: the limit would answer 429.
        PORTAL_SELF_CHECKS_PER_HOUR="100000000",
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        PYTHONUNBUFFERED="1",
    )
    if use_redis:
        env["REDIS_URL"] = REDIS_BENCH_URL
    return env


def manage(env, *args):
    log("manage.py " + " ".join(args))
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def prepare_site(env):
    """migrate, collectstatic into the temporary STATIC_ROOT, import the shipped topics."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "import_content")


SAVE_PAGE = """
import sys, django
django.setup()
from django.test import Client
response = Client().get(sys.argv[1], headers={"host": "127.0.0.1"})
assert response.status_code == 200, response.status_code
open(sys.argv[2], "wb").write(response.content)
"""


def save_page(env, path, destination):
    """Render `path` through Django (test client, production settings) into a file."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", SAVE_PAGE, path, str(destination)], cwd=ROOT, env=env, check=True)
    log(f"saved {path} as {destination} ({destination.stat().st_size} bytes)")


@dataclass
class WorkerConfig:
    workers: int = DEFAULT_WORKERS
    threads: int = DEFAULT_THREADS
    worker_class: str = DEFAULT_WORKER_CLASS

    def args(self):
        args = ["--workers", str(self.workers), "--worker-class", self.worker_class]
        if self.worker_class == "gthread":
            args += ["--threads", str(self.threads)]
        return args

    def __str__(self):
        if self.worker_class == "gthread":
            return f"{self.workers} {self.worker_class} workers x {self.threads} threads"
        return f"{self.workers} {self.worker_class} workers"


def add_worker_arguments(parser):
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS, help="gthread only")
    parser.add_argument("--worker-class", default=DEFAULT_WORKER_CLASS, choices=["sync", "gthread"])


def add_database_arguments(parser, default="sqlite"):
    parser.add_argument("--database", choices=["sqlite", "postgres"], default=default)
    parser.add_argument("--redis", action="store_true", help=f"REDIS_URL={REDIS_BENCH_URL} (flushed)")


class Gunicorn:
    """gunicorn portal.wsgi on a free port; stop() ends the master and any worker left."""

    def __init__(self, env, config, log_path):
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        self.log_path = log_path
        command = [
            sys.executable, "-m", "gunicorn", "portal.wsgi",
            "--bind", f"{HOST}:{self.port}",
            "--no-control-socket",  # else every gunicorn on the machine shares ~/.gunicorn/gunicorn.ctl
            "--graceful-timeout", "5",
            *config.args(),
        ]  # fmt: skip
        log(f"gunicorn on port {self.port}: {config}")
        with open(log_path, "ab") as log_file:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.wait_ready()

    @property
    def pid(self):
        return self.process.pid

    def workers(self):
        """PIDs of the master's children (its workers)."""
        try:
            text = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text()
        except FileNotFoundError:
            return []
        return [int(pid) for pid in text.split()]

    def wait_ready(self):
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            if fetch(self.base_url + "/healthz", timeout=1)[0] == 200:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn not ready after {READY_SECONDS} s:\n{self.log_tail()}")

    def log_tail(self, lines=30):
        text = Path(self.log_path).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self):
        if self.process.poll() is None:
            workers = self.workers()
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(STOP_SECONDS)
            for pid in workers:  # only the workers this master had
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def fetch(url, timeout=2.0, headers=None):
    """(status, body) of a GET, or (None, the error's name) when no response came."""
    match = re.match(r"http://([^/:]+):(\d+)(/.*)", url)
    host, port, path = match.group(1), int(match.group(2)), match.group(3)
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException) as error:
        return None, type(error).__name__
    finally:
        connection.close()


@contextmanager
def workdir(keep=False):
    path = Path(tempfile.mkdtemp(prefix="portal-serve-bench-"))
    try:
        yield path
    finally:
        if keep:
            log(f"kept {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


# --- wrk ---------------------------------------------------------------------------

# Counts every response outside 2xx (wrk itself counts only status >= 400) and, when a
# body is given, sends it as a JSON POST.
WRK_SCRIPT = """
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("non2xx") end
  io.write(string.format("NON2XX %d\\n", total))
end
"""
POST_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{body}]]
"""

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int
    socket_detail: str
    output: str
    cpu: "CpuShare | None" = None


def wrk_script(directory, json_body=None, lua=""):
    script = lua + WRK_SCRIPT
    if json_body is not None:
        assert "]]" not in json_body
        script = POST_SCRIPT.replace("{body}", json_body) + script
    path = Path(tempfile.mkstemp(suffix=".lua", dir=directory)[1])
    path.write_text(script)
    return path


def wrk_command(url, seconds, connections, threads, script, headers=(), timeout_seconds=2):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += [f"--timeout={timeout_seconds}s", "-s", str(script)]
    for header in headers:
        command += ["-H", header]
    return [*command, url]


def run_wrk(url, seconds, connections, threads, script, headers=()):
    command = wrk_command(url, seconds, connections, threads, script, headers)
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30, check=True)
    return parse_wrk(result.stdout)


class WrkProcess:
    """wrk running in the background; result() waits for it (bounded) and parses its output."""

    def __init__(self, url, seconds, connections, threads, script, headers=()):
        self.seconds = seconds
        command = wrk_command(url, seconds, connections, threads, script, headers)
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def result(self):
        try:
            output, errors = self.process.communicate(timeout=self.seconds + 30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            output, errors = self.process.communicate()
        if self.process.returncode != 0:
            raise RuntimeError(f"wrk failed ({self.process.returncode}): {errors}")
        return parse_wrk(output)

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def parse_wrk(output):
    def find(pattern, default=None):
        match = re.search(pattern, output, re.MULTILINE)
        if match is None and default is None:
            raise ValueError(f"wrk output without {pattern!r}:\n{output}")
        return match.groups() if match else default

    socket_errors = find(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", (0, 0, 0, 0)
    )
    labels = ("connect", "read", "write", "timeout")
    return WrkResult(
        requests_per_second=float(find(r"^Requests/sec:\s+([\d.]+)")[0]),
        p50_ms=milliseconds(find(r"^\s+50%\s+(\S+)")[0]),
        p99_ms=milliseconds(find(r"^\s+99%\s+(\S+)")[0]),
        requests=int(find(r"^\s+(\d+) requests in")[0]),
        non_2xx=int(find(r"^NON2XX (\d+)")[0]),
        socket_errors=sum(int(n) for n in socket_errors),
        socket_detail=" ".join(f"{label} {n}" for label, n in zip(labels, socket_errors, strict=True)),
        output=output,
    )


# --- where the CPU went ---------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU seconds all cores spent on anything but idling, since boot."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def processes_cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime and stime
    return total / CLOCK_TICKS


def children_cpu_seconds():
    """CPU of this script's finished children: the wrk runs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


SERVICE_NAMES = {"postgres", "redis-server"}


def service_pids():
    """PostgreSQL's and Redis's processes (whoever they serve), found by name in /proc."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError):
                if (entry / "comm").read_text().strip() in SERVICE_NAMES:
                    pids.append(int(entry.name))
    return pids


@dataclass
class CpuShare:
    """Cores used during a run (2.0 = both cores of two): by gunicorn, by PostgreSQL and
    Redis, by wrk, and by anything else on the machine."""

    server: float
    services: float
    wrk: float
    other: float


def wait_until_quiet(server, limit_cores, max_seconds):
    """Wait (at most max_seconds) until other processes use under limit_cores for one second.

    The machine may be shared: another program's load changes every figure. Returns the
    cores the others used in the last second looked at.
    """
    deadline = time.monotonic() + max_seconds
    while True:
        meter = CpuMeter(server)
        time.sleep(1)
        other = meter.stop().other
        if other < limit_cores or time.monotonic() >= deadline:
            return other


class CpuMeter:
    def __init__(self, server):
        self.server = server
        self.services = service_pids()
        self.start = self.snapshot()

    def snapshot(self):
        pids = [self.server.pid, *self.server.workers()]
        return (
            time.monotonic(),
            machine_busy_seconds(),
            processes_cpu_seconds(pids),
            processes_cpu_seconds(self.services),
            children_cpu_seconds(),
        )

    def stop(self):
        end = self.snapshot()
        wall, busy, server, services, wrk = (
            after - before for after, before in zip(end, self.start, strict=True)
        )
        other = max(0.0, busy - server - services - wrk)
        return CpuShare(server / wall, services / wall, wrk / wall, other / wall)


def wrk_version():
    result = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return (result.stdout + result.stderr).splitlines()[0].split(" [")[0]


def machine():
    """One line about the machine the figures came from."""
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    python = sys.version.split()[0]
    return f"{os.cpu_count()} cores ({model}), {memory_kb // 1024 // 1024} GB RAM, Python {python}"
