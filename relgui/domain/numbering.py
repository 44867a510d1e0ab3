"""Release numbers such as FB-2026-0042, from the company's pattern (company setting).

One validator, ``check_pattern``, for every place a pattern is typed (company settings, the
first-run wizard, ``relgui-admin init --number-pattern``). A pattern is text with two
fields: ``{seq}`` (required: the year's sequence number) and ``{year}`` (optional), each with
at most a plain format: fill and alignment, zero padding, a width of one or two digits,
``d`` (``{seq:04d}``, ``{seq:>5}``, ``{seq:_<6}``). Nothing else is substituted: no
attributes or indexes (``{seq[0]}``, ``{seq.real}``), no positional fields, no conversions
(``!r``), no other presentation (``c`` would make a control character of the number, ``x``
or ``,`` other digits), no nested fields. Literal braces are written ``{{`` and ``}}``.
Every number it can produce, for any 4-digit year and any sequence number up to
LARGEST_SEQ, fits the release's number column (NUMBER_LENGTH characters).

So a pattern this module accepts formats without error into a number that fits (property-
tested in tests/test_numbering.py); ``format_number`` checks again at each release, so a
pattern stored by an older version is refused in words instead of by the database.
"""

from __future__ import annotations

import re
import string

from relgui.domain import text
from relgui.domain.errors import InvalidInput, Refusal

DEFAULT_PATTERN = "FB-{year}-{seq:04d}"
NUMBER_LENGTH = 60  # releases.number is String(60) (relgui/store/models.py; a test keeps them equal)
PATTERN_LENGTH = 60  # company_settings.number_pattern is String(60)
LARGEST_SEQ = 99_999  # the largest sequence number a year is expected to reach
EXAMPLE_YEAR = 2026
FIELDS = ("year", "seq")
# [[fill]align][0][width of 1-2 digits][d]; the fill is any printable character but a brace
_SPEC = re.compile(r"(?:[^{}\x00-\x1f\x7f-\x9f]?[<>=^])?0?(?:[1-9][0-9]?)?d?")


def _field_text(name: str, conversion: str | None, spec: str | None) -> str:
    return "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"


def check_pattern(pattern: object) -> str:
    """The pattern, if it is one; otherwise InvalidInput saying what is wrong, in words."""
    pattern = "" if pattern is None else str(pattern)
    if not pattern.strip():
        raise InvalidInput.of("number_pattern", "empty")
    if len(pattern) > PATTERN_LENGTH:
        raise InvalidInput.of("number_pattern", "too_long", limit=PATTERN_LENGTH, length=len(pattern))
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in pattern):
        raise InvalidInput(Refusal("pattern_control", params={"value": _printable(pattern)}))
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError:
        raise InvalidInput(Refusal("pattern_braces", params={"value": pattern})) from None
    names = set()
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in FIELDS:
            raise InvalidInput(Refusal("pattern_field", params={"field": _field_text(name, conversion, spec)}))
        if conversion is not None or not _SPEC.fullmatch(spec or ""):
            raise InvalidInput(Refusal("pattern_spec", params={"field": _printable(_field_text(name, conversion, spec))}))
        names.add(name)
    if "seq" not in names:
        raise InvalidInput(Refusal("pattern_no_seq", params={"value": pattern}))
    longest = max((pattern.format(year=year, seq=seq) for year in (1000, EXAMPLE_YEAR, 9999)
                   for seq in (1, 9, 99, 999, 9999, LARGEST_SEQ)), key=len)
    if len(longest) > NUMBER_LENGTH:
        raise InvalidInput(Refusal("pattern_too_long", params={
            "length": len(longest), "limit": NUMBER_LENGTH, "seq": LARGEST_SEQ,
            "example": pattern.format(year=EXAMPLE_YEAR, seq=LARGEST_SEQ)}))
    return pattern


def _printable(value: str) -> str:
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in value)


def example(pattern: str, seq: int = 1) -> str:
    """What a checked pattern gives for this year's first release: FB-2026-0001."""
    return pattern.format(year=EXAMPLE_YEAR, seq=seq)


def format_number(pattern: str, year: int, seq: int) -> str:
    """The number of the ``seq``-th release of ``year``. The stored pattern is checked again
    (it may come from an older version), and so is the number's length: a sequence beyond
    LARGEST_SEQ can outgrow the column."""
    try:
        check_pattern(pattern)
    except InvalidInput as exc:
        raise InvalidInput(Refusal("stored_pattern_bad", params={"pattern": _printable(str(pattern))[:80]}),
                           *exc.refusals) from None
    number = pattern.format(year=year, seq=seq)
    if len(number) > NUMBER_LENGTH:
        raise InvalidInput(Refusal("number_too_long", params={
            "pattern": pattern, "number": number.strip()[:NUMBER_LENGTH + 10], "length": len(number),
            "limit": NUMBER_LENGTH}))
    return number


# ---------------------------------------------------------------- document numbers (文件编号)
# Each kind of document has its own number, from the release's number and a company pattern
# (R-DOC-FORM: 文件编号): the 发布计划 FB-2026-0004-JH, the 发布变更报告 FB-2026-0004-BG. Two
# documents never share one number, so "FB-2026-0004 V1" can no longer mean two contents.
DOC_KINDS = ("plan", "report")
DEFAULT_DOC_PATTERNS = {"plan": "{release}-JH", "report": "{release}-BG"}
DOC_NUMBER_LENGTH = 100  # a document number is printed and embedded, never a column: room for the release's 60


def check_doc_pattern(pattern: object, kind: str = "plan") -> str:
    """A document-number pattern, checked like the release-number pattern: one field,
    ``{release}`` (required, without any format), literal text around it, braces doubled."""
    field = f"doc_pattern_{kind}"
    pattern = "" if pattern is None else str(pattern)
    if not pattern.strip():
        raise InvalidInput.of(field, "empty")
    if len(pattern) > PATTERN_LENGTH:
        raise InvalidInput.of(field, "too_long", limit=PATTERN_LENGTH, length=len(pattern))
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in pattern):
        raise InvalidInput(Refusal("doc_pattern_control", params={"value": _printable(pattern)}))
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError:
        raise InvalidInput(Refusal("doc_pattern_braces", params={"value": pattern})) from None
    found = 0
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name != "release" or spec or conversion is not None:
            raise InvalidInput(Refusal("doc_pattern_field", params={"field": _printable(_field_text(name, conversion, spec))}))
        found += 1
    if not found:
        raise InvalidInput(Refusal("doc_pattern_no_release", params={"value": pattern}))
    longest = pattern.format(release="X" * NUMBER_LENGTH)
    if len(longest) > DOC_NUMBER_LENGTH:
        raise InvalidInput(Refusal("doc_pattern_too_long", params={"length": len(longest), "limit": DOC_NUMBER_LENGTH}))
    return pattern


def check_doc_patterns(plan: object, report: object) -> dict[str, str]:
    """Both kinds' patterns, checked, and distinct: the plan and the report of one release must
    never carry the same 文件编号."""
    out = {"plan": check_doc_pattern(plan, "plan"), "report": check_doc_pattern(report, "report")}
    if out["plan"].format(release="FB-2026-0001") == out["report"].format(release="FB-2026-0001"):
        raise InvalidInput(Refusal("doc_pattern_same", params={"plan": out["plan"], "report": out["report"]}))
    return out


def doc_number(pattern: str | None, kind: str, release_number: str) -> str:
    """The 文件编号 of a release's document of ``kind``; a stored pattern that no longer checks
    (an older version's) falls back to the default, so a document is always numbered."""
    try:
        checked = check_doc_pattern(pattern, kind) if pattern else DEFAULT_DOC_PATTERNS[kind]
    except InvalidInput:
        checked = DEFAULT_DOC_PATTERNS[kind]
    return checked.format(release=release_number)


def typed_doc_pattern(value: object, kind: str) -> str:
    """A 文件编号 pattern as typed (company settings dialog, ``company.save``): one line, cleaned
    and trimmed like every typed text, then checked (``check_doc_pattern``)."""
    return check_doc_pattern(text.line(value, f"doc_pattern_{kind}", limit=PATTERN_LENGTH), kind)


def doc_preview(plan: object, report: object, release_number: str) -> dict[str, str]:
    """What the typed patterns make of ``release_number`` (the next release's, shown beside
    the fields), checked by the rules ``company.save`` applies: each pattern, then the two
    never alike. A pattern refused raises InvalidInput, in words."""
    checked = check_doc_patterns(typed_doc_pattern(plan, "plan"), typed_doc_pattern(report, "report"))
    return {kind: pattern.format(release=release_number) for kind, pattern in checked.items()}
