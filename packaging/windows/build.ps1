# Build Tender Assistant for Windows: the one-folder bundle, the portable zip and the per-user installer.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-Sign]
# Needs Python 3.11+ on the build machine (not on the users' laptops) and, for the installer, Inno Setup 6
# (iscc.exe on PATH or in its default folder). Signing (-Sign) uses signtool with the certificate named by
# TA_SIGN_PFX (path to a .pfx) and TA_SIGN_PASSWORD, timestamped by TA_SIGN_TIMESTAMP_URL (default DigiCert's).
# Output in dist\: TenderAssistant\ (the bundle), TenderAssistant-<version>-windows-x64.zip (portable) and
# TenderAssistant-<version>-setup.exe (per-user installer, no administrator rights).
param([switch]$Sign)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

$version = (Select-String -Path pyproject.toml -Pattern '^version = "(.+)"').Matches[0].Groups[1].Value
if (-not (Test-Path .venv\Scripts\python.exe)) { python -m venv .venv }
& .venv\Scripts\python.exe -m pip install -q --upgrade pip
& .venv\Scripts\python.exe -m pip install -q -e ".[bundle]"
if ($LASTEXITCODE) { throw "pip install failed" }

& .venv\Scripts\pyinstaller.exe --noconfirm --log-level WARN --distpath dist --workpath build\bundle `
    packaging\tender_assistant.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }

function Sign-File([string]$Path) {
    if (-not $env:TA_SIGN_PFX) { throw "-Sign needs TA_SIGN_PFX (and TA_SIGN_PASSWORD)" }
    $stamp = if ($env:TA_SIGN_TIMESTAMP_URL) { $env:TA_SIGN_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
    & signtool.exe sign /fd SHA256 /f $env:TA_SIGN_PFX /p $env:TA_SIGN_PASSWORD /tr $stamp /td SHA256 $Path
    if ($LASTEXITCODE) { throw "signtool failed for $Path" }
}

if ($Sign) {
    # both programs; the bootloader unsigned is what virus scanners flag most
    Sign-File dist\TenderAssistant\TenderAssistant.exe
    Sign-File dist\TenderAssistant\tender-assistant.exe
}

$zip = "dist\TenderAssistant-$version-windows-x64.zip"
if (Test-Path $zip) { Remove-Item $zip }
Compress-Archive -Path dist\TenderAssistant -DestinationPath $zip -CompressionLevel Optimal

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc /Qp "/DAppVersion=$version" "/DSourceDir=$(Resolve-Path dist\TenderAssistant)" "/ODist" `
    packaging\windows\TenderAssistant.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }
if ($Sign) { Sign-File "dist\TenderAssistant-$version-setup.exe" }

$unpacked = (Get-ChildItem -Recurse dist\TenderAssistant | Measure-Object -Sum Length).Sum / 1e6
$zipped = (Get-Item $zip).Length / 1e6
Write-Output ("bundle: {0:N1} MB unpacked, zip {1:N1} MB, installer dist\TenderAssistant-{2}-setup.exe" -f `
    $unpacked, $zipped, $version)
