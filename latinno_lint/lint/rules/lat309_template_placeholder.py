"""A value is still the case template's placeholder: the copy was not filled in.

## What it does
Reports every value that is a placeholder of the case template
(templates/case.yaml): a whole value written between angle brackets, such as
`<the English name as published>` or `<a means code>`. The template holds
nothing else: no example name, number, year or code that could pass for data,
so each value left as it was is reported here, with what to write instead.
A placeholder says all there is to say about its value, so the schema's
findings on it (a placeholder is no year and no code) are left out.

## Why is this bad
A copy of the template with only some values filled in would otherwise enter
the dataset with the rest made up: a placeholder name, a number or a code that
no source gave. Fill in each value from the source, or delete the key when
the source does not state it (a dimension the sources cannot settle goes
under `undetermined` with the reason).

## Example
```yaml
id: example
name: <the English name as published>
country: PE
description: A council of residents that advises the municipality every month.
start_year: <the year it started>
means: [<a means code>]
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents that advises the municipality every month.
start_year: 2012
means: [deliberation]
```
"""

from __future__ import annotations

import functools
import re

from ...finding import Hit, show
from ...schema import schema
from ._common import all_text, pointer_of, strings

CODE = "LAT309"
NAME = "template-placeholder"
SEVERITY = "error"
SCOPE = "case"
FIXABLE = False
FIELDS = ("",)  # every value

TEMPLATE = "templates/case.yaml"
_PLACEHOLDER = re.compile(r"\s*<([^<>\n]*[^<>\s][^<>\n]*)>\s*")  # text wholly between angle brackets
CAUSE = 0  # before every other finding on the value: the placeholder is why it is wrong


@functools.lru_cache(maxsize=1)
def _optional() -> frozenset:
    """The schema's optional fields, as outline pointers (a list item is '*')."""
    from ...versions.outline import outline

    return frozenset(p for p, f in outline(schema()).fields.items() if not f.required)


def _deletable(parts: tuple) -> str:
    """The innermost optional field holding the value at ``parts``, as people
    name it ('means', 'sources'), or '' when every field on the way is required."""
    general = tuple("*" if isinstance(p, int) else p for p in parts)
    optional = _optional()
    for end in range(len(general), 0, -1):
        if pointer_of(general[:end]) in optional:
            return ".".join(str(p) for p in general[:end] if p != "*")
    return ""


def check(case):
    if "<" not in all_text(case.data):  # rare in case text, so most cases stop here
        return
    for parts, text in strings(case.data):
        match = _PLACEHOLDER.fullmatch(text)
        if match is None:
            continue
        name = ".".join(str(p) for p in parts)
        wanted = match.group(1).strip()
        optional = _deletable(parts)
        otherwise = f", or delete {optional} if the source does not give it" if optional else ""
        message = f"{name} {show(text)} is the template's placeholder ({TEMPLATE}): replace it with {wanted}{otherwise}"
        yield Hit(pointer_of(parts), message, at=text.index("<"), cause=CAUSE)  # inside a block text: on the placeholder's line
