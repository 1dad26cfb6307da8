"""Browser tests: the built site in Chromium, used as a person would (see conftest.py)."""
