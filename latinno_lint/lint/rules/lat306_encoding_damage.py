"""Characters damaged by a wrong text encoding: `community?s`, `Ã©`, `�`.

## What it does
Reports text values (any string except URLs) that show the marks of a lost or
misread character, and suggests the likely one:

- a `?` between two letters (`community?s` → `community's`; `Participaci?n`
  → an accented letter such as `ó`);
- a `?` between two numbers (`2013 ? 2019` → `2013–2019`, a lost dash);
- the replacement character U+FFFD (`�`), left where a converter gave up;
- mojibake: UTF-8 read as Windows-1252 or Latin-1 (`Ã©` → `é`, `Ã±` → `ñ`,
  `â€™` → `’`).

URLs (in `url` fields and `http://…` links inside text) are skipped, since a `?`
there starts a query.

## Why is this bad
LATINNO texts are in English, Spanish and Portuguese and full of accents,
typographic apostrophes and dashes. Copies of latinno.net pages often carry
`?` in place of those characters, and a file saved in the wrong encoding turns
every accent into two odd characters. Names then fail to match the source,
searches miss them, and the damage spreads to every export. Restore the
character from the source.

## Example
```yaml
id: example
name: Example council
country: PE
description: The community?s council replaced the commission (2013 ? 2019) in Jos� Gálvez.
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: The community’s council replaced the commission (2013–2019) in José Gálvez.
```
"""

from __future__ import annotations

import re

from ...finding import Hit
from ._common import all_text, excerpt, pointer_of, question_marks, strings

CODE = "LAT306"
NAME = "encoding-damage"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = ("",)  # every string value except URLs

_URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+", re.I)
_CONTRACTION = re.compile(r"(?:s|t|d|m|ll|re|ve)\b", re.I)
# Windows-1252 characters that stand for the bytes 0x80-0x9f
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONTINUATION = f"[\u0080-\u00bf{_CP1252_HIGH}]"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}|[\u00f0-\u00f4]{_CONTINUATION}{{3}}|â€")


def _byte(ch: str) -> int:
    return ord(ch) if ord(ch) < 0x100 else ch.encode("cp1252")[0]


def _repaired(garbled: str) -> str | None:
    """The character that ``garbled`` (UTF-8 bytes read as Windows-1252) stood for."""
    try:
        return bytes(_byte(ch) for ch in garbled).decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None


def damage(text: str) -> list[tuple[int, str]]:
    """(offset, description) of the damaged spots in ``text``, in order."""
    found = []
    if "://" in text or "www." in text.lower():
        text = _URL.sub(lambda m: "_" * len(m.group()), text)
    for start, end, kind in question_marks(text):  # cheap: most text has no '?'
        where = excerpt(text, start, end, 10)
        if kind == "in-word" and end - start == 1 and _CONTRACTION.match(text, end):
            found.append((start, f"{where} ('?' where an apostrophe belongs: ’ or ')"))
        elif kind == "in-word":
            found.append((start, f"{where} ('{text[start:end]}' where an accented letter belongs)"))
        elif kind == "dash":
            found.append((start, f"{where} ('?' between numbers where a dash belongs: –)"))
    if not text.isascii():  # cheap: most text is plain ASCII
        for m in re.finditer("\ufffd", text):
            found.append((m.start(), f"{excerpt(text, m.start(), m.end(), 10)} (the replacement character U+FFFD stands for a lost character)"))
        for m in _MOJIBAKE.finditer(text):
            good = _repaired(m.group())
            likely = f"'{good}'" if good else "a typographic quote or dash"
            found.append((m.start(), f"{excerpt(text, m.start(), m.end(), 10)} ({m.group()!r} is {likely} read in the wrong encoding)"))
    return sorted(found)


def _may_be_damaged(text: str) -> bool:
    """False when ``text`` (one string, or all_text of a case) has no mark of damage
    at all: no '?', and only ASCII or nothing that looks like mojibake."""
    return "?" in text or (not text.isascii() and ("\ufffd" in text or _MOJIBAKE.search(text) is not None))


def check(case):
    if not _may_be_damaged(all_text(case.data)):
        return
    for parts, text in strings(case.data):
        if parts and parts[-1] == "url":
            continue
        found = damage(text)
        if found:
            pointer = pointer_of(parts)
            field = pointer.lstrip("/").replace("/", ".")
            more = f" and {len(found) - 3} more" if len(found) > 3 else ""
            shown = "; ".join(message for _at, message in found[:3])
            yield Hit(pointer, f"{field} has damaged characters: {shown}{more}; restore them from the source", at=found[0][0])
