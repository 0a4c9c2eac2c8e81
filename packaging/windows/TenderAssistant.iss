; Inno Setup script: a per-user installer for Tender Assistant (no administrator rights, no UAC prompt).
; Built by build.ps1:  iscc /DAppVersion=0.1.0 /DSourceDir=...\dist\TenderAssistant /Odist TenderAssistant.iss
; Installs under %LOCALAPPDATA%\Programs\Tender Assistant, adds a Start menu entry and an uninstaller in
; Settings > Apps (per user). The data folder (%LOCALAPPDATA%\MRA\TenderAssistant) is left alone on uninstall:
; it holds the user's library and registers.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\TenderAssistant"
#endif

[Setup]
AppId={{6C3B8E51-2F4A-4C7B-9E0D-7A1F3B5C9D24}
AppName=Tender Assistant
AppVersion={#AppVersion}
AppPublisher=Metropoolregio Amsterdam
VersionInfoVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\Tender Assistant
DefaultGroupName=Tender Assistant
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=TenderAssistant-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\TenderAssistant.exe
CloseApplications=yes

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an update replaces the whole program folder, so no file of an older version lingers in _internal
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\Tender Assistant"; Filename: "{app}\TenderAssistant.exe"
Name: "{userprograms}\Tender Assistant (demo)"; Filename: "{app}\TenderAssistant.exe"; Parameters: "demo"

[Run]
Filename: "{app}\TenderAssistant.exe"; Description: "{cm:LaunchProgram,Tender Assistant}"; \
  Flags: nowait postinstall skipifsilent
