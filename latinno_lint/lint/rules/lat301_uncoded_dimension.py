"""A LATINNO dimension is not coded (absent or `unknown`).

## What it does
Reports each of the six institutional-design dimensions, `means`, `ends` and
`policy_cycle` that a case leaves out or codes as `unknown`, one finding per
dimension, naming it, unless the case records it under `undetermined` with a
reason. An absent one is reported at the mapping that should hold it, an
`unknown` one at its value.

## Why is this bad
LATINNO describes every innovation by its institutional design
(formalization, frequency, selection, participants, decisiveness,
co-governance), by the means it combines to pursue its ends, and by the stages
of the policy cycle in which citizens take part. A case missing some of them
drops out of every analysis that uses them. Leaving a dimension out is right
when the source does not say (never guess), so this is a warning: check the
source, code what it supports, and when it really does not tell, record that
under `undetermined` with the reason (`undetermined: {means: "the page marks
the coded means only by styling"}`). Exports and `stats` then count the
dimension as "cannot be determined", apart from "not yet coded".

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
institutional_design:
  formalization: government_program
  selection: unknown
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
institutional_design:
  formalization: government_program
  frequency: regular
  selection: restricted
  participants: [citizens, civil_society]
  decisiveness: non_binding
  co_governance: true
means: [deliberation]
ends: [accountability]
policy_cycle: [agenda_setting]
```
"""

from __future__ import annotations

from ... import vocabulary
from ...finding import Hit
from ..source import split_pointer

CODE = "LAT301"
NAME = "uncoded-dimension"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = tuple(d.pointer for d in vocabulary.coding_dimensions())

_UNKNOWN = "unknown"
_ABSENT = object()


def _label(dim) -> str:
    """'means', or 'institutional_design.selection (Mode of selection of participants)'."""
    parts = split_pointer(dim.pointer)
    same = vocabulary.normalize(dim.title) == vocabulary.normalize(parts[-1])
    return ".".join(parts) + ("" if same else f" ({dim.title})")


# (dimension, pointer of the mapping that holds it, its key there, label for messages), in schema order
_PLACES = tuple((d, "/".join(d.pointer.split("/")[:-1]), split_pointer(d.pointer)[-1], _label(d)) for d in vocabulary.coding_dimensions())


def check(case):
    holders: dict = {}  # six dimensions share institutional_design
    settled = vocabulary.undetermined(case.data) if vocabulary.UNDETERMINED in case.data else ()
    for dim, parent, key, field in _PLACES:
        if key in settled:
            continue  # recorded as not determinable from the sources, with a reason
        if parent not in holders:
            holders[parent] = case.get(parent) if parent else case.data
        holder = holders[parent]
        if holder is not None and not isinstance(holder, dict):
            continue  # the enclosing mapping is not a mapping: the schema check reports that
        value = _ABSENT if holder is None else holder.get(key, _ABSENT)
        if value is _ABSENT:
            yield Hit(dim.pointer, f"{field} is not coded: check the source and add it, or record why it cannot be determined under undetermined: {{{key}: reason}}")
        elif value == _UNKNOWN and dim.code(_UNKNOWN) is not None:
            yield Hit(dim.pointer, f"{field} is 'unknown': check the source for it, or record why it cannot be determined under undetermined: {{{key}: reason}}")
