"""Reporters: pure functions from a lint report to text (plain, JSON, GitHub
annotations, statistics, SARIF) and the rule catalogue as Markdown. They
return strings; only latinno_lint.cli prints them."""
