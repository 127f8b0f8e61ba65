"""The command line: the Click group (main.py), the shared options and types
(options.py), which bodies a command reads (loading.py), the one clock
(clock.py), the batch of dates (batch.py) and one thin module per command
(commands/). The only layer that imports Click.
"""
