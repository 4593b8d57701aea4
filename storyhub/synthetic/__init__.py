"""Synthetic data at scale (`flask generate-data`): for load tests and benchmarks, never production."""
