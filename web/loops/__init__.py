"""The server's background loops, started by web/app.py's lifespan: hourly, and mail."""
