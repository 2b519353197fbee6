"""Coding reliability: how far independent codings of the same cases agree
(`latinno-lint agreement`, docs/agreement.md).

- ``alpha``: Krippendorff's alpha from the coincidence matrix, for any
  difference function (nominal, interval, MASI), with a bootstrap interval;
- ``codings``: the case files of one coding (a folder, or a git ``REF:PATH``),
  each coded value with the line it is written on;
- ``report``: every dimension's alpha and every disagreement, as JSON-ready
  data and as text.

A room of its own beside site/ and review/: it reads with lint/ (the YAML
reader) and data/ (git refs), and only cli/ prints what it finds.
"""
