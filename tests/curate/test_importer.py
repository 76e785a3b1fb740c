"""``communique import-article``: the article's text verbatim, and every other block of the
page listed for the curator, on saved pages that carry real page furniture."""

from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.cli import main
from communique.curate.importer import extract, from_html, text_blocks
from communique.validate.engine import validate


PAGES = Path(__file__).resolve().parent / "pages"

# the page is a saved copy of TASS's article with its page furniture: its text is the curated record's body
TASS_BODY = json.loads((Path(__file__).resolve().parents[2] / "dataset" / "articles" / "tass-2020-09-11-russia-ready-for-honest-dialogue.json").read_text(encoding="utf-8"))["body"].split("\n\n")
AGGREGATOR_BODY = [
    "Russia is open to the release of key communications it says would exonerate it of meddling in the 2016 U.S. election, Foreign Minister Sergey Lavrov said Tuesday.",
    "Speaking during a joint press conference with U.S. Secretary of State Mike Pompeo, Lavrov said the Trump administration has declined to agree to the release of the documents that are part of a diplomatic channel the countries used from October 2016 until November 2017.",
    "“We used the channels that existed back then between Moscow and Washington,” Lavrov said in remarks translated from Russian, adding that their publication “would clear many matters up,” including what he called the “wave of suspicions that has overcome Washington” and hindered bilateral cooperation.",
    "Pompeo continued to back the assessment of culpability saying “we don’t think there’s any mistake about what really transpired there.”",
    "Beijing has stated its lack of interest in joining the arms control pact.",
]

# (page, its body, furniture that must be listed: advertising, share buttons, "read more"
# links, photo credits, comment prompts, navigation)
CASES = [
    ("tass-1199783.html", TASS_BODY, [
        "Advertisement",
        "Get the best value from your summer holiday with exclusive offers across the region with Skyline Pass",
        "Share on Facebook Tweet Email",
        "Read more: Lavrov says Moscow offered cybersecurity consultations to Washington",
        "Russian Foreign Minister Sergey Lavrov © Russian Foreign Ministry/TASS",
        "What do you think? Leave a comment below.",
        "All news",
    ]),
    ("aggregator.html", AGGREGATOR_BODY, [
        "AdvertisementThe new Emirates Premium Economy has arrived on the latest Emirates A380",
        "FacebookTwitterWhatsApp",
        "READ MORE: Pompeo warns Russia against election interference",
        "Photo: Anadolu Agency",
        "What do you think?",
        "You must be logged in to post a comment.",
        "Copyright © 2019 Alaturka News. Powered by WordPress.",
    ]),
]


@pytest.mark.parametrize("page,body,furniture", CASES, ids=[case[0] for case in CASES])
def test_the_body_is_the_articles_text_verbatim(page, body, furniture):
    assert extract(PAGES / page).paragraphs == body


@pytest.mark.parametrize("page,body,furniture", CASES, ids=[case[0] for case in CASES])
def test_page_furniture_is_listed_never_dropped(page, body, furniture):
    extracted = extract(PAGES / page)
    assert set(furniture) <= set(extracted.removed)
    assert not set(extracted.removed) & set(body)


@pytest.mark.parametrize("page", [case[0] for case in CASES])
def test_every_block_of_the_page_is_in_the_body_the_headline_or_the_removed_list(page):
    extracted = extract(PAGES / page)
    shown = text_blocks(lxml.html.document_fromstring((PAGES / page).read_bytes()).body)
    assert set(shown) == {*extracted.paragraphs, extracted.headline, *extracted.removed}


_words = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=9)
_sentences = st.lists(_words, min_size=1, max_size=40).map(" ".join) | st.lists(_words, min_size=2, max_size=40).map("\u00a0 ".join)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p", "div", "li", "figcaption", "a", "span", "button"]), _sentences), min_size=1, max_size=12))
def test_no_text_of_any_page_is_lost(blocks):
    """For every page: each text block ends up in the body, the headline or capture.removed,
    and the body is made of the page's own blocks."""
    inner = "".join(f"<{tag}>{html.escape(text)}</{tag}>" if tag != "li" else f"<ul><li>{html.escape(text)}</li></ul>" for tag, text in blocks)
    page = f"<html><head><title>T</title></head><body><article>{inner}</article></body></html>"
    extracted = from_html(page)
    shown = text_blocks(lxml.html.document_fromstring(page).body)
    assert set(shown) <= {*extracted.paragraphs, extracted.headline, *extracted.removed}
    assert Counter(extracted.paragraphs) <= Counter(shown)  # each paragraph a block of the page, verbatim


def test_a_plain_text_capture_keeps_every_line_verbatim(tmp_path: Path):
    capture = tmp_path / "003_ee68d91cfbceff58.txt"
    capture.write_text("All news\n\nMOSCOW, September 11.  Two spaces stay.\nNext line \n\n\n", encoding="utf-8")
    extracted = extract(capture)
    assert extracted.body == "All news\n\nMOSCOW, September 11.  Two spaces stay.\n\nNext line"
    assert extracted.removed == []


def test_the_imported_record_is_valid_and_canonical(dataset: Path, capsys):
    assert main(["import-article", str(PAGES / "tass-1199783.html"), "--url", "https://tass.com/politics/1199783", "--publisher", "tass",
                 "--retrieved", "2020-09-12T08:30+03:00", "--archive", "https://web.archive.org/web/20200912/https://tass.com/politics/1199783"]) == 0
    out, err = capsys.readouterr()
    path = Path(out.strip())
    assert path == Path("dataset/articles/tass-2020-09-11-russia-ready-for-honest-dialogue-with.json")
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["body"] == "\n\n".join(TASS_BODY)
    assert record["headline"] == "Russia ready for honest dialogue with US on election interference — top diplomat"
    assert (record["published"], record["language"], record["url"]) == ("2020-09-11", "en", "https://tass.com/politics/1199783")
    assert record["capture"]["file"] == "tass-1199783.html" and "Advertisement" in record["capture"]["removed"]
    assert list(record["capture"]) == ["file", "retrieved", "archive", "removed"] and record["capture"]["retrieved"] == "2020-09-12T08:30+03:00"
    assert "published from the page's metadata: 2020-09-11" in err and "capture.removed" in err
    # its quotations await their statements (communique draft-statements): only that warning
    assert [finding for finding in validate(dataset) if Path(finding.path).name == path.name and finding.rule != "completeness.uncovered-quote"] == []
    assert main(["fmt", "--check", str(path)]) == 0


def test_a_plain_text_import_leaves_what_it_cannot_know_to_fill(dataset: Path, capsys):
    capture = dataset.parent / "capture 1.txt"
    capture.write_text("Lavrov said so.\n", encoding="utf-8")
    assert main(["import-article", str(capture), "--url", "https://example.org/a", "--id", "draft-article"]) == 0
    record = json.loads((dataset / "articles" / "draft-article.json").read_text(encoding="utf-8"))
    assert record["capture"] == {"file": "capture-1.txt"} and record["body"] == "Lavrov said so."
    rules = sorted((finding.rule, finding.pointer) for finding in validate(dataset) if "draft-article" in finding.path)
    assert rules == [("schema.to-fill", "/headline"), ("schema.to-fill", "/language"), ("schema.to-fill", "/published"), ("schema.to-fill", "/publisher")]


@pytest.mark.parametrize(
    "argv",
    [
        ["import-article", "missing.html", "--url", "https://example.org/a", "--id", "x"],
        ["import-article", str(PAGES / "tass-1199783.html"), "--url", "https://example.org/a"],  # no publisher: no id
    ],
)
def test_wrong_use_is_a_usage_error(dataset: Path, argv):
    assert main(argv) == 2
    assert not list((dataset / "articles").glob("x.json"))


@pytest.mark.parametrize(
    "content",
    [b"", b"  \n", b"\x00\x01\xff garbage", b"<html><head><title>Only a title</title></head></html>", b"<!-- nothing -->", b"<p>One line</p>"],
    ids=["empty", "blank", "binary", "no-body", "comment", "fragment"],
)
def test_a_page_with_little_or_no_text_is_a_record_to_fill_never_a_traceback(dataset: Path, content: bytes):
    page = dataset.parent / "page.html"
    page.write_bytes(content)
    assert main(["import-article", str(page), "--url", "https://example.org/a", "--id", "draft-article"]) == 0
    record = json.loads((dataset / "articles" / "draft-article.json").read_text(encoding="utf-8"))
    assert record["url"] == "https://example.org/a" and record["capture"]["file"] == "page.html"
