"""Characters that make a data file read or display differently from how it looks in an editor.

Which characters are refused and which are only warned about (the editors' guide says the same):

* **Errors, and the file is not read further** (YAML cannot read it, or reads it differently from
  how an editor shows it): control characters (U+0000–U+001F except tab and line feed, U+007F–U+009F,
  including NEL U+0085), the line and paragraph separators U+2028 and U+2029 (YAML reads them as line
  breaks, editors do not show one), and U+FFFE, U+FFFF.
* **Errors** (the file is still read, so its other mistakes are reported too): text-direction
  controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which make the text shown differ
  from the text stored; and the other noncharacters (U+FDD0–U+FDEF and the last two code points of
  each plane), which no text may contain.
* **Warnings**: invisible formatting characters (zero-width space, zero-width joiners, soft hyphen,
  word joiner, a byte-order mark inside the file, tag characters and the rest of Unicode's "format"
  category), spaces other than the plain space (no-break space, thin spaces, ideographic space), the
  invisible Hangul fillers and the combining grapheme joiner, and private-use characters (an empty
  box on screen). They are sometimes meant, but usually pasted by accident; search and links do not
  see through them.

Tabs and line feeds are ordinary. The same characters written as escapes inside double quotes
(``"\\u202E"``) are found in the values too (:func:`first_escape`).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterator

from .messages import Message, msg


class Kind(enum.Enum):
    CONTROL = "control"
    LINE_BREAK = "line-break"
    BIDI = "bidi"
    NONCHARACTER = "noncharacter"
    INVISIBLE = "invisible"
    SPACE = "space"
    PRIVATE_USE = "private-use"


#: Kinds that YAML cannot read, or reads as a line break: the file is not parsed (see :func:`unreadable`).
_UNREADABLE_KINDS = frozenset({Kind.CONTROL, Kind.LINE_BREAK})
#: Kinds reported as errors; the others are warnings.
ERRORS = frozenset({Kind.CONTROL, Kind.LINE_BREAK, Kind.BIDI, Kind.NONCHARACTER})

_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f"  # tab and line feed are ordinary; a raw \r is read as a line end
_LINE_BREAK = "\x85\u2028\u2029"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_NONCHARACTER = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
#: Unicode's "format" characters (category Cf) other than the text-direction controls; a test checks
#: that this list covers the category in the running Python's Unicode database.
_INVISIBLE = (
    "\u00ad\u034f\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e\u200b-\u200d\u2060-\u2064"
    "\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
#: Spaces other than U+0020 (category Zs).
_SPACE = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"

_CLASSES = (
    (Kind.CONTROL, _CONTROL),
    (Kind.LINE_BREAK, _LINE_BREAK),
    (Kind.BIDI, _BIDI),
    (Kind.NONCHARACTER, _NONCHARACTER),
    (Kind.INVISIBLE, _INVISIBLE),
    (Kind.SPACE, _SPACE),
    (Kind.PRIVATE_USE, _PRIVATE_USE),
)
_KIND_PATTERNS = tuple((kind, re.compile(f"[{chars}]")) for kind, chars in _CLASSES)
#: Every character of any kind above.
FLAGGED = re.compile("[" + "".join(chars for _, chars in _CLASSES) + "\ud800-\udfff]")
#: Characters none of which is flagged and which make nearly all of a Vietnamese data file: matching the
#: (rare) others first is many times faster than matching the long class of flagged characters.
_UNCOMMON = re.compile("[^\t\n\x20-\x7e\u00a1-\u00ac\u00ae-\u024f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e]")

#: Characters that Python (str.splitlines) or a terminal takes as the end of a line.
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
#: Characters that break a message line, garble the terminal or page that shows it, or cannot be seen.
_UNPRINTABLE = re.compile(
    f"[{_CONTROL}{_LINE_BREAK}{_BIDI}{_NONCHARACTER}{_INVISIBLE}{_SPACE}{_PRIVATE_USE}\r\ud800-\udfff]"
)

#: Names of the control characters, which Unicode's database does not name (from its name aliases).
_CONTROL_NAMES = (
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "FILE SEPARATOR",
    "GROUP SEPARATOR",
    "RECORD SEPARATOR",
    "UNIT SEPARATOR",
)
_C1_NAMES = {
    0x7F: "DELETE",
    0x80: "PADDING CHARACTER",
    0x81: "HIGH OCTET PRESET",
    0x82: "BREAK PERMITTED HERE",
    0x83: "NO BREAK HERE",
    0x84: "INDEX",
    0x85: "NEXT LINE",
    0x86: "START OF SELECTED AREA",
    0x87: "END OF SELECTED AREA",
    0x88: "CHARACTER TABULATION SET",
    0x89: "CHARACTER TABULATION WITH JUSTIFICATION",
    0x8A: "LINE TABULATION SET",
    0x8B: "PARTIAL LINE FORWARD",
    0x8C: "PARTIAL LINE BACKWARD",
    0x8D: "REVERSE LINE FEED",
    0x8E: "SINGLE SHIFT TWO",
    0x8F: "SINGLE SHIFT THREE",
    0x90: "DEVICE CONTROL STRING",
    0x91: "PRIVATE USE ONE",
    0x92: "PRIVATE USE TWO",
    0x93: "SET TRANSMIT STATE",
    0x94: "CANCEL CHARACTER",
    0x95: "MESSAGE WAITING",
    0x96: "START OF GUARDED AREA",
    0x97: "END OF GUARDED AREA",
    0x98: "START OF STRING",
    0x99: "SINGLE GRAPHIC CHARACTER INTRODUCER",
    0x9A: "SINGLE CHARACTER INTRODUCER",
    0x9B: "CONTROL SEQUENCE INTRODUCER",
    0x9C: "STRING TERMINATOR",
    0x9D: "OPERATING SYSTEM COMMAND",
    0x9E: "PRIVACY MESSAGE",
    0x9F: "APPLICATION PROGRAM COMMAND",
}


def find_flagged(text: str) -> Iterator[tuple[int, str]]:
    """The offset and character of each flagged character of ``text``."""
    for match in _UNCOMMON.finditer(text):
        char = match.group(0)
        if FLAGGED.match(char):
            yield match.start(), char


def has_flagged(text: str) -> bool:
    return next(find_flagged(text), None) is not None


def kind_of(char: str) -> Kind | None:
    """The kind of a flagged character, or ``None`` for an ordinary one."""
    for kind, pattern in _KIND_PATTERNS:
        if pattern.match(char):
            return kind
    if "\ud800" <= char <= "\udfff":  # only from an escape such as "\ud800": not a character at all
        return Kind.NONCHARACTER
    return None


def unreadable(char: str) -> bool:
    """True for a character that YAML cannot read (or reads as a line break): the file is not parsed."""
    return kind_of(char) in _UNREADABLE_KINDS or char in "\ufffe\uffff"


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: the code point and its Unicode name."""
    code = ord(char)
    if code < 0x20:
        name = _CONTROL_NAMES[code]
    elif code in _C1_NAMES:
        name = _C1_NAMES[code]
    elif kind_of(char) is Kind.NONCHARACTER:
        name = "NONCHARACTER"
    else:
        name = unicodedata.name(char, "")
    return f"U+{code:04X} {name}".rstrip()


def problem(char: str) -> tuple[Message, Message]:
    """The message and hint for a flagged character, naming it."""
    kind = kind_of(char)
    name = describe(char)
    if kind is Kind.CONTROL:
        return (
            msg("a control character ({char}) is not allowed in data files", char=name),
            msg(
                "it is invisible in most editors and usually comes from copying text out of a PDF, Word or a "
                "web page; delete it (retype the letters around it if you cannot see where it is)"
            ),
        )
    if kind is Kind.LINE_BREAK:
        return (
            msg("the character {char} is not allowed in data files: YAML reads it as a new line", char=name),
            msg(
                "editors do not show it as a new line, so the file would be read differently from how it looks; "
                "delete it, or press Enter if a new line was meant"
            ),
        )
    if kind is Kind.BIDI:
        return (
            msg("a text-direction control character ({char}) is not allowed in data files", char=name),
            msg(
                "it changes the order in which the text is displayed, so readers would see something other "
                "than the text stored; delete it"
            ),
        )
    if kind is Kind.NONCHARACTER:
        return (
            msg("{char} is not a character that a text may contain", char=name),
            msg("delete it; it usually comes from a damaged file or a wrong conversion"),
        )
    if kind is Kind.SPACE:
        return (
            msg("a special space ({char}) instead of a plain space", char=name),
            msg("search and links do not treat it as a space; replace it with a plain space"),
        )
    if kind is Kind.PRIVATE_USE:
        return (
            msg("a private-use character ({char}): readers see an empty box", char=name),
            msg("it usually comes from a symbol font in a PDF or Word file; replace it with the character meant"),
        )
    return (
        msg("an invisible character ({char}) in the text", char=name),
        msg(
            "it is usually pasted by accident and makes the text differ from what it looks like "
            "(search and links do not see through it); delete it"
        ),
    )


# -- escapes in double-quoted scalars --------------------------------------------------------------

_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


def first_escape(source: str) -> tuple[int, str] | None:
    """In the source of a double-quoted scalar, the offset and character of the first escape that
    writes a flagged character, or ``None``."""
    for match in _ESCAPE.finditer(source):
        code = match.group(1)
        char = chr(int(code[1:], 16)) if len(code) > 1 else _SIMPLE_ESCAPES.get(code, "")
        if len(char) == 1 and FLAGGED.match(char):
            return match.start(), char
    return None


def printable(text: str) -> str:
    """``text`` on one line, safe to print: line breaks become spaces, and every other flagged
    character is shown as ``<U+202E>``, instead of acting on the terminal or page, or hiding."""
    if _LINE_BREAKS.search(text):
        text = " ".join(text.split())
    return _UNPRINTABLE.sub(_shown, text) if _UNPRINTABLE.search(text) else text


def _shown(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group(0)):04X}>"
