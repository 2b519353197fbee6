"""A real headless Chromium for the tests of the built site (tests/test_site.py):
Debian's ``chromium`` and ``chromium-driver``, driven by Selenium. The driver is
named by its path, so Selenium Manager never downloads a browser.

Where Chromium, its driver or Selenium is missing, :func:`require` skips the
test with the reason, except under CI (``CI=true``), where it fails: CI must
run them (.ci/run installs chromium and chromium-driver where they are missing).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("LATINNO_LINT_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("LATINNO_LINT_CHROMEDRIVER", "/usr/bin/chromedriver"))
AXE = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync")


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (the test extra)"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not path.exists():
            return f"{path} is missing: install Debian's {package} (apt-get install chromium chromium-driver)"
    return None


def require() -> None:
    """Skip the calling test where the browser is missing; fail under CI."""
    why = missing()
    if why is None:
        return
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"CI must run the browser tests, but {why}")
    pytest.skip(why)


def require_axe() -> None:
    if AXE.exists():
        return
    why = f"{AXE} is missing: run `npm ci` in tests/js (python3 dev.py test does)"
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"CI must run axe-core, but {why}")
    pytest.skip(why)


class Browser:
    """One headless Chromium with a fresh profile, its console and network logged."""

    def __init__(self, width: int = 1200, height: int = 1600):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="latinno-lint-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in (*FLAGS, f"--user-data-dir={self.profile}", f"--window-size={width},{height}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)

    def open(self, url: str) -> None:
        """Go to ``url``, leaving the logs of earlier pages behind."""
        self.console()
        self.requests()
        self.driver.get(url)

    def console(self) -> list:
        return self.driver.get_log("browser")

    def requests(self) -> list:
        """(document URL, requested URL) for every request since the last call
        (from the performance log; the browser's own pages are chrome:// documents)."""
        import json

        found = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                found.append((message["params"].get("documentURL", ""), message["params"]["request"]["url"]))
        return found

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)
