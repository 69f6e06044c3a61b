"""Exporters: each turns the graph (a networkx MultiDiGraph, see docs/graph-model.md) into files or a store."""
