"""Take screenshots of every screen for docs/screenshots (run by scripts/screenshots under Xvfb).

Usage: python -m ui.screenshot_tour OUT_DIR [--presentation] [--prefix NAME] [--lang nl|en]
Works in a temporary data folder with the demo workspace, so it never touches a real library.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tender_wizard import TenderWizard


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--presentation", action="store_true")
    parser.add_argument("--prefix", default="")
    parser.add_argument("--lang", default="nl", choices=["nl", "en"])
    parser.add_argument("--main-only", action="store_true", help="only the main window")
    parser.add_argument("--few", action="store_true", help="main window, criteria page, monitoring and help only")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="ta-screens-"))
    os.environ["TENDER_ASSISTANT_HOME"] = str(home)

    from PySide6.QtCore import QTimer

    from tender_assistant.demo import demo_db_path, demo_tenders, reset_demo

    from . import presentation
    from .app import AppController, application
    from .settings import AppSettings
    from .wizard.base import PageId

    settings = AppSettings()
    app = application(args.lang, settings)
    workspace = reset_demo()
    if args.presentation:
        presentation.apply(app, True)
    controller = AppController(app, settings)
    window = controller.open_library(demo_db_path(workspace), demo_workspace=workspace)
    assert window is not None
    window.setGeometry(app.primaryScreen().availableGeometry())  # Xvfb has no window manager to maximise
    window.show()
    if args.presentation:
        window.set_presentation_mode(True)  # as F11 does: the window and its package list grow too
    shots: list[Path] = []

    def settle(ms: int = 150) -> None:
        window.queries.wait()
        end = __import__("time").monotonic() + ms / 1000
        while __import__("time").monotonic() < end:
            app.processEvents()

    def shot(widget, name: str) -> None:
        settle()
        path = args.out / f"{args.prefix}{name}.png"
        screen = widget.screen() if widget is not None else app.primaryScreen()
        pixmap = screen.grabWindow(0) if widget is None else widget.grab()
        pixmap.save(str(path))
        shots.append(path)

    def run() -> None:
        try:
            tour()
        finally:
            app.quit()

    def extra_windows() -> None:
        """The Monitoring window, the release update dialog and the help (F1)."""
        window.open_monitoring()
        monitoring = window.monitoring_window
        monitoring.resize(min(1200, window.width()), min(760, window.height()))
        shot(monitoring, "monitoring")
        monitoring.close()
        from .release_dialogs import UpdateDialog

        update = UpdateDialog(window.store, window)
        update.show()
        shot(update, "release-update")
        update.close()

        window.show_help()  # the Handleiding is a window of its own (not modal)
        shot(window.help_dialog, "help")
        window.help_dialog.close()
        from .scenario_dialog import ScenarioDialog

        scenarios = ScenarioDialog(window)
        scenarios.show()
        shot(scenarios, "scenarios")
        scenarios.close()
        from .publisher_dialogs import PublishersDialog
        from .settings_dialog import SettingsDialog

        settings_dialog = SettingsDialog(window.store, window.settings, window)
        settings_dialog.show()
        shot(settings_dialog, "settings")
        settings_dialog.close()
        publishers = PublishersDialog(window.store, window)
        publishers.show()
        shot(publishers, "publishers")
        publishers.close()

    def open_tender(path: Path) -> TenderWizard:
        wizard = window.open_tender(path)
        if wizard is None:
            raise RuntimeError(f"the demo tender {path} does not open")
        return wizard

    def tour() -> None:
        package_row = window.packages_model.row_of("meubilair")
        window.package_view.setCurrentIndex(window.packages_model.index(package_row, 0))
        settle(300)
        if not window.select_criterion("MEU-G-01"):
            window.table.selectRow(0)
        shot(None, "main")
        if args.main_only:
            return
        if args.few:
            extra_windows()
            wizard = open_tender(demo_tenders(workspace)[0])
            wizard.resize(window.size())
            wizard.go_to(PageId.CRITERIA)
            shot(wizard, "wizard-4-criteria")
            wizard.dirty = False
            wizard.close()
            return
        extra_windows()
        window.search_edit.setText("hergebruik")
        settle(400)
        shot(None, "search")
        window.search_edit.clear()
        settle(300)
        cid = window.selected_id() or window.criteria_model.id_at(0)
        if cid is None:
            raise RuntimeError("the demo library shows no criteria")
        window.select_criterion(cid)
        from .criterion_editor import CriterionEditor

        editor = CriterionEditor.for_existing(window.store, cid, window)
        editor.resize(900, 720)
        editor.show()
        editor.set_field("title", editor.read_field("title") + " (herzien)")
        shot(editor, "editor")
        editor.stack.setClean()
        editor.close()
        window.store.save_criterion(
            __import__("dataclasses").replace(window.store.criterion(cid),
                                              rationale=window.store.criterion(cid).rationale + " Aangevuld na review."),
            note="toelichting aangevuld")
        from .history_dialog import HistoryDialog

        history = HistoryDialog(window.store, cid, window)
        history.show()
        shot(history, "history")
        history.close()

        # import preview: an exported pack with one changed and one new criterion
        from criteria_library.pack_export import export_pack
        from criteria_library.pack_import import plan_import
        from criteria_library.pack_reading import read_pack

        from .exchange_dialogs import ImportPreviewDialog

        pack_path = home / "pack.json"
        export_pack(window.store, pack_path, package="meubilair")
        data = json.loads(pack_path.read_text(encoding="utf-8"))
        data["criteria"][0]["title"] += " en onderdelen"
        data["criteria"][0]["clause"] = data["criteria"][0]["clause"].replace("De ", "Iedere ", 1)
        new = dict(data["criteria"][1])
        new["id"] = new["id"][:-2] + "90"
        new["title"] = "Nieuw: modulaire bureaus"
        data["criteria"].append(new)
        pack_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        plan = plan_import(window.store, read_pack(pack_path))
        preview = ImportPreviewDialog(plan, pack_path, window)
        preview.show()
        changed = preview.tree.topLevelItem(1)
        shown = changed.child(0) if changed is not None else preview.tree.topLevelItem(0)
        if shown is not None:
            preview.tree.setCurrentItem(shown)
        shot(preview, "import")
        preview.close()

        tenders = demo_tenders(workspace)
        wizard = open_tender(tenders[0])
        wizard.resize(1100, 720)
        for page_id in PageId:
            wizard.go_to(page_id)
            shot(wizard, f"wizard-{int(page_id) + 1}-{page_id.name.lower()}")
        wizard.dirty = False
        wizard.close()

    QTimer.singleShot(500, run)
    app.exec()
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
