"""Versions of the case schema: a normalised outline of a schema, and the diff
of two versions classified by the version bump it needs (`schema diff`)."""
