"""Painting documents with Qt's painter, without widgets (QtGui only).

relgui.render.qtpages measures text for relgui.documents.pages, paints its display list on a
PDF writer, a printer or an image, and writes the PDF face. It sits between the documents
(pure data, no Qt) and the GUI: the services call it lazily to archive a PDF and relgui-admin
to write one, and relgui.gui.docview for preview and print.
"""
