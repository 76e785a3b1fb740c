"""The ``json.*`` and ``file.*`` rules: a data file must be strict JSON text (RFC 8259).

The checks themselves are in :mod:`communique.parse`; this module documents them for
the rule catalogue. A text that fails one of them has no record to check further.
"""

from __future__ import annotations

from communique import parse, read
from communique.findings import Severity
from communique.rules.base import register

register(
    parse.SYNTAX,
    Severity.ERROR,
    doc="""
    The file is JSON text: every bracket, quote and comma where RFC 8259 wants it.

    Why: a file that is not JSON cannot be read at all, by the validator or by anyone
    who uses the dataset; lenient readers disagree on what a broken text means.

    How to fix: go to the line and column given; the usual causes are a missing or extra
    comma (JSON allows no trailing comma), a missing closing bracket or quote, single
    quotes instead of double quotes, a comment, an unescaped line break inside a string,
    or leading zeros in a number.

    Example: ``{"id": "russia",}`` has a comma before the closing brace.
    """,
)

register(
    parse.ENCODING,
    Severity.ERROR,
    doc="""
    The file is valid UTF-8.

    Why: RFC 8259 requires UTF-8 for JSON exchanged between systems; a byte that is not
    UTF-8 means the text was saved in another encoding, and its letters are garbled.

    How to fix: save the file as UTF-8 (without BOM) in your editor; re-type the
    character at the place given, often an accented letter or a typographic quote mark
    pasted from a Windows-1252 or Latin-1 source.

    Example: ``"Lavrov said \\xe9..."`` where ``\\xe9`` is a Latin-1 ``é`` (UTF-8 has
    ``\\xc3\\xa9``).
    """,
)

register(
    parse.BOM,
    Severity.ERROR,
    doc="""
    The file does not start with a byte order mark.

    Why: RFC 8259 forbids adding a BOM to JSON text; many JSON readers refuse a file
    that starts with one, and it is invisible in most editors.

    How to fix: save the file as "UTF-8" rather than "UTF-8 with BOM".

    Example: a file starting with the bytes ``EF BB BF`` before its ``{``.
    """,
)

register(
    parse.SURROGATE,
    Severity.ERROR,
    doc="""
    The text has no lone surrogate, escaped (``\\ud800``) or encoded.

    Why: a surrogate is half of a UTF-16 pair, not a character; a lone one cannot be
    written as UTF-8, and tools that read it crash or replace it with garbage.

    How to fix: write the character itself, or, when escaping, both halves of the pair
    (``\\ud83d\\ude00``); re-copy text that was cut in the middle of an emoji.

    Example: ``"text": "smile \\ud83d"`` misses the low half ``\\ude00``.
    """,
)

register(
    parse.NON_FINITE,
    Severity.ERROR,
    doc="""
    The text has no ``NaN``, ``Infinity``, or number too large to be finite.

    Why: JSON has no NaN or Infinity (Python's ``json`` writes them anyway); other
    readers refuse them, and a number beyond about 1.8e308 reads as Infinity.

    How to fix: leave the value out, or write ``null`` where the schema allows it.

    Example: ``"confidence": NaN``.
    """,
)

register(
    parse.DUPLICATE_KEY,
    Severity.ERROR,
    doc="""
    No object has the same member name twice.

    Why: RFC 8259 leaves the meaning of duplicate names open: some readers keep the
    first value, most the last, some refuse the text. A record must mean one thing;
    this project's policy is to refuse duplicates.

    How to fix: keep one of the two members (the message gives where the first is).

    Example: ``{"date": "2020-09-11", "date": "2020-09-12"}``.
    """,
)

register(
    parse.DEPTH,
    Severity.ERROR,
    doc=f"""
    Arrays and objects nest at most {parse.MAX_DEPTH} levels deep.

    Why: no record nests more than five levels; deeper nesting is generated garbage or
    an attack, and naive readers (Python's ``json``) crash on it with a RecursionError.

    How to fix: look for a runaway run of opening brackets near the place given.

    Example: ``[[[[...]]]]`` one hundred levels deep.
    """,
)

register(
    parse.TOO_LARGE,
    Severity.ERROR,
    doc=f"""
    A record file, or a line of a JSON Lines file, is at most {read.MAX_DOCUMENT_BYTES:,} bytes.

    Why: the largest real record, an article with a long speech, is some hundred
    kilobytes; a larger file is a mistake (a pasted dump, a binary saved as .json), and
    reading it whole could exhaust the memory of a CI machine.

    How to fix: split the text, or remove the file if it is not a record. A large
    imported dataset belongs in a JSON Lines file, which may be of any size as long as
    each line is under the limit.

    Example: a 20 MB ``articles/archive.json``.
    """,
)

register(
    parse.UNREADABLE,
    Severity.ERROR,
    doc="""
    Every data file in a kind's folder can be read.

    Why: a file the validator cannot open (no permission, a folder named like a data
    file, a broken link) would silently leave its records out of the dataset.

    How to fix: make it a regular, readable file, or remove it.

    Example: a folder ``statements/draft.json/``, or a link to a file that is gone.
    """,
)

register(
    read.UNEXPECTED,
    Severity.ERROR,
    doc="""
    Every entry of a dataset folder, and of its kinds' folders, is data or may stand beside it.

    Why: a record in a misspelt folder (``statement/``), or in a file whose name ends in
    ``.JSON`` or ``.txt``, is not read by the validator, nor by ``communique.load()``, the
    export or the site: without this finding it would be left out in silence.

    What may stand beside the data: hidden entries (``.gitkeep``) and ``README`` files
    (``README``, ``README.md``, ...), in the dataset folder and in each kind's folder.

    How to fix: move the file into its kind's folder (``articles/``, ``actors/``,
    ``statements/``, ``treaties/``), rename it to end in ``.json`` or ``.jsonl``, or move it
    out of the dataset.

    Example: ``dataset/statement/tass-2020-09-11-lavrov.json``.
    """,
)

register(
    read.SPECIAL,
    Severity.ERROR,
    doc="""
    Every data file is a regular file.

    Why: a FIFO, a device or a socket named like a record is not data: reading
    ``/dev/zero`` never ends, ``/dev/urandom`` fills the memory, a FIFO waits for a writer
    forever. They are recognised on the opened file, without reading or blocking.

    How to fix: replace it with a regular file holding the record, or remove it.

    Example: ``statements/x.json`` made with ``mkfifo``.
    """,
)

register(
    read.LINK_OUTSIDE,
    Severity.ERROR,
    doc="""
    A symbolic link in the dataset points inside the dataset folder.

    Why: a dataset is what its folder holds; a link out of it would read (and print, in
    findings) a file of the machine that runs the validator, or hang on a device.
    A link to a regular file inside the dataset is followed.

    How to fix: put the file itself in the dataset, or remove the link.

    Example: ``statements/x.json`` a link to ``/etc/passwd`` or ``/dev/zero``.
    """,
)
