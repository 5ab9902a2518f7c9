"""The ``permitline`` command and its subcommands."""
