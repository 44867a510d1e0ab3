"""The PDF face after Qt has written it: correct text, fixed dates, relgui's data inside.

relgui.render writes the pages with QPdfWriter (PDF/A-1b, fonts embedded as subsets); this
module, which needs no Qt, rewrites the file once:

- **Searchable text.** Qt's ToUnicode maps give each glyph the *lowest* code point that
  shows it, and CJK fonts draw 文 U+6587 and the Kangxi radical ⽂ U+2F42 with one glyph, so
  copied or searched text said "⽂件编号". Every mapping into the CJK Radicals Supplement
  (U+2E80–U+2EFF) or the Kangxi Radicals (U+2F00–U+2FDF) is rewritten to the ideograph the
  document drew with that glyph (``radicals``, found by the renderer from the fonts), else to
  its NFKC form.
- **Deterministic.** The creation and modification dates (Info dictionary and XMP) become the
  document's own time; the document ID is derived from the content (set by the renderer); so
  the same model renders to the same bytes.
- **What the file says about itself.** A stream ``/RelguiData`` in the catalogue holds JSON:
  the identity (number, kind, version, content SHA-256, audit chain head), the DocModel and
  the display list (relgui.documents.pages). ``embedded(data)`` reads it back — the one
  function ``doc verify`` and the archive use.
- **Bookmarks.** An outline of the headings, each pointing at its page.

The file Qt writes is a classic one (one xref table, no object streams), which is all this
reads; ``embedded`` also accepts a file saved again by another tool as long as the stream and
its catalogue entry survive.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
import zlib
from collections.abc import Sequence
from typing import Any

DATA_KEY = b"/RelguiData"
FORMAT = "relgui-pdf/1"
RADICALS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF))

_OBJ = re.compile(rb"(\d+) 0 obj\b")
_REF = rb"(\d+) 0 R"


def is_radical(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in RADICALS)


class PdfError(ValueError):
    pass


# ---------------------------------------------------------------- reading Qt's file
def _objects(data: bytes) -> tuple[bytes, dict[int, bytes], list[int], bytes]:
    """(header, number → raw object text "N 0 obj … endobj", file order, trailer dictionary)."""
    start = data.rfind(b"startxref")
    if start < 0:
        raise PdfError("no startxref")
    xref_at = int(data[start + 9:].split()[0])
    if data[xref_at:xref_at + 4] != b"xref":
        raise PdfError("not a classic xref table")
    trailer_at = data.index(b"trailer", xref_at)
    offsets: dict[int, int] = {}
    lines = data[xref_at:trailer_at].split(b"\n")[1:]
    i = 0
    while i < len(lines):
        head = lines[i].split()
        i += 1
        if len(head) != 2:
            continue
        first, count = int(head[0]), int(head[1])
        for k in range(count):
            entry = lines[i + k].split()
            if len(entry) == 3 and entry[2] == b"n":
                offsets[first + k] = int(entry[0])
        i += count
    order = sorted(offsets, key=offsets.__getitem__)
    ends = [offsets[n] for n in order[1:]] + [xref_at]
    objects = {n: data[offsets[n]:end] for n, end in zip(order, ends)}
    header = data[:offsets[order[0]]] if order else data[:xref_at]
    tdict = data[trailer_at + 7:start]
    return header, objects, order, tdict


def _stream(raw: bytes) -> tuple[bytes, bytes]:
    """(dictionary text, stream data) of a raw stream object."""
    at = raw.index(b"stream", raw.index(b">>") if b">>" in raw else 0)
    head = raw[:at]
    body = raw[at + 6:]
    body = body[2:] if body.startswith(b"\r\n") else body[1:]
    end = body.rindex(b"endstream")
    m = re.search(rb"/Length (\d+)(?! 0 R)", head)
    data = body[:int(m.group(1))] if m else body[:end].rstrip(b"\r\n")
    return head, data


def _make_stream(number: int, head: bytes, data: bytes) -> bytes:
    head = re.sub(rb"/Length \d+(?: 0 R)?", b"/Length %d" % len(data), head.split(b" obj", 1)[1], count=1)
    return b"%d 0 obj" % number + head + b"stream\n" + data + b"\nendstream\nendobj\n"


# ---------------------------------------------------------------- ToUnicode
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _decode(hexstr: bytes) -> str:
    return bytes.fromhex(hexstr.decode()).decode("utf-16-be", "surrogatepass")


def _encode(text: str) -> bytes:
    return b"<" + text.encode("utf-16-be", "surrogatepass").hex().upper().encode() + b">"


def _cmap_entries(data: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        tokens = _HEX.findall(block)
        for src, dst in zip(tokens[::2], tokens[1::2]):
            out[int(src, 16)] = _decode(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for m in re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo, hi, dst = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
            if dst.startswith(b"["):
                for k, d in enumerate(_HEX.findall(dst)):
                    out[lo + k] = _decode(d)
            else:
                base = _decode(dst[1:-1])
                for k in range(hi - lo + 1):
                    out[lo + k] = base[:-1] + chr(ord(base[-1]) + k) if base else ""
    return out


def fix_text(text: str, radicals: dict[str, str]) -> str:
    """Radical code points as the ideographs they stand for."""
    out = []
    for c in text:
        if is_radical(ord(c)):
            c = radicals.get(c) or unicodedata.normalize("NFKC", c)
        out.append(c)
    return "".join(out)


def fix_cmap(data: bytes, radicals: dict[str, str]) -> bytes:
    """A ToUnicode CMap with no destination in the radical blocks (rewritten as bfchar lines)."""
    entries = _cmap_entries(data)
    if not any(is_radical(ord(c)) for s in entries.values() for c in s):
        return data
    first = re.search(rb"\d+\s+beginbf(char|range)", data)
    if first is None:  # entries were read, so a block is there; Qt always counts it
        raise ValueError("ToUnicode CMap without a counted beginbfchar/beginbfrange")
    tail = data.index(b"endcmap")
    lines = [b"%s %s" % (b"<%04X>" % src, _encode(fix_text(dst, radicals))) for src, dst in sorted(entries.items())]
    body = b"".join(b"%d beginbfchar\n%s\nendbfchar\n" % (len(chunk), b"\n".join(chunk))
                    for chunk in (lines[i:i + 100] for i in range(0, len(lines), 100)))
    return data[:first.start()] + body + data[tail:]


# ---------------------------------------------------------------- strings, dates
def pdf_text(text: str) -> bytes:
    """A PDF text string (UTF-16BE with its byte order mark, as hex)."""
    return b"<FEFF" + text.encode("utf-16-be", "surrogatepass").hex().upper().encode() + b">"


def _utc(stamp: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(stamp) if stamp else dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    except ValueError:
        moment = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0)


# ---------------------------------------------------------------- the rewrite
def finish(data: bytes, *, stamp: str | None, radicals: dict[str, str], relgui: dict[str, Any] | None,
           outline: Sequence[tuple[int, str, int, float]] = ()) -> bytes:
    """Qt's PDF rewritten: ToUnicode maps fixed, dates set to ``stamp`` (ISO; None leaves them),
    ``relgui`` embedded as JSON (None: nothing embedded), ``outline`` (level, title, page index,
    y from the page's top) as bookmarks."""
    header, objects, order, trailer = _objects(data)
    root_m = re.search(rb"/Root " + _REF, trailer)
    if root_m is None:
        raise ValueError("PDF trailer without /Root")
    root = int(root_m.group(1))
    info_m = re.search(rb"/Info " + _REF, trailer)
    info = int(info_m.group(1)) if info_m else None
    out_objects = dict(objects)
    when = _utc(stamp) if stamp is not None else None
    pdf_date = when.strftime("D:%Y%m%d%H%M%SZ").encode() if when else b""
    xmp_date = when.strftime("%Y-%m-%dT%H:%M:%S+00:00").encode() if when else b""
    for n, raw in objects.items():
        if b"stream" in raw and b"/CIDInit" in raw:
            head, body = _stream(raw)
            fixed = fix_cmap(body, radicals)
            if fixed is not body:
                out_objects[n] = _make_stream(n, head, fixed)
        elif when and b"/Subtype /XML" in raw and b"/Metadata" in raw:
            head, body = _stream(raw)
            body = re.sub(rb'(xmp:(?:CreateDate|ModifyDate|MetadataDate)=")[^"]*(")',
                          lambda m: m.group(1) + xmp_date + m.group(2), body)
            out_objects[n] = _make_stream(n, head, body)
    if when and info is not None:
        out_objects[info] = re.sub(rb"/(CreationDate|ModDate) \([^)]*\)",
                                   lambda m: b"/" + m.group(1) + b" (" + pdf_date + b")", objects[info])
    size = max(objects) + 1
    extra: list[tuple[int, bytes]] = []
    catalog_add = b""
    if relgui is not None:
        payload = zlib.compress(json.dumps({"format": FORMAT, **relgui}, ensure_ascii=False, sort_keys=True,
                                           separators=(",", ":")).encode("utf-8"), 9)
        data_no = size
        size += 1
        extra.append((data_no, b"%d 0 obj\n<<\n/Length %d\n/Filter /FlateDecode\n>>\nstream\n" % (data_no, len(payload))
                      + payload + b"\nendstream\nendobj\n"))
        catalog_add += b"%s %d 0 R\n" % (DATA_KEY, data_no)
    if outline:
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", _pages_object(objects, root))
        page_refs = [int(x) for x in re.findall(_REF, kids.group(1))] if kids else []
        objs, first_no = _outline(outline, page_refs, size, objects)
        size += len(objs)
        extra.extend(objs)
        if objs:
            catalog_add += b"/Outlines %d 0 R\n/PageMode /UseOutlines\n" % first_no
    if catalog_add:
        cat = out_objects[root]
        cut = cat.rindex(b">>")
        out_objects[root] = cat[:cut] + catalog_add + cat[cut:]
    return _write(header, out_objects, order, extra, trailer, size)


def fix_text_layer(data: bytes, radicals: dict[str, str]) -> bytes:
    """Only the ToUnicode maps fixed (a printout Qt wrote as PDF: "print to file")."""
    return finish(data, stamp=None, radicals=radicals, relgui=None)


def _pages_object(objects: dict[int, bytes], root: int) -> bytes:
    ref = re.search(rb"/Pages " + _REF, objects[root])
    return objects[int(ref.group(1))] if ref else b""


def _outline(items, page_refs: list[int], start: int, objects: dict[int, bytes]) -> tuple[list[tuple[int, bytes]], int]:
    """Outline objects for the headings: a tree by level (1 under the root, 2 under 1 …)."""
    if not page_refs:
        return [], 0
    root_no = start
    nodes: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    top: list[dict[str, Any]] = []
    for level, title, page, y in items:
        if page >= len(page_refs):
            continue
        node = {"no": start + 1 + len(nodes), "level": level, "title": title, "page": page_refs[page], "y": y,
                "kids": []}
        height = _height(objects.get(page_refs[page], b""))
        node["top"] = height - y if height else 0
        nodes.append(node)
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["kids"] if stack else top).append(node)
        node["parent"] = stack[-1]["no"] if stack else root_no
        stack.append(node)
    out = []

    def link(siblings: list[dict[str, Any]]) -> None:
        for i, node in enumerate(siblings):
            parts = [b"/Title " + pdf_text(node["title"]), b"/Parent %d 0 R" % node["parent"],
                     b"/Dest [%d 0 R /XYZ 0 %.2f null]" % (node["page"], node["top"])]
            if i:
                parts.append(b"/Prev %d 0 R" % siblings[i - 1]["no"])
            if i + 1 < len(siblings):
                parts.append(b"/Next %d 0 R" % siblings[i + 1]["no"])
            if node["kids"]:
                parts += [b"/First %d 0 R" % node["kids"][0]["no"], b"/Last %d 0 R" % node["kids"][-1]["no"],
                          b"/Count %d" % -len(node["kids"])]
                link(node["kids"])
            out.append((node["no"], b"%d 0 obj\n<<\n%s\n>>\nendobj\n" % (node["no"], b"\n".join(parts))))

    if not top:
        return [], 0
    link(top)
    out.append((root_no, b"%d 0 obj\n<<\n/Type /Outlines\n/First %d 0 R\n/Last %d 0 R\n/Count %d\n>>\nendobj\n"
                % (root_no, top[0]["no"], top[-1]["no"], len(top))))
    out.sort()
    return out, root_no


def _height(page: bytes) -> float:
    m = re.search(rb"/MediaBox \[\s*[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s*\]", page)
    return float(m.group(1)) if m else 0.0


def _write(header: bytes, objects: dict[int, bytes], order: list[int], extra: list[tuple[int, bytes]],
           trailer: bytes, size: int) -> bytes:
    out = bytearray(header)
    offsets: dict[int, int] = {}
    for n in order:
        offsets[n] = len(out)
        out += objects[n]
    for n, raw in extra:
        offsets[n] = len(out)
        out += raw
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[n]) if n in offsets else b"0000000000 65535 f \n"
    trailer = re.sub(rb"/Size \d+", b"/Size %d" % size, trailer.strip())
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# ---------------------------------------------------------------- reading relgui's data back
def embedded(data: bytes) -> dict[str, Any] | None:
    """What a relgui PDF says about itself, or None for a PDF without it:

        {"format": "relgui-pdf/1",
         "identity": {"number", "kind", "version", "final", "sha256", "code", "chain": {"seq", "hash"},
                      "time", "revision", "as_of", "title", "doc_title", "company", "qr"},
         "properties": {...the .docx face's relgui.* custom properties...},
         "model": "<DocModel JSON>",          # DocModel.from_json
         "pages": "<display list JSON>"}      # relgui.documents.pages.Pages.from_json

    Raises PdfError (a ValueError) when the file is not a PDF or its relgui data is damaged."""
    if not data.startswith(b"%PDF-"):
        raise PdfError("not a PDF file")
    refs = re.findall(re.escape(DATA_KEY) + rb"\s+" + _REF, data)
    if not refs:
        return None
    number = int(refs[-1])
    found = None
    for m in _OBJ.finditer(data):  # the last definition wins (a file saved again appends)
        if int(m.group(1)) == number:
            found = m.start()
    if found is None:
        raise PdfError("relgui data stream missing")
    end = data.find(b"endobj", found)
    try:
        _head, body = _stream(data[found:end + 6])
        value = json.loads(zlib.decompress(body).decode("utf-8"))
    except (ValueError, zlib.error) as exc:
        raise PdfError(f"relgui data unreadable: {type(exc).__name__}") from None
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise PdfError("relgui data of an unknown format")
    return value
