; Inno Setup 6 script for the Windows installer of relgui.
; Build on Windows after `python packaging\build.py`:  iscc /DAppVersion=0.1.0 packaging\relgui.iss
; Per-user install without administrator rights; upgrade in place (same AppId);
; the uninstaller removes the program only: the user's database, settings and logs stay in
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
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build; old files of a previous version are replaced in place.
Source: "..\dist\relgui\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files a newer version no longer ships must not linger in _internal.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\relgui 发布管理"; Filename: "{app}\relgui.exe"
Name: "{group}\relgui 管理工具（命令行）"; Filename: "{cmd}"; Parameters: "/k ""{app}\relgui-admin.exe"" --help"
Name: "{group}\{cm:UninstallProgram,relgui 发布管理}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\relgui 发布管理"; Filename: "{app}\relgui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\relgui.exe"; Description: "{cm:LaunchProgram,relgui 发布管理}"; Flags: nowait postinstall skipifsilent
