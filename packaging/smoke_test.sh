#!/bin/bash
# Smoke test of a built bundle, run the way a user without Python runs it: a clean environment whose PATH holds no
# Python and no venv, a fresh data folder, the working directory outside the repository.
#   packaging/smoke_test.sh dist/TenderAssistant
# Checks: --help; `library check` on the starter library created on first start; `export --set` of a demo tender;
# `monitor report --json` and --docx (charts included); the GUI started offscreen until its main window is filled.
set -euo pipefail
bundle=$(cd "$1" && pwd)
cli="$bundle/tender-assistant"
gui="$bundle/TenderAssistant"
[[ -x $cli.exe ]] && cli=$cli.exe && gui=$gui.exe
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir "$home/bin" "$home/Mijn documenten"
cd "$home"
# No python anywhere on this PATH; only the shell tools this script itself calls, linked one by one.
for tool in ls grep; do ln -s "$(command -v "$tool")" "$home/bin/$tool"; done
# Windows (Git Bash on the runner) needs SYSTEMROOT and TEMP to start any program; empty elsewhere.
windows_env=()
for name in SYSTEMROOT WINDIR TEMP TMP; do [[ -n ${!name:-} ]] && windows_env+=("$name=${!name}"); done
run() {
  env -i HOME="$home" TENDER_ASSISTANT_HOME="$home/data" PATH="$home/bin" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    ${windows_env[@]+"${windows_env[@]}"} "$@"
}
step() { printf '  %-68s' "$1"; }
# `check CMD...` prints ok or fails the script: a bare `test && echo ok` would not stop `set -e` when it fails
check() { if "$@"; then echo ok; else echo FAILED; exit 1; fi; }
if run /bin/bash -c 'command -v python3 || command -v python'; then echo "python on PATH: not a fair test"; exit 1; fi

step "--help"
check grep -q "OPDRACHT" <(run "$cli" --help)
step "library check (fresh data folder: starter library on first start)"
check grep -q "in orde" <(run "$cli" library check)
step "demo --reset (example tenders and register)"
check grep -q "teruggezet" <(run "$cli" demo --reset)
demo="$home/data/demo"
out="$home/Mijn documenten/Aanbesteding één"  # spaces and accents in the path, as on a Windows desktop
mkdir -p "$out"
step "export --set of a demo tender"
run "$cli" --db "$demo/library.db" export "$demo/kantoormeubilair-stadhuis.tender.json" --set "$out" >/dev/null
check test "$(ls "$out" | grep -c '\.docx$')" -ge 2
step "monitor report --json"
check grep -q '"rule"' <(run "$cli" monitor --register "$demo/register.db" report --year 2025 --json)
step "monitor report --docx (with both charts)"
run "$cli" monitor --register "$demo/register.db" report --year 2025 --docx "$out/monitoring.docx" >/dev/null
check test "$(unzip -l "$out/monitoring.docx" | grep -c 'word/media/')" -ge 2
step "GUI offscreen until the main window is filled, then closed"
gui_said=$(timeout 120 env -i TENDER_ASSISTANT_QUIT_WHEN_FILLED=1 HOME="$home" TENDER_ASSISTANT_HOME="$home/data" \
  PATH="$home/bin" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen ${windows_env[@]+"${windows_env[@]}"} "$gui" 2>&1) || true
check grep -q "main window filled" <<<"$gui_said"
echo "smoke test of $bundle: passed"
