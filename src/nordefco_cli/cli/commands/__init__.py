"""One module per command; cli.py loads each only when it runs."""
