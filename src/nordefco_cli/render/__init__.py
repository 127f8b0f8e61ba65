"""Every output form, and the words a reader sees.

Records (records.py) are the rows commands print, with the field names of
the output contract; output.py writes them as a table (table.py, with Rich),
tsv, csv, json, jsonl or ics (ics.py); the timeline picture is timeline.py;
words.py says, once, why there is no chair and what a status means. Imports
the core only (and Rich, on the table and picture paths).
"""
