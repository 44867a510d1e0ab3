"""Adapters: file formats and outside programs, below the services and without Qt.

``relgui.adapters.excel`` reads spreadsheets (.xlsx, .xls, .ods through python-calamine) and
CSV into an in-memory table, and writes workbooks (openpyxl) and CSV files. The services call
them; they call no service.
"""
