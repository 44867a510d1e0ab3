# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'database.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QRadioButton, QSizePolicy, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_DatabaseDialog(object):
    def setupUi(self, DatabaseDialog):
        if not DatabaseDialog.objectName():
            DatabaseDialog.setObjectName(u"DatabaseDialog")
        DatabaseDialog.resize(520, 500)
        self.layout = QVBoxLayout(DatabaseDialog)
        self.layout.setObjectName(u"layout")
        self.local_radio = QRadioButton(DatabaseDialog)
        self.local_radio.setObjectName(u"local_radio")
        self.local_radio.setChecked(True)

        self.layout.addWidget(self.local_radio)

        self.local_row = QHBoxLayout()
        self.local_row.setObjectName(u"local_row")
        self.sqlite_path = QLineEdit(DatabaseDialog)
        self.sqlite_path.setObjectName(u"sqlite_path")

        self.local_row.addWidget(self.sqlite_path)

        self.browse = QPushButton(DatabaseDialog)
        self.browse.setObjectName(u"browse")

        self.local_row.addWidget(self.browse)


        self.layout.addLayout(self.local_row)

        self.create_new = QCheckBox(DatabaseDialog)
        self.create_new.setObjectName(u"create_new")

        self.layout.addWidget(self.create_new)

        self.server_radio = QRadioButton(DatabaseDialog)
        self.server_radio.setObjectName(u"server_radio")

        self.layout.addWidget(self.server_radio)

        self.server_box = QGroupBox(DatabaseDialog)
        self.server_box.setObjectName(u"server_box")
        self.server_form = QFormLayout(self.server_box)
        self.server_form.setObjectName(u"server_form")
        self.host_label = QLabel(self.server_box)
        self.host_label.setObjectName(u"host_label")

        self.server_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.host_label)

        self.host = QLineEdit(self.server_box)
        self.host.setObjectName(u"host")

        self.server_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.host)

        self.port_label = QLabel(self.server_box)
        self.port_label.setObjectName(u"port_label")

        self.server_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.port_label)

        self.port = QSpinBox(self.server_box)
        self.port.setObjectName(u"port")
        self.port.setMaximum(65535)
        self.port.setMinimum(1)
        self.port.setValue(5432)

        self.server_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.port)

        self.dbname_label = QLabel(self.server_box)
        self.dbname_label.setObjectName(u"dbname_label")

        self.server_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.dbname_label)

        self.dbname = QLineEdit(self.server_box)
        self.dbname.setObjectName(u"dbname")
        self.dbname.setText(u"relgui")

        self.server_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.dbname)

        self.user_label = QLabel(self.server_box)
        self.user_label.setObjectName(u"user_label")

        self.server_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.user_label)

        self.user = QLineEdit(self.server_box)
        self.user.setObjectName(u"user")

        self.server_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.user)

        self.password_label = QLabel(self.server_box)
        self.password_label.setObjectName(u"password_label")

        self.server_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password = QLineEdit(self.server_box)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.Password)

        self.server_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.password)

        self.sslmode_label = QLabel(self.server_box)
        self.sslmode_label.setObjectName(u"sslmode_label")

        self.server_form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.sslmode_label)

        self.sslmode = QComboBox(self.server_box)
        self.sslmode.setObjectName(u"sslmode")

        self.server_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.sslmode)

        self.sslrootcert_label = QLabel(self.server_box)
        self.sslrootcert_label.setObjectName(u"sslrootcert_label")

        self.server_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.sslrootcert_label)

        self.ca_row = QHBoxLayout()
        self.ca_row.setObjectName(u"ca_row")
        self.sslrootcert = QLineEdit(self.server_box)
        self.sslrootcert.setObjectName(u"sslrootcert")

        self.ca_row.addWidget(self.sslrootcert)

        self.browse_ca = QPushButton(self.server_box)
        self.browse_ca.setObjectName(u"browse_ca")

        self.ca_row.addWidget(self.browse_ca)


        self.server_form.setLayout(6, QFormLayout.ItemRole.FieldRole, self.ca_row)

        self.tls_warning = QLabel(self.server_box)
        self.tls_warning.setObjectName(u"tls_warning")
        self.tls_warning.setWordWrap(True)
        self.tls_warning.setStyleSheet(u"color: #b00020;")

        self.server_form.setWidget(7, QFormLayout.ItemRole.SpanningRole, self.tls_warning)


        self.layout.addWidget(self.server_box)

        self.status = QLabel(DatabaseDialog)
        self.status.setObjectName(u"status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.layout.addWidget(self.status)

        self.bottom = QHBoxLayout()
        self.bottom.setObjectName(u"bottom")
        self.test_button = QPushButton(DatabaseDialog)
        self.test_button.setObjectName(u"test_button")
        self.test_button.setAutoDefault(False)

        self.bottom.addWidget(self.test_button)

        self.buttons = QDialogButtonBox(DatabaseDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.bottom.addWidget(self.buttons)


        self.layout.addLayout(self.bottom)

#if QT_CONFIG(shortcut)
        self.host_label.setBuddy(self.host)
        self.port_label.setBuddy(self.port)
        self.dbname_label.setBuddy(self.dbname)
        self.user_label.setBuddy(self.user)
        self.password_label.setBuddy(self.password)
        self.sslmode_label.setBuddy(self.sslmode)
        self.sslrootcert_label.setBuddy(self.sslrootcert)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.local_radio, self.sqlite_path)
        QWidget.setTabOrder(self.sqlite_path, self.browse)
        QWidget.setTabOrder(self.browse, self.create_new)
        QWidget.setTabOrder(self.create_new, self.server_radio)
        QWidget.setTabOrder(self.server_radio, self.host)
        QWidget.setTabOrder(self.host, self.port)
        QWidget.setTabOrder(self.port, self.dbname)
        QWidget.setTabOrder(self.dbname, self.user)
        QWidget.setTabOrder(self.user, self.password)
        QWidget.setTabOrder(self.password, self.sslmode)
        QWidget.setTabOrder(self.sslmode, self.sslrootcert)
        QWidget.setTabOrder(self.sslrootcert, self.browse_ca)
        QWidget.setTabOrder(self.browse_ca, self.test_button)
        QWidget.setTabOrder(self.test_button, self.buttons)

        self.retranslateUi(DatabaseDialog)

        QMetaObject.connectSlotsByName(DatabaseDialog)
    # setupUi

    def retranslateUi(self, DatabaseDialog):
        DatabaseDialog.setWindowTitle(QCoreApplication.translate("DatabaseDialog", u"\u6570\u636e\u5e93\u8bbe\u7f6e", None))
        self.local_radio.setText(QCoreApplication.translate("DatabaseDialog", u"\u672c\u673a\u6570\u636e\u5e93\u6587\u4ef6\uff08\u5355\u4eba\u4f7f\u7528\uff09", None))
        self.sqlite_path.setPlaceholderText(QCoreApplication.translate("DatabaseDialog", u"\u9ed8\u8ba4\uff1a\u672c\u673a\u7528\u6237\u6570\u636e\u76ee\u5f55", None))
        self.browse.setText(QCoreApplication.translate("DatabaseDialog", u"\u6d4f\u89c8\u2026", None))
        self.create_new.setText(QCoreApplication.translate("DatabaseDialog", u"\u65b0\u5efa\u6570\u636e\u5e93\u6587\u4ef6", None))
#if QT_CONFIG(tooltip)
        self.create_new.setToolTip(QCoreApplication.translate("DatabaseDialog", u"\u6b64\u8def\u5f84\u8fd8\u6ca1\u6709\u6570\u636e\u5e93\u65f6\uff0c\u4fdd\u5b58\u65f6\u5728\u6b64\u65b0\u5efa\u4e00\u4e2a\u7a7a\u7684 relgui \u6570\u636e\u5e93\u3002\u4e0d\u52fe\u9009\u65f6\uff0c\u627e\u4e0d\u5230\u6587\u4ef6\u4f1a\u88ab\u62d2\u7edd\uff0c\u4e0d\u4f1a\u65b0\u5efa\u4efb\u4f55\u6587\u4ef6\u3002", None))
#endif // QT_CONFIG(tooltip)
        self.server_radio.setText(QCoreApplication.translate("DatabaseDialog", u"\u5171\u4eab PostgreSQL \u670d\u52a1\u5668\uff08\u56e2\u961f\u4f7f\u7528\uff09", None))
        self.server_box.setTitle(QCoreApplication.translate("DatabaseDialog", u"\u670d\u52a1\u5668", None))
        self.host_label.setText(QCoreApplication.translate("DatabaseDialog", u"\u4e3b\u673a(&H)", None))
        self.port_label.setText(QCoreApplication.translate("DatabaseDialog", u"\u7aef\u53e3", None))
        self.dbname_label.setText(QCoreApplication.translate("DatabaseDialog", u"\u6570\u636e\u5e93", None))
        self.user_label.setText(QCoreApplication.translate("DatabaseDialog", u"\u6570\u636e\u5e93\u7528\u6237", None))
        self.password_label.setText(QCoreApplication.translate("DatabaseDialog", u"\u5bc6\u7801", None))
        self.password.setPlaceholderText(QCoreApplication.translate("DatabaseDialog", u"\u4fdd\u5b58\u5728\u7cfb\u7edf\u51ed\u636e\u7ba1\u7406\u5668\u4e2d", None))
        self.sslmode_label.setText(QCoreApplication.translate("DatabaseDialog", u"TLS \u6a21\u5f0f", None))
        self.sslrootcert_label.setText(QCoreApplication.translate("DatabaseDialog", u"CA \u8bc1\u4e66", None))
        self.sslrootcert.setPlaceholderText(QCoreApplication.translate("DatabaseDialog", u"\u7b7e\u53d1\u670d\u52a1\u5668\u8bc1\u4e66\u7684 CA \u8bc1\u4e66\u6587\u4ef6\uff08.pem / .crt\uff09", None))
        self.browse_ca.setText(QCoreApplication.translate("DatabaseDialog", u"\u6d4f\u89c8\u2026", None))
        self.test_button.setText(QCoreApplication.translate("DatabaseDialog", u"\u6d4b\u8bd5\u8fde\u63a5", None))
    # retranslateUi

