@echo off
rem relgui administration console: relgui-admin on PATH, in the user's Documents.
rem Started by the Start menu shortcut as: cmd /k "<program folder>\relgui-admin-console.cmd"
rem ASCII only: cmd.exe reads batch files in the console's code page.
set "PATH=%~dp0;%PATH%"
title relgui-admin
cd /d "%USERPROFILE%\Documents" 2>nul
echo relgui-admin --help
relgui-admin --help
