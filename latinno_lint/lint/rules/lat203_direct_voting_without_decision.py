"""Direct voting is a means while the case yields no decision.

## What it does
Reports a case whose means include `direct_voting` while its decisiveness is
`no_decision`.

## Why is this bad
LATINNO's direct voting means that citizens decide or express preferences by
voting (referendums, plebiscites, participatory-budget votes). A vote produces
an outcome, binding or not, so `no_decision` next to `direct_voting` is
usually a slip in one of the two: check whether the vote's result is
`binding` or `non_binding`, or whether the voting was not really part of the
innovation.

## Example
```yaml
id: example
name: Example consultation
country: PE
description: Residents vote on which park to renovate first.
institutional_design:
  decisiveness: no_decision
means: [direct_voting]
```

## Use instead
```yaml
id: example
name: Example consultation
country: PE
description: Residents vote on which park to renovate first.
institutional_design:
  decisiveness: non_binding
means: [direct_voting]
```
"""

from __future__ import annotations

from ...finding import Hit
from ._common import code, codes, named, pointer

CODE = "LAT203"
NAME = "direct-voting-without-decision"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = (pointer("means"), pointer("decisiveness"))

DIRECT_VOTING = named("means", "direct_voting")
NO_DECISION = named("decisiveness", "no_decision")


def check(case):
    means = codes(case, "means")
    if means is not None and DIRECT_VOTING in means and code(case, "decisiveness") == NO_DECISION:
        yield Hit(
            pointer("decisiveness"),
            f"decisiveness is {NO_DECISION!r} while means include {DIRECT_VOTING!r}: a vote yields an outcome; "
            "check whether it is binding or non_binding, or whether voting is really a means of this case",
        )
