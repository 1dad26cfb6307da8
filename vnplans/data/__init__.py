"""The data layer: load, validate and model the YAML files. Imports nothing from the site."""
