"""The official text of a plan, rebuilt from the model, and the forms in which texts are compared.

The site publishes each plan's full text from its YAML file, so the YAML must hold the official
words and nothing else. :func:`official_text` lays the model's text fields out in document order,
in the layout of the official document, so that a test can put it beside the source text the plan
was typed from (``plan.source_file``) and show any word added, lost or changed.

Plain functions of a :class:`~vnplans.model.Plan`; nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Clause, Decision, Plan, Signer

RECIPIENTS_HEADING = "Nơi nhận:"
#: The line before a Công văn's addressees.
ADDRESSEES_HEADING = "Kính gửi:"

#: A lettered item (``a)``, ``đ)``) starts lowercase but is a paragraph of its own, not a continuation.
_LETTER_ITEM = re.compile(r"^[a-zđ]\)")


def official_paragraphs(plan: Plan) -> list[str]:
    """The paragraphs of the plan's official text, in document order.

    * the Quyết định that issues the plan, if any (:func:`decision_paragraphs`);
    * the type label in capitals (``KẾ HOẠCH``), then the title;
    * the opening text (its own blank-line paragraphs kept as they are);
    * each clause as ``"<label> <title>"`` and then its text as a paragraph of its own; a clause with
      only a text is ``"<label> <text>"``. Labels are as printed: ``II.``, ``2.4.``, ``a)``, ``-``;
    * the closing paragraph;
    * ``Nơi nhận:`` and one paragraph holding every recipient as a ``- <text>`` line;
    * the signer block: authority and position as one paragraph of two lines, then the name;
    * each appendix: its title (its lines kept), its caption, then each row as a clause (``"1. <text>"``,
      the row's other columns as the lines ``"Cơ quan chủ trì: …"`` of its text; a group row
      ``"I. <title>"``).

    Only ``plan`` is needed: every word of the official text is held by the plan's own record.
    """
    out = decision_paragraphs(plan.decision) if plan.decision is not None else []
    out += [plan.type_heading, plan.title]
    if plan.opening is not None and plan.opening.text:
        out += _split_paragraphs(plan.opening.text)
    for section in plan.sections:
        for clause in section.walk():
            out += list(clause_paragraphs(clause))
    if plan.closing is not None and plan.closing.text:
        out += _split_paragraphs(plan.closing.text)
    out += [f"{note.marker} {note.text}" for clause in plan.clauses() for note in clause.footnotes]
    if plan.recipients:
        out.append(RECIPIENTS_HEADING)
        out.append("\n".join(f"- {recipient.text}" for recipient in plan.recipients))
    out += _signer_paragraphs(plan.signer)
    for appendix in plan.appendices:
        out.append(appendix.title)
        if appendix.caption:
            out.append(appendix.caption)
        for item in appendix.items:
            for clause in item.walk():
                out += list(clause_paragraphs(clause))
    return out


def decision_paragraphs(decision: Decision) -> list[str]:
    """The wrapper's paragraphs: its type line (``QUYẾT ĐỊNH``, ``NGHỊ QUYẾT``), title and authority, the
    preamble (its own blank-line paragraphs kept), the enacting line (``QUYẾT ĐỊNH:``, ``QUYẾT NGHỊ:``),
    each article as ``"Điều <n>. <text>"``, the signer. A Công văn: its "V/v" title, ``Kính gửi:`` with
    one line per addressee, its body, the signer."""
    out = [decision.heading] if decision.heading else []
    out += [line for line in (decision.title, decision.authority) if line]
    if decision.to:
        out.append(ADDRESSEES_HEADING + "\n" + "\n".join(f"- {line}" for line in decision.to))
    if decision.text:
        out += _split_paragraphs(decision.text)
    if decision.preamble:
        out += _split_paragraphs(decision.preamble)
    if decision.enacting and decision.articles:
        out.append(decision.enacting)
    for article in decision.articles:
        first, *rest = _split_paragraphs(article.text)
        out.append(f"Điều {article.number}. {first}")
        out += rest
    if decision.signer is not None:
        out += _signer_paragraphs(decision.signer)
    return out


def _signer_paragraphs(signer: Signer) -> list[str]:
    """Authority and position as one paragraph of two lines, then the name."""
    heading = [line for line in (signer.authority, signer.position) if line]
    return (["\n".join(heading)] if heading else []) + [signer.name]


def document_heading(plan: Plan) -> str:
    """The first type line of the plan's official text: ``QUYẾT ĐỊNH`` when a Quyết định issues it,
    else its own type label in capitals (``KẾ HOẠCH``). :func:`body_of` compares from this line."""
    if plan.decision is not None:
        return plan.decision.heading or plan.decision.title or plan.type_heading
    return plan.type_heading


def official_text(plan: Plan) -> str:
    """The plan's official text as one string: :func:`official_paragraphs` joined by blank lines."""
    return "\n\n".join(official_paragraphs(plan))


def clause_paragraphs(clause: Clause) -> Iterator[str]:
    """One clause's paragraphs as printed: ``"<label> <title>"`` then its text's paragraphs, or
    ``"<label> <first paragraph>"`` and the rest; only the label for a clause holding only items."""
    if clause.title is not None:
        yield f"{clause.label} {clause.title}"
        if clause.text is not None:
            yield from _split_paragraphs(clause.text)
    elif clause.text is not None:
        first, *rest = _split_paragraphs(clause.text)
        yield f"{clause.label} {first}"
        yield from rest
    else:  # a clause holding only sub-items still prints its number
        yield clause.label


def _split_paragraphs(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


def source_text_normalized(raw: str) -> str:
    """The source text file in the layout of the official document, for comparison.

    Two transformations, and only these two:

    1. **Page breaks are joined.** The source file was extracted page by page, and a sentence that runs
       over a page break is cut into two paragraphs, the second starting in the middle of a sentence.
       A paragraph that starts with a lowercase letter therefore continues the previous paragraph: the
       two are joined with one space (``"... của Chỉ"`` + ``"thị số 42-CT/TW ..."`` →
       ``"... của Chỉ thị số 42-CT/TW ..."``). Paragraphs of an official document start with a number,
       a capital or ``-``; the one lowercase start they have, a lettered item (``a)``, ``đ)``), is
       not joined.
    2. **Markdown bold markers are removed.** The file puts ``**`` around the signature block
       (``**KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH**``); they are typography, not words of the text.

    Paragraphs are separated by one blank line in the result; leading and trailing blank lines and the
    spaces at the ends of each line are dropped. Line breaks inside a paragraph are kept.
    """
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("**", "")
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block = "\n".join(line.strip() for line in block.strip().split("\n"))
        if not block:
            continue
        if paragraphs and block[0].islower() and not _LETTER_ITEM.match(block):
            paragraphs[-1] = f"{paragraphs[-1]} {block}"
        else:
            paragraphs.append(block)
    return "\n\n".join(paragraphs)


def body_of(normalized_source: str, type_label: str) -> str:
    """The source from the document-type line (``KẾ HOẠCH``) on.

    A text copied from an official document often starts with its header (issuing body, "Số: …",
    the national motto, place and date). Those are metadata (number, date, issuer), not the text, so
    the comparison starts at the first paragraph that is ``type_label`` in capitals. Pass
    :func:`document_heading` of the plan: for a plan issued with its Quyết định (``plan.decision``),
    that is ``QUYẾT ĐỊNH``, since the Quyết định's words are part of the official text; for any other
    plan a Quyết định before it is another document, skipped. A text without such a line is returned
    whole.
    """
    paragraphs = normalized_source.split("\n\n")
    heading = type_label.upper()
    for index, paragraph in enumerate(paragraphs):
        if paragraph.strip() == heading:
            return "\n\n".join(paragraphs[index:])
    return normalized_source


def normalize_for_comparison(text: str) -> str:
    """``text`` with every run of whitespace (spaces, tabs, line breaks, blank lines) made one space.

    Comparing texts in this form checks the words and their order, and ignores layout: where a line or
    a paragraph breaks. The result has no leading or trailing space.
    """
    return " ".join(text.split())
