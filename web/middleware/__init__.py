"""The pure-ASGI layers: trusted hosts, compression, headers, CSRF, sign-in, audit actor."""
