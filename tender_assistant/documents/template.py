"""Opening a house-style template safely: bounded in size, nothing hostile passed on to the tender's bidders.

A template is somebody else's Word file. Before python-docx sees it, its package is rebuilt part by part: external
relationships (an attached template on a web server or UNC share, remote images, linked files), macros
(`vbaProject.bin`), embedded foreign documents (`altChunk`), mail merge (a data source and its query), VML pictures
that name a file elsewhere and fields that fetch content from elsewhere (judged on the whole instruction, however
many runs it is split over) are dropped, and a template's request that Word update every field on opening is
removed. Every XML part, found by its content type and not by its name, is re-written without a DOCTYPE or
entities, and a main part without `w:body` or `w:sectPr` gets one. What was dropped is reported as notes, in Dutch, for the user.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

from criteria_library.infra import zip_bounds
from criteria_library.infra.files import read_regular
from criteria_library.infra.text import dutch_number

from ..errors import TemplateError

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024  # the file itself
MAX_PARTS = 5_000
MAX_XML_PART = 25 * 1024 * 1024  # one decompressed XML part (lxml needs about ten times this in memory)
MAX_UNPACKED = 200 * 1024 * 1024  # all parts together, decompressed
# lxml holds each element as a node of about 130 bytes, whatever its text size: a 235 KB template of 8 x 24 MB of
# '<a/>' took 6.6 GB and 40 s, a 73 KB one with such a header named 'header1.dat' 0.9 GB. Our own templates hold
# about 19,000 elements; a 300-page one well under a million.
MAX_XML_ELEMENTS = 2_000_000
# Filling a template costs time per paragraph (markers, headers, sample text are looked at per paragraph): 1.9
# million empty paragraphs in 61 KB took 167 s, 99,000 of two runs 32 s. A 300-page house style holds some thousands;
# at this bound an export takes a few seconds. Counted while unzipping, so a bomb is refused before it is parsed.
MAX_PARAGRAPHS = 25_000
PARAGRAPH = zip_bounds.element_pattern(b"p")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT = R + "/officeDocument"
STRICT = "http://purl.oclc.org/ooxml/"  # ISO 29500 Strict: other namespaces, which python-docx does not read
REL_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
REL_ALT_CHUNK = R + "/aFChunk"
REL_HYPERLINK = R + "/hyperlink"
REL_MAIL_MERGE = (R + "/mailMergeSource", R + "/mailMergeHeaderSource", R + "/recipientData")
VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
# VML attributes that name a file by URL instead of by relationship (Word fetches them when it shows the picture).
VML_LINKS = ("src", f"{{{OFFICE}}}href", f"{{{OFFICE}}}althref")
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
# Word's fields (its field list) that read a file or address elsewhere when they are updated: INCLUDE is
# INCLUDETEXT's old name, RD names a file whose headings a contents list or index takes in, DATABASE and DDE connect.
REMOTE_FIELDS = {"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "IMPORT", "LINK", "DDE", "DDEAUTO", "RD", "DATABASE",
                 "AUTOTEXTLIST"}
# Fields that put a question to the reader when they are updated (a dirty one: when the document opens).
PROMPT_FIELDS = {"FILLIN", "ASK"}
FIELD_TYPE = re.compile(r'^[\s"]*([A-Za-z]+)(.*)$', re.DOTALL)
# A field's type followed by what ends it; anything else before a nested field means the nested field makes the type.
TYPED = re.compile(r'^[\s"]*(=|[A-Za-z]+[\s"\\])')
MAX_FIELD_DEPTH = 20  # house styles nest fields a level or two; deeper only slows the sanitiser down

MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "dotx",
}
MACRO_TYPES = ("application/vnd.ms-word.document.macroEnabled.main+xml",
               "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def w(tag: str) -> str:
    """A WordprocessingML tag in Clark notation."""
    return f"{{{W}}}{tag}"


@dataclass
class _Dropped:
    external: list[str] = field(default_factory=list)
    macros: int = 0
    chunks: int = 0
    fields: int = 0
    nested: int = 0
    prompts: int = 0
    mail_merge: int = 0

    def notes(self, name: str) -> list[str]:
        notes = []
        if self.external:
            shown = ", ".join(sorted(set(self.external))[:3])
            n = len(self.external)
            notes.append(f"De sjabloon {name} verwees naar {n} {'extern bestand' if n == 1 else 'externe bestanden'} "
                         f"({shown}); {'die verwijzing is' if n == 1 else 'die verwijzingen zijn'} weggelaten, zodat "
                         "Word bij de inschrijvers niets van buiten ophaalt.")
        if self.macros:
            notes.append(f"De sjabloon {name} bevatte macro's (vbaProject.bin); die zijn weggelaten.")
        if self.chunks:
            n = self.chunks
            notes.append(f"De sjabloon {name} bevatte {n} {'ingevoegd document' if n == 1 else 'ingevoegde documenten'}"
                         " (altChunk); die zijn weggelaten.")
        if self.fields:
            what = _fields(self.fields, "dat inhoud van buiten ophaalt", "die inhoud van buiten ophalen")
            notes.append(f"De sjabloon {name} bevatte {what} (zoals INCLUDETEXT of RD); alleen de laatst getoonde "
                         "tekst is bewaard.")
        if self.nested:
            made = "waarvan de soort door een ander veld wordt gemaakt"
            notes.append(f"De sjabloon {name} bevatte {_fields(self.nested, made, made)} (zo wordt bijvoorbeeld "
                         "INCLUDETEXT verborgen); alleen de laatst getoonde tekst is bewaard.")
        if self.prompts:
            what = _fields(self.prompts, "dat de lezer iets vraagt", "die de lezer iets vragen")
            notes.append(f"De sjabloon {name} bevatte {what} (FILLIN of ASK); alleen de laatst getoonde tekst is "
                         "bewaard, zodat Word de inschrijvers niets vraagt.")
        if self.mail_merge:
            notes.append(f"De sjabloon {name} was een samenvoegdocument (mail merge) met een gegevensbron; de "
                         "koppeling met die gegevensbron is weggelaten.")
        return notes


def _fields(n: int, one: str, many: str) -> str:
    """'1 veld dat ... ophaalt', '2 velden die ... ophalen': Dutch agrees the relative clause with the count."""
    return f"1 veld {one}" if n == 1 else f"{dutch_number(n, 0)} velden {many}"


def read_template_bytes(path: Path) -> bytes:
    """The template's bytes: only a regular file of a bounded size (a FIFO or /dev/zero would hang or never end)."""
    return read_regular(path, MAX_TEMPLATE_BYTES, ("Word-sjabloon (.docx of .dotx)", "Word template (.docx or .dotx)"),
                        error=TemplateError)


def _too_big(name: str) -> TemplateError:
    return TemplateError(f"{name} pakt uit tot meer dan {MAX_UNPACKED // 2**20} MB of heeft een onderdeel van meer "
                         f"dan {MAX_XML_PART // 2**20} MB tekst; zo'n sjabloon wordt niet geopend (mogelijk een "
                         "zip-bom).", en=f"{name} unpacks to more than {MAX_UNPACKED // 2**20} MB or has a part of "
                         f"more than {MAX_XML_PART // 2**20} MB of text; such a template is not opened (possibly a "
                         "zip bomb).")


def _too_many_paragraphs(name: str) -> TemplateError:
    return TemplateError(
        f"{name} bevat meer dan {dutch_number(MAX_PARAGRAPHS, 0)} alinea's; het vullen van zo'n sjabloon duurt te lang, "
        "dus wordt hij niet geopend. Een huisstijl heeft er meestal enkele honderden.", en=f"{name} holds more than "
        f"{MAX_PARAGRAPHS:,} paragraphs; filling such a template takes too long, so it is not opened. A house style "
        "usually has a few hundred.")


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _source_of(rels: str) -> str:
    """word/_rels/document.xml.rels -> word/document.xml; _rels/.rels -> '' (the package)."""
    folder, base = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")]) if base != ".rels" else ""


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _remove_keep_tail(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _unwrap(el) -> None:
    """Replace an element by its children (a hyperlink's or simple field's text stays)."""
    parent = el.getparent()
    index = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(index, child)
    parent.remove(el)


def _drop_references(root, ids: set[str]) -> None:
    """Remove what in a part pointed at a dropped relationship, so Word does not call the document damaged."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        hits = [k for k, v in el.attrib.items() if k.startswith(f"{{{R}}}") and v in ids]
        if not hits:
            continue
        local = etree.QName(el).localname
        if local == "hyperlink":
            for k in hits:
                del el.attrib[k]
            _unwrap(el)
        elif local == "blip" and el.get(f"{{{R}}}embed") and el.get(f"{{{R}}}embed") not in ids:
            for k in hits:  # a linked copy of an embedded picture: the embedded picture stays
                del el.attrib[k]
        else:
            # A picture or object that only lives elsewhere goes as a whole (the drawing or VML object holding it).
            target = el
            for anc in el.iterancestors():
                if anc.tag in (w("drawing"), w("pict"), w("object")):
                    target = anc
                    break
            if target.getparent() is not None:
                _remove_keep_tail(target)


def _field_kind(instr: str) -> str | None:
    """'remote' for a field that reads something elsewhere, 'prompt' for one that asks the reader, else None."""
    m = FIELD_TYPE.match(instr)
    if m is None:
        return None
    kind, rest = m.group(1).upper(), m.group(2).strip()
    if kind in REMOTE_FIELDS:
        return "remote"
    if kind in PROMPT_FIELDS:
        return "prompt"
    if kind == "HYPERLINK" and rest and not rest.startswith("\\"):  # HYPERLINK \l "_Toc1" stays inside
        target = rest[1:].split('"')[0] if rest.startswith('"') else rest.split()[0]
        return None if SAFE_LINK.match(target.strip()) else "remote"  # as for a hyperlink relationship
    return None


@dataclass
class _Field:
    """A complex field while its instruction (begin to separate, or end) is read."""

    begin: Any  # an lxml element
    code: list = field(default_factory=list)  # the field's own instruction pieces
    in_code: bool = True
    nested_type: bool = False  # a nested field came before the field's own type
    dropped: bool = False


def _count(dropped: _Dropped, kind: str) -> None:
    if kind == "remote":
        dropped.fields += 1
    elif kind == "prompt":
        dropped.prompts += 1
    else:
        dropped.nested += 1


def _runs_between(first: Any, last: Any):
    """The runs after `first` and before `last` in document order, across paragraphs."""
    node = first
    while node is not None:
        for sibling in node.itersiblings():
            for run in sibling.iter(w("r")):
                if run is last:
                    return
                yield run
        node = node.getparent()


def _drop_instruction(f: _Field, until: Any) -> None:
    """Remove a complex field's begin, instruction (nested fields in it included) and separator; its shown text
    stays as plain text."""
    if until is None:  # a field that never ends: its begin and own instruction go, nothing after it
        for el in [f.begin, *f.code]:
            _remove_keep_tail(el)
        return
    begin_run = f.begin.getparent()
    until_run: Any = until.getparent()
    if until_run is begin_run:  # all in one run: the characters from begin to separator
        siblings = list(begin_run)
        for el in siblings[siblings.index(f.begin):siblings.index(until) + 1]:
            _remove_keep_tail(el)
        return
    between = list(_runs_between(begin_run, until_run))
    for el in [f.begin, *f.begin.itersiblings()]:
        _remove_keep_tail(el)
    for run in between:
        _remove_keep_tail(run)
    for el in [*until.itersiblings(preceding=True), until]:
        if el.tag != w("rPr"):
            _remove_keep_tail(el)


def _neutralise_fields(root, dropped: _Dropped, name: str) -> None:
    """Fields that fetch content from elsewhere or question the reader keep their shown text but lose their
    instruction: judged on the whole instruction, however many runs it is split over, and dropped whole when a
    nested field makes its type ({ { QUOTE "INCLUDETEXT" } "\\\\server\\x" })."""
    for fld in list(root.iter(w("fldSimple"))):
        kind = _field_kind(fld.get(w("instr")) or "")
        if kind:
            _unwrap(fld)
            _count(dropped, kind)
    stack: list[_Field] = []
    for el in list(root.iter(w("fldChar"), w("instrText"), w("delInstrText"))):
        if el.tag != w("fldChar"):
            if stack and stack[-1].in_code:
                stack[-1].code.append(el)
            continue
        kind = el.get(w("fldCharType"))
        if kind == "begin":
            if stack and stack[-1].in_code and not TYPED.match("".join(p.text or "" for p in stack[-1].code)):
                stack[-1].nested_type = True
            if len(stack) >= MAX_FIELD_DEPTH:
                raise TemplateError(
                    f"{name} heeft velden die meer dan {MAX_FIELD_DEPTH} lagen diep in elkaar staan; zo'n sjabloon "
                    "wordt niet geopend.", en=f"{name} has fields nested more than {MAX_FIELD_DEPTH} levels deep; "
                    "such a template is not opened.")
            stack.append(_Field(begin=el))
        elif kind in ("separate", "end") and stack:
            f = stack[-1]
            if f.in_code:
                f.in_code = False
                _judge(f, el, dropped)
            if kind == "end":
                stack.pop()
                if f.dropped and el.getparent() is not None:
                    _remove_keep_tail(el)
    for f in stack:  # never ended: judged on what it has
        if f.in_code:
            _judge(f, None, dropped)


def _judge(f: _Field, until: Any, dropped: _Dropped) -> None:
    kind = "nested" if f.nested_type else _field_kind("".join(p.text or "" for p in f.code))
    if kind:
        _drop_instruction(f, until)
        f.dropped = True
        _count(dropped, kind)


def _clear_dirty(root) -> None:
    """The template's own fields are not marked for updating: Word would update them on opening (and ask the
    reader what a FILLIN asks); only the export's own contents list is marked, later."""
    for el in root.iter(w("fldChar"), w("fldSimple")):
        if w("dirty") in el.attrib:
            del el.attrib[w("dirty")]


def _drop_mail_merge(root) -> int:
    """A mail merge's data source, connection string and query go; the document stays an ordinary one."""
    merges = list(root.iter(w("mailMerge")))
    for el in merges:
        _remove_keep_tail(el)
    return len(merges)


def _drop_vml_links(root) -> list[str]:
    """VML pictures that name a file by URL ('file://', UNC, http) lose that name; what they named is returned."""
    names = []
    for el in root.iter(f"{{{VML}}}*"):
        for attr in VML_LINKS:
            value = el.get(attr)
            if value is not None:
                names.append(value[:60])
                del el.attrib[attr]
    return names


def _content_types(types) -> tuple[dict[str, str], dict[str, str]]:
    """The package's content types: by extension (Default) and by part name (Override)."""
    defaults = {(d.get("Extension") or "").lower(): d.get("ContentType") or ""
                for d in types if etree.QName(d).localname == "Default"}
    overrides = {(o.get("PartName") or "").lstrip("/"): o.get("ContentType") or ""
                 for o in types if etree.QName(o).localname == "Override"}
    return defaults, overrides


def _is_xml(part: str, defaults: dict[str, str], overrides: dict[str, str]) -> bool:
    """True for a part Word or python-docx reads as XML: by its content type, whatever its name."""
    if part.endswith((".xml", ".rels")):
        return True
    ctype = overrides.get(part) or defaults.get(posixpath.splitext(part)[1].lstrip(".").lower(), "")
    ctype = ctype.split(";")[0].strip().lower()
    return ctype.endswith(("+xml", "/xml"))


def _ensure_body(root) -> None:
    """A main part without w:body or w:sectPr gets them (A4 portrait, 2.5 cm margins)."""
    body = root.find(w("body"))
    if body is None:
        body = etree.SubElement(root, w("body"))
    if body.find(w("sectPr")) is None:
        sect = etree.SubElement(body, w("sectPr"))
        size = etree.SubElement(sect, w("pgSz"))
        size.set(w("w"), "11906")
        size.set(w("h"), "16838")
        mar = etree.SubElement(sect, w("pgMar"))
        for side, value in (("top", "1418"), ("right", "1418"), ("bottom", "1418"), ("left", "1418"),
                            ("header", "709"), ("footer", "709"), ("gutter", "0")):
            mar.set(w(side), value)
    elif body[-1].tag != w("sectPr"):
        body.append(body.find(w("sectPr")))  # the body's own section properties belong last


def _parse(data: bytes, name: str, part: str):
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        raise TemplateError(f"{name} is een beschadigd Word-document (onderdeel {part}).",
                            en=f"{name} is a damaged Word document (part {part}).") from None
    for ent in list(root.iter(etree.Entity)):  # entity references from a DOCTYPE that is not written back
        _remove_keep_tail(ent)
    return root


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def sanitise_package(raw: bytes, name: str) -> tuple[bytes, list[str]]:
    """The template package rebuilt as a plain .docx without hostile content, and notes on what was dropped."""
    not_word = TemplateError(f"{name} is geen Word-document (.docx of .dotx).",
                             en=f"{name} is not a Word document (.docx or .dotx).")
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise not_word from None
    names = [i.filename for i in infos]
    if "[Content_Types].xml" not in names:
        raise not_word
    if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise _too_big(name)
    elements = paragraphs = 0
    counts: dict[str, int] = {}
    try:
        for i in infos:
            if i.filename.endswith((".xml", ".rels")) and i.file_size > MAX_XML_PART:
                raise _too_big(name)
            # every part, whatever its name: python-docx parses a part by its content type ('header1.dat' too), and
            # in images and fonts '<' followed by a letter is rare (about one byte in 1,200)
            found = zip_bounds.count_matches(zf, i, zip_bounds.ELEMENT_START, MAX_XML_ELEMENTS - elements)
            elements += found
            if elements > MAX_XML_ELEMENTS:
                raise TemplateError(
                    f"{name} bevat meer dan {dutch_number(MAX_XML_ELEMENTS)} XML-elementen; zo'n sjabloon wordt niet "
                    "geopend (mogelijk een zip-bom).", en=f"{name} holds more than "
                    f"{MAX_XML_ELEMENTS:,} XML elements; such a template is not opened (possibly a zip bomb).")
            counts[i.filename] = found
        if elements > MAX_PARAGRAPHS:  # fewer elements than the bound hold fewer paragraphs: no second look
            for i in infos:
                if counts.get(i.filename):
                    paragraphs += zip_bounds.count_matches(zf, i, PARAGRAPH, MAX_PARAGRAPHS - paragraphs)
                    if paragraphs > MAX_PARAGRAPHS:
                        raise _too_many_paragraphs(name)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError):
        raise not_word from None
    try:
        # zipfile stops at each member's declared size and checks its CRC, so the sizes above are real bounds.
        parts = {i.filename: zf.read(i.filename) for i in infos if not i.is_dir()}
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, RuntimeError):
        raise not_word from None
    try:
        types_text = parts["[Content_Types].xml"].decode("utf-8")
    except UnicodeDecodeError:
        raise not_word from None
    if any(t in types_text for t in MACRO_TYPES):
        raise TemplateError(f"{name} bevat macro's (.docm/.dotm); sla de sjabloon op als .docx of .dotx.",
                            en=f"{name} contains macros (.docm/.dotm); save the template as .docx or .dotx.")
    if not any(t in types_text for t in MAIN_TYPES):
        raise not_word
    if any(STRICT.encode() in data[:4096] for n, data in parts.items() if n.endswith((".xml", ".rels"))):
        raise TemplateError(f"{name} is opgeslagen als 'Strict Open XML-document'; dat leest Tender Assistant niet. "
                            "Open de sjabloon in Word en sla hem op als 'Word-document (.docx)' of 'Word-sjabloon "
                            "(.dotx)'.", en=f"{name} is saved as 'Strict Open XML Document', which Tender Assistant "
                            "does not read. Open the template in Word and save it as 'Word Document (.docx)' or "
                            "'Word Template (.dotx)'.")

    types_root = _parse(parts["[Content_Types].xml"], name, "[Content_Types].xml")
    defaults, overrides = _content_types(types_root)
    xml_names = [n for n in parts if _is_xml(n, defaults, overrides)]
    if any(len(parts[n]) > MAX_XML_PART for n in xml_names):
        raise _too_big(name)
    xml = {n: _parse(parts[n], name, n) for n in xml_names}
    dropped = _Dropped()
    drop_parts: set[str] = set()
    removed_ids: dict[str, set[str]] = {}
    main = ""
    for rels_name, rels in xml.items():
        if not rels_name.endswith(".rels"):
            continue
        source = _source_of(rels_name)
        for rel in list(rels):
            rtype, target = rel.get("Type") or "", rel.get("Target") or ""
            if rtype == OFFICE_DOCUMENT and not source:
                main = _target(source, target)
            external = (rel.get("TargetMode") or "").lower() == "external"
            if external and not (rtype == REL_HYPERLINK and SAFE_LINK.match(target)):
                dropped.external.append(target[:60])
            elif rtype == REL_VBA:
                dropped.macros += 1
                drop_parts.add(_target(source, target))
            elif rtype == REL_ALT_CHUNK:
                dropped.chunks += 1
                drop_parts.add(_target(source, target))
            elif rtype in REL_MAIL_MERGE:
                dropped.mail_merge = 1
                drop_parts.add(_target(source, target))
            else:
                continue
            removed_ids.setdefault(source, set()).add(rel.get("Id") or "")
            rels.remove(rel)
    if not main or main not in xml:
        raise not_word
    for part in list(drop_parts):  # a macro project's own relationships (vbaData.xml) go with it
        drop_parts.add(_rels_name(part))
        sub = xml.get(_rels_name(part))
        if sub is not None:
            drop_parts.update(_target(part, r.get("Target") or "") for r in sub
                              if (r.get("TargetMode") or "").lower() != "external")
    for source, ids in removed_ids.items():
        if source in xml:
            _drop_references(xml[source], ids)
    for part_name, root in xml.items():
        if part_name.endswith(".rels") or part_name == "[Content_Types].xml":
            continue
        _neutralise_fields(root, dropped, name)
        _clear_dirty(root)
        for chunk in list(root.iter(w("altChunk"))):  # one whose relationship was missing already
            _remove_keep_tail(chunk)
        if _drop_mail_merge(root):
            dropped.mail_merge = 1
        dropped.external += _drop_vml_links(root)
        for update in list(root.iter(w("updateFields"))):  # we mark only the contents list for updating
            _remove_keep_tail(update)
    if etree.QName(xml[main]).localname != "document":
        raise not_word
    _ensure_body(xml[main])
    types = xml["[Content_Types].xml"]
    for override in list(types):
        if override.get("PartName", "").lstrip("/") in drop_parts:
            types.remove(override)
        elif override.get("ContentType") in MAIN_TYPES:
            # python-docx only opens documents; a .dotx is the same package with another content type.
            override.set("ContentType", next(iter(MAIN_TYPES)))

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for part_name, data in parts.items():
            if part_name in drop_parts or part_name.lower().endswith("vbaproject.bin"):
                if part_name not in drop_parts:
                    dropped.macros = dropped.macros or 1
                continue
            out.writestr(part_name, _serialise(xml[part_name]) if part_name in xml else data)
    return buf.getvalue(), dropped.notes(name)
