"""Reviewing a change to the data: the duties each agency gains and loses (``scripts/diff``)."""
