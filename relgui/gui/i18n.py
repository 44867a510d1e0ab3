"""Qt-native translations: relgui_<lang>.qm for the app, Qt's own qtbase_<lang>.qm for its dialogs.

Source strings are the policy's own Chinese; relgui_en.ts holds the English. Switching
language at run time posts QEvent.LanguageChange; widgets re-set their texts in
``retranslate()`` (see widgets.Retranslating).
"""

from __future__ import annotations

import importlib.resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
# Each language's locale: numbers (%Ln), dates and Qt's own dialogs follow it.
LOCALES = {"zh_CN": (QLocale.Language.Chinese, QLocale.Country.China),
           "en": (QLocale.Language.English, QLocale.Country.UnitedStates)}

# The translators relgui installed, whichever Translations object did it: the application has
# one language at a time, so switching removes them all.
_INSTALLED: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation in ``context`` and gives it back unchanged, like Qt's own
    (pyside6-lupdate finds the call by this name); typed ``str``, where PySide6's stub says ``object``."""
    return text


class Translations:
    def __init__(self, app: QCoreApplication):
        self.app = app
        self.lang = "zh_CN"

    def use(self, lang: str) -> str:
        lang = lang if lang in LANGUAGES else "zh_CN"
        for tr in _INSTALLED:
            self.app.removeTranslator(tr)
        _INSTALLED.clear()
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if lang != "en":
            self._add(lambda t: t.load(f"qtbase_{lang}", qt_dir))
        qm = importlib.resources.files("relgui.i18n").joinpath(f"relgui_{lang}.qm")
        if qm.is_file():
            with importlib.resources.as_file(qm) as path:  # a real file in the package folder
                self._add(lambda t: t.load(str(path)))
        QLocale.setDefault(QLocale(*LOCALES[lang]))
        self.lang = lang
        return lang

    def _add(self, load) -> None:
        tr = QTranslator(self.app)  # parented: a Python-owned translator would be collected
        if load(tr):
            self.app.installTranslator(tr)
            _INSTALLED.append(tr)
