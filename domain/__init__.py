"""Permitline's functional core: pure types and rules, standard library only."""
