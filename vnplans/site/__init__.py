"""The public site built from a portfolio: routes, rendering, open data and search. No MkDocs here."""
