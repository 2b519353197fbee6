"""A dimension holds a value that is not one of its codes.

## What it does
Checks every coded dimension (formalization, frequency, selection,
participants, decisiveness, co_governance, means, ends, policy_cycle, the
relation of a related case, and the country) against the codes in the schema.
It lists the allowed codes and suggests the closest one. When the value is a
known spelling of a code (its latinno.net label such as "E-Participation" or
"democratic innovation yields a binding decision", a Spanish or Portuguese
label, or another variant recorded in the schema), the fix writes the code.

## Why is this bad
The codes are what researchers count. "regularly" or "E-Participation" is
counted as neither regular nor e-participation: the case silently drops out of
every tabulation of that dimension.

## Example
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
institutional_design:
  frequency: regularly
means: [E-Participation]
```

## Use instead
```yaml
id: example
name: Example council
country: PE
description: A council of residents.
institutional_design:
  frequency: regular
means: [e_participation]
```
"""

CODE = "LAT101"
NAME = "unknown-code"
SEVERITY = "error"
SCOPE = "schema"
FIXABLE = True
