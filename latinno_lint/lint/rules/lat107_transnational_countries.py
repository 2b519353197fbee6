"""`countries` must be given exactly when the country is transnational.

## What it does
Reports a transnational case without a `countries` list, and a `countries` list
on a case whose country is a single country.

## Why is this bad
A transnational case that does not say where it runs cannot be counted for any
country; a `countries` list on a national case contradicts its country.

## Example
```yaml
id: example
name: Regional network
country: transnational
description: The same forum in several countries.
```

## Use instead
```yaml
id: example
name: Regional network
country: transnational
countries: [PE, BO]
description: The same forum in several countries.
```
"""

CODE = "LAT107"
NAME = "transnational-countries"
SEVERITY = "error"
SCOPE = "schema"
FIXABLE = False
