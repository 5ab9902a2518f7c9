"""Demo data: generators and the bulk loader (only the command line and tests import it)."""
