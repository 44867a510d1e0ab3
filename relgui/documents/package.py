"""Deterministic .docx packages: the same document always has the same bytes.

python-docx stamps each zip entry with the current time, so two renderings of one
document would differ. Archived documents are compared by SHA-256 (R-4.4.2-ARCHIVE) and
committed files (the template, the samples) by content, so entries get a fixed time.
"""

from __future__ import annotations

import io
import zipfile

FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def write(parts: list[tuple[str, bytes]]) -> bytes:
    """A zip of ``(name, bytes)`` in the given order, deflated, with fixed timestamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return out.getvalue()


def read(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def normalise(data: bytes) -> bytes:
    """The same package with fixed entry times ([Content_Types].xml first, as OPC readers expect)."""
    parts = read(data)
    parts.sort(key=lambda p: p[0] != "[Content_Types].xml")
    return write(parts)


# What a generated document says about itself: package-level custom properties (shown by
# Word under File › Properties › Custom, and kept when the file is saved again) and the
# document model as JSON, so an archived file can be previewed and printed through Qt
# with exactly its own text.
CUSTOM = "docProps/custom.xml"
MODEL = "relgui/model.json"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CP = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
RT_MODEL = "urn:relgui:relationships:document-model"
PREFIX = "relgui."


def _xml(data: bytes):
    from lxml import etree

    return etree.fromstring(data, etree.XMLParser(resolve_entities=False))


def _bytes(root) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _custom_xml(old: bytes | None, props: dict[str, str]) -> bytes:
    """The company's own custom properties stay; ours (relgui.*) are replaced."""
    from lxml import etree

    root = _xml(old) if old else etree.Element(f"{{{_CP}}}Properties", nsmap={None: _CP, "vt": _VT})
    for p in list(root):
        if str(p.get("name", "")).startswith(PREFIX):
            root.remove(p)
    pid = max([int(p.get("pid", "1")) for p in root] + [1])
    for name, value in props.items():
        pid += 1
        p = etree.SubElement(root, f"{{{_CP}}}property", fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
                             pid=str(pid), name=PREFIX + name)
        etree.SubElement(p, f"{{{_VT}}}lpwstr").text = value
    return _bytes(root)


def _ensure(root, tag: str, key: str, value: str, **attrs: str) -> None:
    from lxml import etree

    if not any(e.get(key) == value for e in root):
        etree.SubElement(root, tag, {key: value, **attrs})


def embed(data: bytes, props: dict[str, str], model_json: str) -> bytes:
    """The package with our custom properties and the embedded model, deterministically zipped."""
    parts = dict(read(data))
    types = _xml(parts["[Content_Types].xml"])
    _ensure(types, f"{{{_CT}}}Override", "PartName", "/" + CUSTOM,
            ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml")
    _ensure(types, f"{{{_CT}}}Override", "PartName", "/" + MODEL, ContentType="application/json")
    rels = _xml(parts["_rels/.rels"])
    _ensure(rels, f"{{{_RELS}}}Relationship", "Type", _RT_CUSTOM, Id="relguiCustom", Target=CUSTOM)
    _ensure(rels, f"{{{_RELS}}}Relationship", "Type", RT_MODEL, Id="relguiModel", Target=MODEL)
    parts["[Content_Types].xml"], parts["_rels/.rels"] = _bytes(types), _bytes(rels)
    parts[CUSTOM] = _custom_xml(parts.get(CUSTOM), props)
    parts[MODEL] = model_json.encode("utf-8")
    ordered = sorted(parts.items(), key=lambda p: p[0] != "[Content_Types].xml")
    return write(ordered)


def properties(data: bytes) -> dict[str, str]:
    """Our custom properties of a .docx (without the prefix); {} when it has none."""
    parts = dict(read(data))
    if CUSTOM not in parts:
        return {}
    out = {}
    for p in _xml(parts[CUSTOM]):
        name = str(p.get("name", ""))
        if name.startswith(PREFIX):
            out[name[len(PREFIX):]] = "".join(p.itertext())
    return out


def embedded_model(data: bytes) -> str | None:
    return dict(read(data)).get(MODEL, b"").decode("utf-8") or None
