"""Persistence shell: Piccolo tables, migrations, transactions and read queries."""
