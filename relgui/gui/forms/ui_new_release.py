# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_release.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateTimeEdit,
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_NewReleaseDialog(object):
    def setupUi(self, NewReleaseDialog):
        if not NewReleaseDialog.objectName():
            NewReleaseDialog.setObjectName(u"NewReleaseDialog")
        NewReleaseDialog.resize(640, 560)
        self.layout = QVBoxLayout(NewReleaseDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.title_label = QLabel(NewReleaseDialog)
        self.title_label.setObjectName(u"title_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.title_label)

        self.title_row = QHBoxLayout()
        self.title_row.setObjectName(u"title_row")
        self.title = QLineEdit(NewReleaseDialog)
        self.title.setObjectName(u"title")

        self.title_row.addWidget(self.title)

        self.title_count = QLabel(NewReleaseDialog)
        self.title_count.setObjectName(u"title_count")

        self.title_row.addWidget(self.title_count)


        self.form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.title_row)

        self.type_label = QLabel(NewReleaseDialog)
        self.type_label.setObjectName(u"type_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.type_label)

        self.type = QComboBox(NewReleaseDialog)
        self.type.setObjectName(u"type")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.type)

        self.type_definition = QLabel(NewReleaseDialog)
        self.type_definition.setObjectName(u"type_definition")
        self.type_definition.setWordWrap(True)
        self.type_definition.setStyleSheet(u"color: #455a64;")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.type_definition)

        self.systems_label = QLabel(NewReleaseDialog)
        self.systems_label.setObjectName(u"systems_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.systems_label)

        self.systems = QLineEdit(NewReleaseDialog)
        self.systems.setObjectName(u"systems")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.systems)

        self.start_label = QLabel(NewReleaseDialog)
        self.start_label.setObjectName(u"start_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.start_label)

        self.planned_start = QDateTimeEdit(NewReleaseDialog)
        self.planned_start.setObjectName(u"planned_start")
        self.planned_start.setCalendarPopup(True)
        self.planned_start.setDisplayFormat(u"yyyy-MM-dd HH:mm")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.planned_start)

        self.end_label = QLabel(NewReleaseDialog)
        self.end_label.setObjectName(u"end_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.end_label)

        self.planned_end = QDateTimeEdit(NewReleaseDialog)
        self.planned_end.setObjectName(u"planned_end")
        self.planned_end.setCalendarPopup(True)
        self.planned_end.setDisplayFormat(u"yyyy-MM-dd HH:mm")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.planned_end)

        self.description_label = QLabel(NewReleaseDialog)
        self.description_label.setObjectName(u"description_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.description_label)

        self.description = QPlainTextEdit(NewReleaseDialog)
        self.description.setObjectName(u"description")
        self.description.setMaximumSize(QSize(16777215, 80))

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.description)


        self.layout.addLayout(self.form)

        self.changes_box = QGroupBox(NewReleaseDialog)
        self.changes_box.setObjectName(u"changes_box")
        self.changes_layout = QVBoxLayout(self.changes_box)
        self.changes_layout.setObjectName(u"changes_layout")
        self.change_filter = QLineEdit(self.changes_box)
        self.change_filter.setObjectName(u"change_filter")

        self.changes_layout.addWidget(self.change_filter)

        self.changes = QListWidget(self.changes_box)
        self.changes.setObjectName(u"changes")

        self.changes_layout.addWidget(self.changes)


        self.layout.addWidget(self.changes_box)

        self.error = QLabel(NewReleaseDialog)
        self.error.setObjectName(u"error")
        self.error.setStyleSheet(u"color: #c62828;")
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(NewReleaseDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.title_label.setBuddy(self.title)
        self.type_label.setBuddy(self.type)
        self.systems_label.setBuddy(self.systems)
        self.start_label.setBuddy(self.planned_start)
        self.end_label.setBuddy(self.planned_end)
        self.description_label.setBuddy(self.description)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.title, self.type)
        QWidget.setTabOrder(self.type, self.systems)
        QWidget.setTabOrder(self.systems, self.planned_start)
        QWidget.setTabOrder(self.planned_start, self.planned_end)
        QWidget.setTabOrder(self.planned_end, self.description)
        QWidget.setTabOrder(self.description, self.change_filter)
        QWidget.setTabOrder(self.change_filter, self.changes)
        QWidget.setTabOrder(self.changes, self.buttons)

        self.retranslateUi(NewReleaseDialog)

        QMetaObject.connectSlotsByName(NewReleaseDialog)
    # setupUi

    def retranslateUi(self, NewReleaseDialog):
        NewReleaseDialog.setWindowTitle(QCoreApplication.translate("NewReleaseDialog", u"\u65b0\u5efa\u53d1\u5e03\u8bf7\u6c42", None))
        self.title_label.setText(QCoreApplication.translate("NewReleaseDialog", u"\u6807\u9898(&T)", None))
        self.type_label.setText(QCoreApplication.translate("NewReleaseDialog", u"\u53d1\u5e03\u7c7b\u578b(&Y)", None))
        self.systems_label.setText(QCoreApplication.translate("NewReleaseDialog", u"\u6d89\u53ca\u7cfb\u7edf(&S)", None))
        self.start_label.setText(QCoreApplication.translate("NewReleaseDialog", u"\u8ba1\u5212\u5f00\u59cb", None))
        self.end_label.setText(QCoreApplication.translate("NewReleaseDialog", u"\u8ba1\u5212\u7ed3\u675f", None))
        self.description_label.setText(QCoreApplication.translate("NewReleaseDialog", u"\u8bf4\u660e", None))
        self.changes_box.setTitle(QCoreApplication.translate("NewReleaseDialog", u"\u5173\u8054\u7684\u53d8\u66f4\u8bf7\u6c42\uff08\u53d7\u7406\u65f6\u987b\u5df2\u6279\u51c6\uff09", None))
        self.change_filter.setPlaceholderText(QCoreApplication.translate("NewReleaseDialog", u"\u6309\u7f16\u53f7\u6216\u6807\u9898\u7b5b\u9009\u53d8\u66f4\u8bf7\u6c42", None))
    # retranslateUi

