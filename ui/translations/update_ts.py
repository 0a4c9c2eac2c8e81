"""Refresh tender_assistant_en.ts from the sources and compile the .qm (run after changing interface texts).

    .venv/bin/python -m ui.translations.update_ts

pyside6-lupdate cannot see the module-level `_tr("...")` helpers this package uses (their context is fixed per
module), so the texts are collected here from the AST: `self.tr("...")` (context: the class),
`_tr("...")` (context: the string given to QCoreApplication.translate in that module's `_tr`),
`QCoreApplication.translate("ctx", "...")`/`t("ctx", "...")` and `QT_TRANSLATE_NOOP("ctx", "...")`.
Existing translations in the .ts are kept; new texts are added unfinished. Then pyside6-lrelease builds the .qm.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

UI = Path(__file__).resolve().parent.parent
TS = Path(__file__).with_name("tender_assistant_en.ts")
QM = TS.with_suffix(".qm")


def _module_context(tree: ast.Module, path: Path) -> str | None:
    """The context used by the module's `_tr` helper: its own, or the one it imports from a sibling module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "_tr":
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and call.args and isinstance(call.args[0], ast.Constant):
                    return str(call.args[0].value)
    for node in tree.body:
        if (isinstance(node, ast.ImportFrom) and node.level == 1 and node.module
                and any(alias.name == "_tr" for alias in node.names)):
            sibling = path.with_name(node.module.replace(".", "/") + ".py")
            return _module_context(ast.parse(sibling.read_text(encoding="utf-8")), sibling)
    return None


def _literal(node: ast.AST) -> str | None:
    """A string constant, including implicitly concatenated ones."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract() -> dict[str, list[tuple[str, bool]]]:
    """context -> [(source text, plural)] in source order, without duplicates."""
    found: dict[str, dict[str, bool]] = {}

    def add(context: str, text: str, plural: bool = False) -> None:
        found.setdefault(context, {})
        found[context][text] = found[context].get(text, False) or plural

    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_ctx = _module_context(tree, path)

        class Visitor(ast.NodeVisitor):
            def __init__(self, module_ctx: str | None) -> None:
                self.classes: list[str] = []
                self.module_ctx = module_ctx

            def visit_ClassDef(self, node: ast.ClassDef) -> None:
                self.classes.append(node.name)
                self.generic_visit(node)
                self.classes.pop()

            def visit_Call(self, node: ast.Call) -> None:
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
                args = node.args
                if name == "tr" and isinstance(func, ast.Attribute) and args and self.classes:
                    text = _literal(args[0])
                    if text is not None:
                        add(self.classes[-1], text, plural=len(args) >= 3)
                elif name == "_tr" and args and self.module_ctx:
                    text = _literal(args[0])
                    if text is not None:
                        add(self.module_ctx, text)
                elif name in ("translate", "t", "QT_TRANSLATE_NOOP") and len(args) >= 2:
                    ctx, text = _literal(args[0]), _literal(args[1])
                    if ctx is not None and text is not None:
                        add(ctx, text)
                self.generic_visit(node)

        Visitor(module_ctx).visit(tree)
    return {ctx: list(texts.items()) for ctx, texts in found.items()}


def existing() -> dict[tuple[str, str], list[str]]:
    """(context, source) -> translation forms already in the .ts."""
    if not TS.exists():
        return {}
    result: dict[tuple[str, str], list[str]] = {}
    for ctx in ET.parse(TS).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            tr = msg.find("translation")
            if tr is None:
                continue
            forms = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
            if any(forms):
                result[(name, source)] = forms
    return result


def write(messages: dict[str, list[tuple[str, bool]]], known: dict[tuple[str, str], list[str]]) -> tuple[int, int]:
    root = ET.Element("TS", version="2.1", language="en_GB", sourcelanguage="nl_NL")
    done = total = 0
    for ctx in sorted(messages):
        c = ET.SubElement(root, "context")
        ET.SubElement(c, "name").text = ctx
        for source, plural in messages[ctx]:
            m = ET.SubElement(c, "message", numerus="yes") if plural else ET.SubElement(c, "message")
            ET.SubElement(m, "source").text = source
            forms = known.get((ctx, source))
            tr = ET.SubElement(m, "translation")
            total += 1
            if forms:
                done += 1
                if plural:
                    for form in (forms + forms)[:2]:
                        ET.SubElement(tr, "numerusform").text = form
                else:
                    tr.text = forms[0]
            else:
                tr.set("type", "unfinished")
                if plural:
                    ET.SubElement(tr, "numerusform")
                    ET.SubElement(tr, "numerusform")
    ET.indent(root)
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                  + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")
    return done, total


def compile_qm() -> bool:
    """Build the .qm with pyside6-lrelease (shipped with PySide6); False when it is not available."""
    exe = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    if not Path(exe).exists():
        return False
    subprocess.run([exe, "-silent", str(TS), "-qm", str(QM)], check=True)
    return True


def main() -> int:
    done, total = write(extract(), existing())
    built = compile_qm()
    print(f"{TS.name}: {done} van {total} teksten vertaald; .qm {'gebouwd' if built else 'NIET gebouwd'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
