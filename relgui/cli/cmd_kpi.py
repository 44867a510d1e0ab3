"""relgui-admin kpi: 发布成功率 per quarter and release type (R-4.6-KPI).

    relgui-admin kpi --quarter 2026Q3 [--json]
    relgui-admin kpi --from 2025Q1 --to 2026Q4 [--json]
    relgui-admin kpi --quarter 2026Q3 --xlsx FILE      the KPI table as Excel

The figures come from relgui.services.kpi, the same function as the dashboard and the
report. The KPI report as a document (--docx) is built by relgui.documents (issue 6).
"""

from __future__ import annotations

from relgui.cli.common import UsageError, context, print_json
from relgui.domain.messages import say
from relgui.domain.text import shown_path
from relgui.fsutil import write_private
from relgui.policy import current_profile
from relgui.services import files


def register(subparsers) -> None:
    p = subparsers.add_parser("kpi", help="发布成功率（季度）/ release success rate per quarter")
    p.add_argument("--quarter", help="季度，如 2026Q3 / a quarter such as 2026Q3")
    p.add_argument("--from", dest="first", help="起始季度 / first quarter of a range")
    p.add_argument("--to", dest="last", help="结束季度 / last quarter of a range")
    p.add_argument("--json", action="store_true")
    p.add_argument("--xlsx", metavar="FILE", help="导出 Excel / write the table to an .xlsx file")
    p.add_argument("--docx", metavar="FILE", help="KPI 报告（Word）/ KPI report as .docx")
    p.set_defaults(handler=cmd_kpi)


def _range(args) -> tuple[str, str]:
    if args.quarter and (args.first or args.last):
        raise UsageError("--quarter or --from/--to, not both")
    if args.quarter:
        return args.quarter, args.quarter
    if not (args.first and args.last):
        raise UsageError("--quarter 2026Q3, or --from 2025Q1 --to 2026Q4")
    return args.first, args.last


def cmd_kpi(args) -> int:
    from relgui.services import kpi  # lazy: the KPI queries, ORM and models, ~510 ms on relgui-admin --help

    first, last = _range(args)
    # The output's folder is checked before anything is computed (and said in words).
    docx = files.to_write(args.docx) if args.docx else None
    ctx = context(args)
    if docx is not None:
        if first != last:
            raise UsageError("--docx: one quarter (--quarter 2026Q3)")
        from relgui.services import documents  # lazy: python-docx, lxml, the document services, ~820 ms

        content = documents.kpi_report(ctx, first)
        try:
            write_private(docx, content)  # 0600, atomically
        except OSError as exc:
            raise files.write_error(docx, exc) from None
        print(say("cli_kpi_written", args.lang, path=shown_path(docx)))
        return 0
    xlsx = files.to_write(args.xlsx) if args.xlsx else None
    rates = kpi.success_rates(ctx, first, last)
    if xlsx is not None:
        from relgui.services import exports  # lazy: openpyxl and the exports, ~680 ms

        path = exports.export_kpi(ctx, first, last, xlsx, args.lang)
        print(say("cli_kpi_written", args.lang, path=shown_path(path)))
        return 0
    if args.json:
        print_json(_as_json(rates, kpi.definition()))
    else:
        for line in _as_text(rates, args.lang):
            print(line)
    return 0


def _rate(rate) -> dict:
    return {"total": rate.total, "successful": rate.successful, "rate": rate.rate, "met": rate.met}


def _as_json(rates, definition: dict):
    quarters = [{"quarter": str(r.quarter), "target": r.overall.target, **_rate(r.overall),
                 "by_type": {t: _rate(x) for t, x in r.by_type.items()},
                 "closure_broken": [b.number for b in r.closure_broken]} for r in rates]
    if len(quarters) == 1:
        return {**quarters[0], "definition": definition}
    return {"quarters": quarters, "definition": definition}


def _verdict(met: bool | None, lang: str) -> str:
    if met is None:
        return "—"
    return say("cli_kpi_met" if met else "cli_kpi_missed", lang)


def _as_text(rates, lang: str) -> list[str]:
    from relgui.domain.kpi import percent  # lazy: ~18-37 ms (its dataclasses) that relgui-admin --help would pay

    profile = current_profile()
    target = rates[0].overall.target
    out = [say("cli_kpi_head", lang, target=f"{target:.0%}"), say("cli_kpi_columns", lang)]
    for r in rates:
        rows = [(profile.release_types[t].label(lang), x) for t, x in r.by_type.items()]
        for label, x in [*rows, (say("cli_kpi_all", lang), r.overall)]:
            out.append("\t".join([str(r.quarter), label, str(x.total), str(x.successful), percent(x),
                                  _verdict(x.met, lang)]))
    for r in rates:  # not counted: the closure signature no longer verifies (R-4.2.2-CLOSE, R-DOC-SIGN)
        if r.closure_broken:
            numbers = ", ".join(b.number for b in r.closure_broken)
            out.append(say("cli_kpi_not_counted", lang, quarter=str(r.quarter), count=len(r.closure_broken),
                           numbers=numbers))
    return out
