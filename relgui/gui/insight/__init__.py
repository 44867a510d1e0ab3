"""分析: the KPI dashboard, the release calendar, the knowledge base and Excel in and out
(issue 7; R-4.6-KPI, R-4.4.2-KNOWLEDGE). Entry points, each opening one non-modal window:

    dashboard.open_dashboard(parent, gctx, show_releases)
    calendar_view.open_calendar(parent, gctx, open_release)
    knowledge.open_knowledge(parent, gctx, open_release)
    excel_dialogs.export_register(parent, gctx, query) / import_register(parent, gctx)
    menu.add_menu(main_window)         the 分析 menu wired to the above

matplotlib is imported only when the dashboard opens: the main window starts without it.
"""
