"""TOML documents in and out: loading with line-numbered errors, writing, key positions,
cross-document references, JSON Schemas and the documents bundled with the package.

Uses :mod:`joinus_method.model` and :mod:`joinus_method.errors`; never the planning layer.
"""
