"""Text that is safe to print: no control character reaches a terminal or a tsv line.

Imported by every run (cli.py), so it imports nothing.
"""


def one_line(text: str) -> str:
    """`text` with each character that cannot be printed as its Python escape.

    A newline becomes \\n, ESC \\x1b, a bidi override \\u202e, an undecodable
    byte of a file name \\udcff: the result is one printable line, and text
    that was printable already comes back unchanged (so escaping twice is
    escaping once). Used for messages and for every path, or name made from
    a path, that is printed.
    """
    if text.isprintable():  # the common case, in C
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
