#!/usr/bin/env python3
"""Take the screenshots of docs/publishing.md again: the overview and a case
page of the site of a generated dataset, and the overview's charts, in the same headless Chromium as the
tests (tests/browser.py: Debian's chromium and chromium-driver).

    .venv/bin/python docs/screenshots.py

It generates 120 cases (benchmarks/generate.py, seed 7), builds their site
with ``latinno-lint site`` in a temporary folder and writes
docs/img/site-overview.png, site-charts.png and site-case.png. Needs the test
environment (``python3 dev.py test`` makes .venv) for Jinja2 and Selenium.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402

CASES = 120
CASE_PAGE = ("en", "case", "citizen-council-of-arequipa-110", "index.html")  # the first case of the table


def main() -> int:
    why = browser.missing()
    if why:
        sys.exit(f"screenshots.py: {why}")
    with tempfile.TemporaryDirectory(prefix="latinno-lint-screenshots-") as tmp:
        work = Path(tmp)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(CASES), str(work), "--seed", "7", "--bad-share", "0.002"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, "-m", "latinno_lint", "site", "cases", "-o", "site", "--title", "LATINNO cases (generated)"], check=True, cwd=work, stderr=subprocess.DEVNULL)
        case_page = work.joinpath("site", *CASE_PAGE)
        if not case_page.is_file():  # the generator's names changed: take the first case
            case_page = sorted((work / "site" / "en" / "case").glob("*/index.html"))[0]
        session = browser.Browser(width=1100, height=1300)
        try:
            overview = work / "site" / "en" / "index.html"
            for page, name, anchor in ((overview, "site-overview.png", None), (overview, "site-charts.png", "charts-heading"), (case_page, "site-case.png", None)):
                session.open(page.as_uri())
                if anchor:
                    session.driver.execute_script("document.getElementById(arguments[0]).scrollIntoView()", anchor)
                session.driver.save_screenshot(str(ROOT / "docs" / "img" / name))
                print(f"wrote docs/img/{name} from {page.relative_to(work)}{'#' + anchor if anchor else ''}")
        finally:
            session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
