"""Every means and every end is listed: probably a copied page, not a coding.

## What it does
Reports a case whose `means` list all four means and whose `ends` list all five
ends.

## Why is this bad
Every latinno.net case page prints all four means and all five ends, even for
a referendum or a citizen-report app, and marks the coded ones only by
styling. Text copied or scraped from a page therefore lists them all, and a
case that lists them all almost surely took that listing for the coding. Check
the case page and keep only the means and ends that are coded. When the
source does not tell which are coded, leave both lists out and record why
under `undetermined` (as the format says: docs/format.md), which tells "cannot
be determined from the sources" apart from "not yet coded", so LAT301 does not
warn about them.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
means: [deliberation, direct_voting, e_participation, citizen_representation]
ends: [accountability, responsiveness, rule_of_law, political_inclusion, social_equality]
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
means: [deliberation, citizen_representation]
ends: [accountability]
```
or, when the page does not show which are coded:
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
undetermined:
  means: the case page marks the coded means only by styling
  ends: the case page marks the coded ends only by styling
```
"""

from __future__ import annotations

from ... import vocabulary
from ...finding import Hit
from ._common import codes, pointer

CODE = "LAT210"
NAME = "all-means-and-ends"
SEVERITY = "warning"
SCOPE = "case"
FIXABLE = False
FIELDS = (pointer("means"), pointer("ends"))


def check(case):
    means, ends = codes(case, "means"), codes(case, "ends")
    all_means, all_ends = vocabulary.dimension("means").values, vocabulary.dimension("ends").values
    if means is not None and ends is not None and set(means) == set(all_means) and set(ends) == set(all_ends):
        yield Hit(
            pointer("means"),
            f"means lists all {len(all_means)} means and ends all {len(all_ends)} ends, as every latinno.net page prints "
            "them: check the case page and keep only the coded ones; when it does not tell, leave both out and record why "
            "under undetermined: {means: reason, ends: reason}",
        )
