"""Search and ask latency on N synthetic topics, on SQLite and PostgreSQL.

Run from the repository root:

    python bench/search.py [--topics 1000 10000] [--queries 200] [--database sqlite|postgres|both]
    python bench/search.py --quick

Each (database, N) pair runs in a child process of this script, since Django reads
its settings once per process. The child migrates a fresh database (a temporary
SQLite file, or a PostgreSQL database this script creates and drops), builds N
topics of about 1,500 words through the site's own rendering and indexing code,
then times search.engine.search() and answer(). The parent prints the
figures as Markdown tables.
"""

import argparse
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_TOPIC = ROOT / "content" / "articles" / "pain-between-shoulder-blades"
SEARCH_TERMS_FILE = ROOT / "search" / "search_terms.toml"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
# A database of this run's own, created and dropped here: never one the project or its tests use,
# nor another run's (bench/common.py names its own portal_bench_<pid>_<hex>).
BENCH_DATABASE = f"portal_bench_search_{os.getpid()}"
RESULT_PREFIX = "BENCH-RESULT "
BATCH_SIZE = 500
PATIENT_WORDS, CLINICIAN_WORDS = 700, 800
SLOWEST_SHOWN = 5


def words(text):
    return text.split()


# Words a topic can be about, so that topics differ and queries match some, not all.
BODY_PARTS = words("""neck shoulder elbow wrist hand hip knee ankle foot chest abdomen pelvis jaw spine
    ribs heel thigh calf forearm groin skull sternum collarbone kidney bladder bowel lung heart
    stomach liver""")
CONDITIONS = words("""arthritis tendinitis bursitis sciatica osteoporosis fibromyalgia gout sprain
    strain fracture neuropathy radiculopathy stenosis spondylosis scoliosis kyphosis whiplash
    migraine pneumonia pleurisy shingles costochondritis endometriosis appendicitis gallstones
    anaemia diabetes hypertension asthma psoriasis""")
TREATMENTS = words("""exercise stretching physiotherapy massage acupuncture ibuprofen naproxen
    paracetamol acetaminophen codeine steroids injection splint brace surgery ultrasound
    manipulation yoga pilates heat ice rest traction orthotics antibiotics duloxetine
    gabapentin amitriptyline""")
TESTS = words("""x-ray mri ct ultrasound bloods electromyography biopsy scan""")
SYMPTOMS = words("""stiffness swelling numbness tingling weakness burning cramping clicking locking
    redness bruising tenderness fatigue fever nausea dizziness headache insomnia""")
GENERIC = BODY_PARTS + CONDITIONS + TREATMENTS + TESTS + SYMPTOMS

PATIENT_HEADINGS = [
    "Key points",
    "What causes {condition}",
    "When to see a doctor",
    "Get emergency help now if…",
    "Do you need a {test}?",
    "Treatments that work",
    "How {treatment} can help",
    "Looking after your {part}",
    "What to expect",
]
CLINICIAN_HEADINGS = [
    "Summary",
    "Epidemiology",
    "Differential diagnosis of {part} pain",
    "Red flags",
    "Role of {test}",
    "Management",
    "Evidence for {treatment}",
    "Referral",
    "Prognosis",
]
LEAD_INS = ["See a doctor soon if you have:", "Common signs include:", "You may feel:", "Options include:"]

# What readers type: words, phrases, synonyms, misspellings, FTS syntax and questions.
QUERIES = [
    "pain",
    "fever",
    "posture",
    "numbness",
    "injections",
    "bursitis",
    "rheumatologist",
    "hydrodissection",
    "shoulder blade",
    "upper back",
    "chest pain",
    "spinal cord",
    "physical therapy",
    "nerve pain",
    "scapula",
    "anti-inflammatory",
    "mri",
    "tumour",
    "scapual",
    "inflamation",
    "rheumatologyst",
    "xylophone",
    '"back pain" -surgery NEAR(*)',
    "is it serious if my back hurts between my shoulder blades and I have a fever?",
    "should I see a doctor if the pain between my shoulder blades lasts more than a month?",
    "do I need an MRI scan for upper back pain?",
    "can a pinched nerve cause burning and tingling near the shoulder blade?",
    "which painkillers are safe for back pain, ibuprofen or paracetamol?",
    "what exercises help posture and neck pain when working at a desk?",
    "why does my shoulder blade click and grind when I move my arm?",
]


# --- Synthetic topics (no Django needed) -------------------------------------------------


class WordSource:
    """Words drawn as often as the shipped topic uses them, plus synonym phrases."""

    def __init__(self):
        text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SHIPPED_TOPIC.glob("*.md")))
        text = re.sub(r"\[@[^\]]*\]|\*\*|#+", " ", text)
        counts = Counter(re.findall(r"[a-z]+(?:['-][a-z]+)*", text.lower()))
        self.words = list(counts)
        self.cumulative = list(accumulate(counts.values()))
        with open(SEARCH_TERMS_FILE, "rb") as terms_file:
            groups = tomllib.load(terms_file)["synonyms"]
        self.phrases = [phrase for group in groups for phrase in group if " " in phrase]

    def common(self, rng, count):
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


@dataclass
class Focus:
    """What one topic is about: its words come up far more often in it than elsewhere."""

    part: str
    condition: str
    treatment: str
    test: str
    words: list

    @classmethod
    def pick(cls, rng):
        part, condition, test = rng.choice(BODY_PARTS), rng.choice(CONDITIONS), rng.choice(TESTS)
        treatments = rng.sample(TREATMENTS, 2)
        symptoms = rng.sample(SYMPTOMS, 2)
        return cls(part, condition, treatments[0], test, [part, condition, test, *treatments, *symptoms])


class Citer:
    """Citations that use every reference once before repeating any."""

    def __init__(self, rng, keys):
        self.rng, self.keys, self.unused = rng, keys, list(keys)

    def __call__(self):
        if self.unused:
            return f" [@{self.unused.pop(0)}]"
        cited = self.rng.sample(self.keys, self.rng.choice((1, 1, 2)))
        return " [" + "; ".join(f"@{key}" for key in cited) + "]"


def sentence(rng, source, focus, length):
    words = source.common(rng, length)
    for index in range(length):
        roll = rng.random()
        if roll < 0.12:
            words[index] = rng.choice(focus.words)
        elif roll < 0.25:
            words[index] = rng.choice(GENERIC)
    if rng.random() < 0.1:
        words.insert(rng.randrange(len(words)), rng.choice(source.phrases))
    text = " ".join(words)
    return text[0].upper() + text[1:]


def paragraph(rng, source, focus, cite, sentences):
    """(markdown, word count) of a paragraph; about a third of its sentences cite."""
    parts, count = [], 0
    for _ in range(sentences):
        length = rng.randint(8, 18)
        parts.append(sentence(rng, source, focus, length) + (cite() if rng.random() < 0.35 else "") + ".")
        count += length
    return " ".join(parts), count


def bullet_list(rng, source, focus, cite):
    items, count = [rng.choice(LEAD_INS), ""], 4
    for _ in range(rng.randint(3, 5)):
        length = rng.randint(4, 12)
        items.append(
            "- " + sentence(rng, source, focus, length).lower() + (cite() if rng.random() < 0.3 else "")
        )
        count += length
    return "\n".join(items), count


def audience_markdown(rng, source, focus, cite, headings, target_words):
    """Sections of paragraphs and lists until the text has about `target_words` words."""
    blocks, count = [], 0
    for template in headings:
        if count >= target_words:
            break
        blocks.append("## " + template.format(**vars(focus)))
        for _ in range(rng.randint(1, 2)):
            text, words = paragraph(rng, source, focus, cite, rng.randint(3, 5))
            blocks.append(text)
            count += words
        if rng.random() < 0.5:
            text, words = bullet_list(rng, source, focus, cite)
            blocks.append(text)
            count += words
    return "\n\n".join(blocks) + "\n", count


def references(rng, number):
    kinds = ("guideline", "research", "review")
    return [
        {
            "key": f"ref-{number}-{index}",
            "kind": rng.choice(kinds),
            "authors": "Bench A, Mark B",
            "title": f"Synthetic reference {index} for topic {number}",
            "source": "Journal of Benchmarks. 2024;1:1-10",
            "year": 2000 + rng.randrange(25),
            "url": f"https://example.org/ref/{number}/{index}",
        }
        for index in range(rng.randint(3, 6))
    ]


def synthetic_topic(source, seed, number):
    """The content fields of topic `number`, the same for the same seed; and its word count."""
    rng = random.Random(f"{seed}:{number}")
    focus = Focus.pick(rng)
    refs = references(rng, number)
    keys = [reference["key"] for reference in refs]
    patient, patient_count = audience_markdown(
        rng, source, focus, Citer(rng, keys), PATIENT_HEADINGS, PATIENT_WORDS
    )
    clinician, clinician_count = audience_markdown(
        rng, source, focus, Citer(rng, keys), CLINICIAN_HEADINGS, CLINICIAN_WORDS
    )
    content = {
        "title": f"What causes {focus.condition} in the {focus.part}, and how is it treated?",
        "summary": f"Most {focus.condition} gets better with simple care such as {focus.treatment}.",
        "tags": [focus.part, focus.condition, focus.treatment],
        "references": refs,
        "patient_markdown": patient,
        "clinician_markdown": clinician,
    }
    return content, patient_count + clinician_count


# --- In the child process: build, index, time ---------------------------------------------


@contextmanager
def stopwatch(totals, name):
    start = time.perf_counter()
    yield
    totals[name] = totals.get(name, 0.0) + time.perf_counter() - start


def progress(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def save_batch(contents):
    """Articles and submitted revisions for a batch of topics, rendered as the import does."""
    from django.db import transaction

    from content.models import Article, Revision, StatusChange

    revisions = []
    for number, content in contents:
        revision = Revision(number=1, status=Revision.Status.SUBMITTED, **content)
        revision.render()
        revisions.append((number, revision))
    with transaction.atomic():
        articles = Article.objects.bulk_create(
            Article(slug=f"bench-topic-{number:05d}") for number, _ in revisions
        )
        for article, (_, revision) in zip(articles, revisions, strict=True):
            revision.article = article
        Revision.objects.bulk_create(revision for _, revision in revisions)
        StatusChange.objects.bulk_create(
            StatusChange(
                revision=revision,
                from_status=Revision.Status.DRAFT,
                to_status=Revision.Status.SUBMITTED,
                comment="Synthetic topic for bench/search.py",
            )
            for _, revision in revisions
        )
        for article, (_, revision) in zip(articles, revisions, strict=True):
            article.latest_revision = revision
        Article.objects.bulk_update(articles, ["latest_revision"])
    return articles


def index_batch(articles):
    """The site's own indexing: Passage rows, FTS5 triggers or the tsvector refresh."""
    from django.db import transaction

    from search.engine import reindex

    with transaction.atomic():
        for article in articles:
            reindex(article)


def build(count, seed):
    """Build `count` topics in batches; seconds spent rendering/inserting and indexing."""
    source = WordSource()
    totals, words = {}, 0
    for start in range(0, count, BATCH_SIZE):
        contents = []
        with stopwatch(totals, "generate_s"):
            for number in range(start, min(start + BATCH_SIZE, count)):
                content, word_count = synthetic_topic(source, seed, number)
                contents.append((number, content))
                words += word_count
        with stopwatch(totals, "render_insert_s"):
            articles = save_batch(contents)
        with stopwatch(totals, "index_s"):
            index_batch(articles)
        progress(f"built {start + len(contents)}/{count} topics ({sum(totals.values()):.0f} s)")
    totals["words"] = words
    return totals


def analyze():
    """Planner statistics, which autovacuum gathers soon after a bulk load on a live
    PostgreSQL; without them it nests loops over every passage (9 s, not 70 ms, at 1k)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def row_counts():
    from django.db import connection

    from content.models import Article, Revision, StatusChange
    from search.backends import FTS_TABLE
    from search.models import Passage

    counts = {
        "articles": Article.objects.count(),
        "revisions": Revision.objects.count(),
        "status_changes": StatusChange.objects.count(),
        "passages": Passage.objects.count(),
    }
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")
            counts["indexed"] = cursor.fetchone()[0]
            counts["size_mb"] = Path(connection.settings_dict["NAME"]).stat().st_size / 2**20
        else:
            counts["indexed"] = Passage.objects.filter(search_vector__isnull=False).count()
            cursor.execute("SELECT pg_database_size(current_database())")
            counts["size_mb"] = cursor.fetchone()[0] / 2**20
    return counts


def spelling_vocabulary_ms():
    """The first misspelt query after any reindex rebuilds the vocabulary: time that once."""
    from search.engine import Figures

    start = time.perf_counter()
    words = Figures().vocabulary()
    return (time.perf_counter() - start) * 1000, len(words)


def summary(samples):
    ordered = sorted(samples)
    p95 = statistics.quantiles(ordered, n=100, method="inclusive")[94] if len(ordered) > 1 else ordered[0]
    return {
        "median_ms": statistics.median(ordered),
        "p95_ms": p95,
        "max_ms": ordered[-1],
        "calls": len(ordered),
    }


@contextmanager
def call_limit(seconds):
    """Cancel the database's work once a call has run `seconds`; yields a list that says
    whether it did. Cancelling again every 0.2 s catches a statement started after the first."""
    from django.db import connection

    connection.ensure_connection()
    raw = connection.connection
    cancel = raw.interrupt if connection.vendor == "sqlite" else raw.cancel
    done, cancelled = threading.Event(), []

    def watch():
        if done.wait(seconds):
            return
        cancelled.append(True)
        while not done.is_set():
            cancel()
            done.wait(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield cancelled
    finally:
        done.set()
        watcher.join()


def timed_call(call, arguments, limit):
    """(milliseconds, whether the call was cancelled at `limit` seconds)."""
    from django.db import DatabaseError

    start = time.perf_counter()
    with call_limit(limit) as cancelled:
        try:
            call(*arguments)
        except DatabaseError:
            if not cancelled:
                raise
    return (time.perf_counter() - start) * 1000, bool(cancelled)


def timed_calls(call, arguments, budget, limit):
    """Calls timed by query; no new call once `budget` seconds are spent."""
    by_query, cancelled, started = {}, 0, time.perf_counter()
    for query, *rest in arguments:
        milliseconds, was_cancelled = timed_call(call, (query, *rest), limit)
        by_query.setdefault(query, []).append(milliseconds)
        cancelled += was_cancelled
        if time.perf_counter() - started > budget:
            break
    return by_query, cancelled


def latency(name, call, arguments, budget, limit):
    call_samples, cancelled = timed_calls(call, arguments, budget, limit)
    return figures(name, call_samples, cancelled, len(arguments), limit)


def figures(name, call_samples, cancelled, requested, limit):
    everything = [sample for samples in call_samples.values() for sample in samples]
    slowest = sorted(
        ((query, statistics.median(samples)) for query, samples in call_samples.items()),
        key=lambda item: -item[1],
    )[:SLOWEST_SHOWN]
    progress(f"{name}: {len(everything)} of {requested} calls timed, {cancelled} cancelled")
    return {
        **summary(everything),
        "requested": requested,
        "cancelled": cancelled,
        "limit_ms": limit * 1000,
        "slowest": slowest,
    }


def warm_up(search, answer, topic, budget, limit):
    """Caches, the database's pages: one call of each query, while the budget lasts. The
    answers are timed: each is the first to need its concepts' counts (engine.matching_counts),
    as the first question using a concept is after every reindex."""
    started, first_answers, cancelled = time.perf_counter(), {}, 0
    for query in QUERIES:
        timed_call(search, (query, "patient"), limit)
        milliseconds, was_cancelled = timed_call(answer, (query, "patient", topic), limit)
        first_answers[query], cancelled = [milliseconds], cancelled + was_cancelled
        if time.perf_counter() - started > budget:
            break
    return figures("first answers", first_answers, cancelled, len(QUERIES), limit)


def measure(queries, seed, budget, limit):
    """Median and p95 of search() and answer() over `queries` calls each, after a warm-up."""
    from content.models import Article
    from portal.search_figures import KEPT_FIGURES
    from search import engine

    # As the portal's views call them: the index's figures kept until content changes.
    search = partial(engine.search, figures=KEPT_FIGURES)
    answer = partial(engine.answer, figures=KEPT_FIGURES)
    rng = random.Random(seed)
    order = [rng.choice(QUERIES) for _ in range(queries)]
    ids = list(Article.objects.values_list("pk", flat=True))
    chosen = [rng.choice(ids) for _ in range(queries)]
    articles = Article.objects.in_bulk(chosen)
    topics = [articles[pk] for pk in chosen]
    first_answers = warm_up(search, answer, topics[0], budget / 10, limit)
    return {
        "answer, first after a reindex": first_answers,
        "search": latency("search", search, [(query, "patient") for query in order], budget, limit),
        "answer": latency(
            "answer",
            answer,
            [(query, "patient", topic) for query, topic in zip(order, topics, strict=True)],
            budget,
            limit,
        ),
    }


def child(args):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    progress(f"{connection.vendor}, {args.topics[0]} topics: migrating")
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    timings = build(args.topics[0], args.seed)
    with stopwatch(timings, "analyze_s"):
        analyze()
    timings["build_s"] = time.perf_counter() - start
    counts = row_counts()
    vocabulary_ms, vocabulary_words = spelling_vocabulary_ms()
    progress(f"built in {timings['build_s']:.0f} s; timing {args.queries} calls of each operation")
    result = {
        "database": connection.vendor,
        "topics": args.topics[0],
        "build": {**timings, "vocabulary_ms": vocabulary_ms, "vocabulary_words": vocabulary_words},
        "counts": counts,
        "latency": measure(args.queries, args.seed, args.budget, args.call_limit),
    }
    connection.close()
    print(RESULT_PREFIX + json.dumps(result), flush=True)


# --- In the parent process: databases, children, tables ------------------------------------


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def postgres_admin(url, statement):
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
        connection.execute(sql.SQL(statement).format(sql.Identifier(BENCH_DATABASE)))


def run_child(args, database_url, topics):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": database_url,
        "PORTAL_SHOW_PENDING": "true",  # submitted revisions are what readers see
        "DEBUG": "false",  # no query log: time what production would do
        # With DEBUG off the settings want a key; this throwaway one signs nothing.
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
    }
    env.pop("REDIS_URL", None)  # this process's own cache: never write to a shared one
    command = [sys.executable, str(Path(__file__).resolve()), "--child", "--topics", str(topics)]
    command += ["--queries", str(args.queries), "--seed", str(args.seed), "--budget", str(args.budget)]
    command += ["--call-limit", str(args.call_limit)]
    completed = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True)
    line = next(line for line in completed.stdout.splitlines() if line.startswith(RESULT_PREFIX))
    return json.loads(line.removeprefix(RESULT_PREFIX))


def run_sqlite(args, topics):
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as folder:
        return run_child(args, f"sqlite:///{folder}/bench.sqlite3", topics)


def run_postgres(args, topics):
    postgres_admin(args.postgres_url, "CREATE DATABASE {}")
    try:
        return run_child(args, with_database(args.postgres_url, BENCH_DATABASE), topics)
    finally:
        postgres_admin(args.postgres_url, "DROP DATABASE IF EXISTS {} WITH (FORCE)")


def milliseconds(figures, key):
    """A figure at or past the call limit is a lower bound: the call was cancelled there."""
    value = figures[key]
    at_least = "≥ " if figures["cancelled"] and value >= figures["limit_ms"] else ""
    return f"{at_least}{value:,.0f}" if value >= 100 else f"{value:.1f}"


def calls(figures):
    if figures["calls"] < figures["requested"]:
        return f"{figures['calls']} of {figures['requested']} (budget)"
    return str(figures["calls"])


def latency_table(results):
    lines = [
        "| Database | Topics | Operation | Median (ms) | p95 (ms) | Max (ms) | Calls | Cancelled |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        for operation, figures in result["latency"].items():
            where = f"{result['database']} | {result['topics']:,} | {operation}"
            numbers = " | ".join(milliseconds(figures, key) for key in ("median_ms", "p95_ms", "max_ms"))
            lines.append(f"| {where} | {numbers} | {calls(figures)} | {figures['cancelled']} |")
    return "\n".join(lines)


def build_table(results):
    lines = [
        "| Database | Topics | Words | Render + insert (s) | Index (s) | Analyze (s) | Build total (s) "
        "| Passages | Indexed | DB size (MB) | Spelling vocabulary (ms, words) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        build, counts = result["build"], result["counts"]
        lines.append(
            f"| {result['database']} | {counts['articles']:,} | {build['words']:,} "
            f"| {build['render_insert_s']:.1f} | {build['index_s']:.1f} | {build.get('analyze_s', 0):.1f} "
            f"| {build['build_s']:.1f} "
            f"| {counts['passages']:,} | {counts['indexed']:,} | {counts['size_mb']:.0f} "
            f"| {build['vocabulary_ms']:.0f} ({build['vocabulary_words']:,}) |"
        )
    return "\n".join(lines)


def slowest_table(results):
    lines = ["| Database | Topics | Operation | Query | Median (ms) |", "| --- | ---: | --- | --- | ---: |"]
    for result in results:
        for operation, figures in result["latency"].items():
            for query, median in figures["slowest"]:
                shown = query.replace("|", "\\|")
                where = f"{result['database']} | {result['topics']:,} | {operation}"
                lines.append(f"| {where} | `{shown}` | {median:,.0f} |")
    return "\n".join(lines)


def report(results):
    return "\n\n".join(
        [
            "### Latency",
            latency_table(results),
            "### Build",
            build_table(results),
            f"### Slowest queries (median per query, top {SLOWEST_SHOWN})",
            slowest_table(results),
        ]
    )


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topics", type=int, nargs="+", default=[1000, 10000], metavar="N")
    parser.add_argument("--queries", type=int, default=200, help="timed calls of each operation")
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--quick", action="store_true", help="100 topics, 50 queries: a smoke run")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        help="a server to create and drop a portal_bench_search_<pid> database on",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=300,
        metavar="SECONDS",
        help="time for each operation's timed calls; fewer calls are reported when it runs out",
    )
    parser.add_argument(
        "--call-limit",
        type=float,
        default=60,
        metavar="SECONDS",
        help="cancel one call's database work after this long; it counts as at least that long",
    )
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.topics, args.queries = [100], 50
    return args


def main(argv=None):
    args = parse_arguments(argv)
    if args.child:
        child(args)
        return
    runners = {"sqlite": run_sqlite, "postgres": run_postgres}
    databases = list(runners) if args.database == "both" else [args.database]
    results = []
    for database in databases:
        for topics in args.topics:
            start = time.perf_counter()
            results.append(runners[database](args, topics))
            progress(f"{database}, {topics} topics: done in {time.perf_counter() - start:.0f} s")
            print(latency_table(results[-1:]), flush=True)
    print("\n" + report(results))


if __name__ == "__main__":
    main()
