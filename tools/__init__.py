"""Maintainers' tools: notebook runner, portability probe, site builder (not part of the regviz package)."""
