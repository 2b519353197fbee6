"""Where a command's report goes: standard output, or the file of ``-o``."""

from __future__ import annotations

from ..finding import escape


def emit(text: str, path: str | None, out, err) -> bool:
    """Write ``text`` to the file ``path`` (opened only now, once the report is
    made, so that an error never leaves an empty report behind), or to ``out``
    without one. False, after one line on ``err``, when the file cannot be written."""
    if not path:
        out.write(text)
        return True
    try:
        with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="") as sink:
            sink.write(text)
    except OSError as exc:
        err.write(f"latinno-lint: cannot write {escape(path)}: {escape(exc.strerror or str(exc))}\n")
        return False
    return True
