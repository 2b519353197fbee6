"""Node and the npm packages in tests/js/, for the tests that run real
JavaScript readers of the schema and of case files (Ajv, the yaml package,
yaml-language-server) and TypeScript's compiler on the npm package's types.

``python3 dev.py test`` runs ``npm ci`` in tests/js/ when node is on the PATH.
Where node or the packages are missing, :func:`require` skips the test with the
reason, except under CI (``CI=true``), where it fails: CI must run them.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parent / "js"
MODULES = JS / "node_modules"
PACKAGES = ("ajv", "ajv-formats", "yaml", "yaml-language-server", "typescript")


def missing(*tools: str) -> str | None:
    """Why the JavaScript tests cannot run here, or None when they can
    (``tools``: other commands they need, such as npm)."""
    if shutil.which("node") is None:
        return "node is not on the PATH (install Node.js 20 or newer)"
    absent_tools = [tool for tool in tools if shutil.which(tool) is None]
    if absent_tools:
        return f"{', '.join(absent_tools)} is not on the PATH (it comes with Node.js)"
    absent = [p for p in PACKAGES if not (MODULES / p / "package.json").exists()]
    if absent:
        return f"npm packages {', '.join(absent)} are not installed: run `npm ci` in tests/js (python3 dev.py test does)"
    return None


def require(*tools: str) -> None:
    """Skip the calling test where node, ``tools`` or the packages are missing; fail under CI."""
    why = missing(*tools)
    if why is None:
        return
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"CI must run the JavaScript tests, but {why}")
    pytest.skip(why)


def run_script(script: str, payload=None, *, timeout: float = 60) -> object:
    """Run a JavaScript file from tests/js with ``payload`` as JSON on its
    standard input; return what it prints as JSON."""
    done = subprocess.run(
        ["node", str(JS / script)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=JS,
        timeout=timeout,
    )
    assert done.returncode == 0, f"node {script} exited {done.returncode}: {done.stderr[-2000:]}"
    return json.loads(done.stdout)


class LanguageServer:
    """A real yaml-language-server, started with node and spoken to over stdio
    with LSP's JSON-RPC (Content-Length framed messages)."""

    def __init__(self, root: Path, settings: dict):
        self.settings = settings
        server = MODULES / "yaml-language-server" / "bin" / "yaml-language-server"
        self.proc = subprocess.Popen(["node", str(server), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.inbox: queue.Queue = queue.Queue()
        self.notifications: list = []
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"], "snippetSupport": True}},
                        "publishDiagnostics": {},
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            if length is None:
                continue
            self.inbox.put(json.loads(out.read(length)))

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict, timeout: float = 30):
        self.next_id += 1
        ident = self.next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == ident and "method" not in m, timeout)["result"]

    def diagnostics(self, uri: str, timeout: float = 30) -> list:
        """The next diagnostics the server publishes for ``uri``."""
        for message in self.notifications:
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                self.notifications.remove(message)
                return message["params"]["diagnostics"]
        found = self._wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, timeout)
        return found["params"]["diagnostics"]

    def _wait(self, wanted, timeout: float) -> dict:
        import time

        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError("yaml-language-server did not answer in time")
            message = self.inbox.get(timeout=left)
            if "method" in message and "id" in message:  # a request from the server
                self._answer(message)
            elif wanted(message):
                return message
            elif "method" in message:
                self.notifications.append(message)

    def _answer(self, message: dict) -> None:
        result = None
        if message["method"] == "workspace/configuration":
            result = [self.settings.get(item.get("section", ""), None) if item.get("section") else self.settings for item in message["params"]["items"]]
        self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=10)
            self.notify("exit", {})
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
