"""Alert delivery (issue 16): texts, channels (SMTP, 企业微信, 钉钉), the outbox sender.

No Qt here: relgui-admin notify and the GUI's sender thread run the same code.
"""
