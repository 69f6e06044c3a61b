"""Exporters: each turns the graph (see docs/graph-model.md) into files or a store."""
