"""``communique import-article PAGE.html|TEXT --url URL``: an article record from a saved page.

The article's text is found by `trafilatura <https://trafilatura.readthedocs.io>`_: among
the best-scoring main-text extractors in published comparisons (its own benchmark;
Bevendorff et al., SIGIR 2023), maintained, offline, pure Python over lxml, and it reads a
page's metadata too (headline, date). ``favor_precision`` makes it leave out what it doubts
(a "Read more" link between paragraphs): whatever it leaves out is listed for the curator.

Nothing is dropped silently: the page's text is cut into blocks as a browser lays it out
(a paragraph, a list item, a caption, a button), and every block that is not a paragraph
of the extracted body, nor the headline, is listed in ``capture.removed`` as page
furniture for the curator to confirm. The body keeps each paragraph's text as the page
shows it (a run of HTML white space is one space, as a browser renders it; a no-break
space stays), paragraphs separated by a blank line.

A plain-text capture has no markup to tell furniture by: its body is every non-blank line,
verbatim but for trailing white space, and the curator moves any furniture line into
``capture.removed`` by hand.

What the page's metadata says (headline, publication date, language) fills the record,
and the command says where each came from; fields it cannot fill are left ``null``, each
a ``schema.to-fill`` finding until written.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.curate.ids import id_problem, style, suggest
from communique.curate.new import UsageError, create, skeleton
from communique.kinds import ARTICLE
from communique.render.safe import printable

EXIT_DONE, EXIT_EXISTS, EXIT_USAGE = 0, 1, 2

#: Elements that start a block of their own: HTML's, and trafilatura's output elements.
_BLOCKS = frozenset(
    "address article aside blockquote body button caption dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol option p pre section summary table td th tr ul "
    "head item list quote row cell".split()
)
#: Elements whose content is never shown as text.
_HIDDEN = frozenset("script style noscript template head title meta link svg iframe object canvas select textarea".split())
_HTML_SPACE = re.compile(r"[ \t\n\f\r]+")  # what a browser collapses: never a no-break space
_CAPTURE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("capture", type=Path, metavar="PAGE.html|TEXT", help="a saved web page (.html, .htm) or a plain-text capture")
    parser.add_argument("--url", required=True, help="where the article was found")
    parser.add_argument("--headline", help="its headline (default: the page's)")
    parser.add_argument("--publisher", help="the id of the actor that published it (needed for the id, unless --id is given)")
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="its publication date (default: the page's own metadata)")
    parser.add_argument("--language", metavar="TAG", help="its language, a BCP 47 tag (default: the page's lang attribute)")
    parser.add_argument("--retrieved", metavar="WHEN", help="when the page was saved: YYYY-MM-DD, or with the time and its zone (capture.retrieved)")
    parser.add_argument("--archive", metavar="URL", help="an archived copy of the page, such as a web archive's address (capture.archive)")
    parser.add_argument("--id", help="the record's id (default: suggested from publisher, date and headline)")
    parser.add_argument("--dataset", type=Path, default=None, help="the dataset folder to add it to (default: ./dataset)")
    parser.epilog = "Exit status: 0 written; 1 an article with that id exists already, or it cannot be written; 2 used wrongly or the capture cannot be read."


@dataclass
class Extracted:
    """What a capture gives: the body's paragraphs, the furniture left out, and metadata."""

    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)
    headline: str | None = None
    published: str | None = None
    language: str | None = None
    unmatched: int = 0  # the extractor's paragraphs that are no block of the page

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def text_blocks(element: Any) -> list[str]:
    """The text of an lxml element cut into blocks as a browser lays it out: each block's
    own text (what its nested blocks hold is theirs), runs of HTML white space one space (a
    no-break space stays), empty blocks left out."""
    blocks: list[str] = []
    run: list[str] = []

    def flush() -> None:
        text = _HTML_SPACE.sub(" ", "".join(run)).strip(" ")
        if text:
            blocks.append(text)
        run.clear()

    def visit(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""  # comments and processing instructions: no text
        if not tag or tag.lower() in _HIDDEN:
            return
        block = tag.lower() in _BLOCKS
        if block:
            flush()
        run.append(node.text or "")
        for child in node:
            visit(child)
            run.append(child.tail or "")
        if block:
            flush()

    visit(element)
    flush()
    return blocks


def _unique(texts: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(texts))


def _key(text: str) -> str:
    """A block's text as the extractor may have rewritten it: every run of white space
    (no-break spaces included, which trafilatura turns into spaces) one space."""
    return " ".join(text.split())


def from_html(page: str) -> Extracted:
    """The article in a saved web page, and every block of the page's text left out of it.

    trafilatura decides which blocks are the article; their text is taken from the page
    itself, so that what the extractor rewrites (a no-break space) stays as published. A
    paragraph of the extractor's that is no block of the page (blocks it joined) is
    counted, not kept: its blocks are in ``removed``, for the curator to move back."""
    import lxml.etree
    import lxml.html
    from trafilatura import bare_extraction

    try:
        tree = lxml.html.document_fromstring(page)
    except lxml.etree.ParserError:  # nothing but white space: no text, nothing to leave out
        return Extracted([])
    document = bare_extraction(
        page, favor_precision=True, include_comments=False, with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},  # a date the page states, never one guessed from its text
    )
    extracted = text_blocks(document.body) if document is not None and document.body is not None else []
    headline = document.title if document is not None and document.title else None
    wanted = Counter(map(_key, extracted))
    paragraphs, removed = [], []
    for block in text_blocks(tree.body) if tree.find("body") is not None else []:
        key = _key(block)
        if wanted[key] > 0:
            wanted[key] -= 1
            paragraphs.append(block)
        elif block != headline:
            removed.append(block)
    unmatched = sum(wanted.values())
    return Extracted(paragraphs, _unique(iter(removed)), headline, document.date if document is not None else None, tree.get("lang") or None, unmatched)


def from_text(text: str) -> Extracted:
    """A plain-text capture: every non-blank line a paragraph, verbatim."""
    return Extracted([line.rstrip() for line in text.splitlines() if line.strip()])


def extract(capture: Path) -> Extracted:
    """The article in a capture, read by its kind: a saved page (``.html``, ``.htm``) or plain text."""
    data = capture.read_bytes()
    if capture.suffix.lower() in (".html", ".htm", ".xhtml"):
        from trafilatura.utils import decode_file

        return from_html(decode_file(data))  # the page's declared encoding, or a detected one
    return from_text(data.decode("utf-8"))


def record(extracted: Extracted, args: argparse.Namespace, capture_name: str) -> dict[str, Any]:
    """The article record: the fields given or extracted, blanks for the others."""
    given = {
        "headline": args.headline or extracted.headline,
        "publisher": args.publisher,
        "published": args.published or extracted.published,
        "url": args.url,
        "language": args.language or extracted.language,
        "body": extracted.body or None,
    }
    given = {name: value for name, value in given.items() if value is not None}
    return {
        **skeleton(ARTICLE, args.id or "", given),
        "capture": {
            "file": capture_name,
            **{name: value for name, value in (("retrieved", args.retrieved), ("archive", args.archive)) if value is not None},
            **({"removed": extracted.removed} if extracted.removed else {}),
        },
    }


def run(args: argparse.Namespace) -> int:
    from communique.resources import working_dataset

    dataset = args.dataset if args.dataset is not None else working_dataset()
    try:
        try:
            extracted = extract(args.capture)
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"cannot read {args.capture}: {error}") from None
        except ImportError:
            raise UsageError("reading a saved web page needs trafilatura: pip install 'communique[curate]'") from None
        capture_name = _CAPTURE_NAME.sub("-", args.capture.name).strip("-") or "capture"
        article = record(extracted, args, capture_name)
        article["id"] = article["id"] or suggest(ARTICLE.name, article, dataset)
        if not article["id"]:
            needs = ", ".join(f"--{name}" for name in style(ARTICLE.name)[1] if article.get(name) is None)
            raise UsageError(f"give --id, or what the id is made from: {needs}")
        if (problem := id_problem(article["id"])) is not None:
            raise UsageError(f"--id {article['id']!r}: {problem}")
    except UsageError as error:
        print(f"communique import-article: error: {printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    if not create(dataset, ARTICLE, article, "import-article"):
        return EXIT_EXISTS
    _report(extracted, args)
    return EXIT_DONE


def _report(extracted: Extracted, args: argparse.Namespace) -> None:
    """Where the record's fields came from, and what to confirm: on standard error."""
    said = [f"body: {len(extracted.paragraphs)} paragraph{'s' if len(extracted.paragraphs) != 1 else ''}"]
    if extracted.headline and not args.headline:
        said.append(f"headline from the page: {extracted.headline}")
    if extracted.published and not args.published:
        said.append(f"published from the page's metadata: {extracted.published}")
    if extracted.language and not args.language:
        said.append(f"language from the page's lang attribute: {extracted.language}")
    if extracted.unmatched:
        said.append(f"{extracted.unmatched} paragraph{'s' if extracted.unmatched != 1 else ''} the extractor joined from several blocks: their blocks are in capture.removed, move back what is article text")
    if extracted.removed:
        count = len(extracted.removed)
        said.append(f"{count} block{'s' if count != 1 else ''} left out as page furniture, listed in capture.removed: check each is not article text")
    for line in said:
        print(f"  {printable(line)}", file=sys.stderr)
