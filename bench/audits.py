"""The public auditors, run against the site under production settings, in one command.

Run from the repository root, with the auditors installed outside the repository (npm's
registry is the only download; Chromium and Java come from Debian):

    npm install --prefix ~/audit-tools lighthouse pa11y vnu-jar   # PUPPETEER_SKIP_DOWNLOAD=1
    python bench/audits.py --tools ~/audit-tools

It makes a throw-away site as bench/serve.py does (SQLite, production settings, the shipped
topics imported), starts gunicorn, and runs on every page below:

    Lighthouse  accessibility, best practices and SEO scores (0-100), on Debian's Chromium
    pa11y       WCAG 2 AA errors (HTML_CodeSniffer), on the same Chromium
    Nu checker  HTML errors (vnu.jar, errors only)

and prints a Markdown table for bench/README.md.
"""

import argparse
import json
import os
import subprocess
import tempfile
import urllib.request
from pathlib import Path

from common import SLUG, Gunicorn, WorkerConfig, database, log, prepare_site, site_env, workdir

CHROMIUM = "/usr/bin/chromium"
PAGES = [
    "/",
    f"/articles/{SLUG}/?for=patient",
    f"/articles/{SLUG}/?for=clinician",
    "/glossary/",
    "/search/?q=shoulder+blade",
    "/ask/?q=should+I+stay+in+bed",
    f"/self-check/{SLUG}/?for=patient",
    f"/self-check/{SLUG}/?for=clinician",
    "/editorial-policy/",
    "/accounts/login/",
]
LIGHTHOUSE_CATEGORIES = ("accessibility", "best-practices", "seo")


def lighthouse(tools, url):
    command = [
        str(tools / "node_modules/.bin/lighthouse"), url, "--quiet", "--output=json",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox", "--form-factor=mobile",
    ]  # fmt: skip
    result = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}
    )
    report = json.loads(result.stdout)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in LIGHTHOUSE_CATEGORIES}
    failed = [
        audit_id
        for audit_id, audit in report["audits"].items()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    ]
    return scores, failed


def pa11y(tools, url, config):
    command = [str(tools / "node_modules/.bin/pa11y"), "--config", str(config), "--reporter", "json", url]
    result = subprocess.run(command, capture_output=True, text=True)
    issues = json.loads(result.stdout or "[]")
    return [issue for issue in issues if issue["type"] == "error"]


def nu_checker(tools, url):
    # The checker refuses to fetch from 127.0.0.1, so it reads the page from a file.
    jar = next((tools / "node_modules/vnu-jar").rglob("vnu.jar"))
    page = Path(tempfile.mkdtemp()) / "page.html"
    page.write_bytes(urllib.request.urlopen(url).read())
    command = ["java", "-jar", str(jar), "--errors-only", "--format", "json", str(page)]
    result = subprocess.run(command, capture_output=True, text=True)
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tools", type=Path, required=True, help="where lighthouse, pa11y and vnu-jar are")
    args = parser.parse_args()
    config = Path(tempfile.mkdtemp()) / "pa11y.json"
    config.write_text(
        json.dumps({"chromeLaunchConfig": {"executablePath": CHROMIUM, "args": ["--no-sandbox"]}})
    )
    rows, details = [], []
    with workdir() as directory, database("sqlite", directory) as database_url:
        env = site_env(database_url, directory / "static")
        prepare_site(env)
        with Gunicorn(env, WorkerConfig(), directory / "gunicorn.log") as server:
            for page in PAGES:
                url = server.base_url + page
                log(f"auditing {page}")
                scores, failed = lighthouse(args.tools, url)
                errors = pa11y(args.tools, url, config)
                html_errors = nu_checker(args.tools, url)
                rows.append((page, scores, len(errors), len(html_errors)))
                details += [f"{page}: Lighthouse {name}" for name in failed]
                details += [f"{page}: pa11y {issue['code']}: {issue['message']}" for issue in errors]
                details += [f"{page}: Nu {message['message']}" for message in html_errors]
    print("| page | Lighthouse a11y | best practices | SEO | pa11y errors | Nu HTML errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for page, scores, pa11y_errors, html_errors in rows:
        print(
            f"| `{page}` | {scores['accessibility']} | {scores['best-practices']} | {scores['seo']} "
            f"| {pa11y_errors} | {html_errors} |"
        )
    for line in details:
        print(f"- {line}")


if __name__ == "__main__":
    main()
