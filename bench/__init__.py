"""Benchmarks of Permitline (see docs/benchmarks.md); results land in bench/results/."""
