; Inno Setup script for the Windows installer of relgui.
; Compiler: Inno Setup 6.4.3, pinned (.github/workflows/windows.yml installs exactly that version).
; In Inno Setup 6.x the Simplified Chinese messages are an unofficial translation that the
; compiler does not install (it is official, as compiler:Languages\ChineseSimplified.isl, only
; from 7.0.2 on): the workflow fetches Files/Languages/Unofficial/ChineseSimplified.isl from the
; compiler's own repository at the tag of the pinned version (is-6_4_3) into build\, beside the
; icon, before compiling. tests/test_windows_build.py checks that every file named here exists
; after the build or is fetched by the workflow, for this version.
;
; Build on Windows after `python packaging\build.py`:
;   iscc /DAppVersion=0.1.0 packaging\relgui.iss
; Per-user install without administrator rights; upgrade in place (same AppId); the
; uninstaller removes the program only: the user's database, settings and logs stay in
; %LOCALAPPDATA%\relgui.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B2B0F43-8E4B-4B0B-9C1E-0E5C1D7A1F21}
AppName=relgui 发布管理
AppVersion={#AppVersion}
AppPublisher=relgui
DefaultDirName={autopf}\relgui
DefaultGroupName=relgui 发布管理
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=relgui-{#AppVersion}-setup
SetupIconFile=..\build\relgui.ico
UninstallDisplayIcon={app}\relgui.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running relgui (or relgui-admin) holds this mutex (relgui/applog.py app_mutex): setup and
; the uninstaller ask to close it instead of failing on files in use; Restart Manager as well.
AppMutex=relgui-running,Global\relgui-running
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "..\build\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build; old files of a previous version are replaced in place.
Source: "..\dist\relgui\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The administration console: cmd with {app} on PATH, started in the user's Documents.
Source: "relgui-admin-console.cmd"; DestDir: "{app}"; Flags: ignoreversion

[InstallDelete]
; Files a newer version no longer ships must not linger in _internal.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\relgui 发布管理"; Filename: "{app}\relgui.exe"; WorkingDir: "{userdocs}"
Name: "{group}\relgui 管理工具（命令行）"; Filename: "{cmd}"; Parameters: "/k ""{app}\relgui-admin-console.cmd"""; WorkingDir: "{userdocs}"; IconFilename: "{app}\relgui-admin.exe"
Name: "{group}\{cm:UninstallProgram,relgui 发布管理}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\relgui 发布管理"; Filename: "{app}\relgui.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\relgui.exe"; WorkingDir: "{userdocs}"; Description: "{cm:LaunchProgram,relgui 发布管理}"; Flags: nowait postinstall skipifsilent
