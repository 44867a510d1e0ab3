"""relgui-admin doc: the 发布计划 and 发布变更报告 as Word files, archiving and verification.

    relgui-admin doc plan NUMBER [-o FILE.docx] [--fresh] [--revision N]
    relgui-admin doc report NUMBER [-o FILE.docx] [--fresh]
    relgui-admin --user NAME doc archive NUMBER plan|report   an engineer or a manager logs in
    relgui-admin doc verify FILE.docx [--json]      exit 4 when the file does not match
    relgui-admin doc code XXXX-XXXX-XXXX            the signature a printed code stands for

plan/report write the archived file when there is one (byte for byte, R-4.4.2-ARCHIVE), else
a document generated from the current data; --fresh always generates. Only archive writes,
so only archive needs a login (relgui/cli/common.py). python-docx is
imported only when a handler runs (tests/test_layering.py).
"""

from __future__ import annotations

from pathlib import Path

from relgui.cli.common import LOGIN, UsageError, context, english, print_json

EXIT_MISMATCH = 4  # as `audit verify` reports a broken trail
MAX_DOCX_MB = 200  # a document to verify: relgui's own are far smaller


def register(sub) -> None:
    doc = sub.add_parser("doc", help="发布计划与发布变更报告（Word）/ documents")
    cmds = doc.add_subparsers(dest="doc_cmd", required=True, parser_class=type(doc))
    for kind, help_ in (("plan", "发布计划 .docx"), ("report", "发布变更报告 .docx")):
        p = cmds.add_parser(kind, help=help_)
        p.add_argument("number")
        p.add_argument("-o", "--output", help="输出文件（默认：编号 标题 类别.docx）")
        p.add_argument("--fresh", action="store_true", help="从当前数据生成，不取归档文件")
        if kind == "plan":
            p.add_argument("--revision", type=int, help="计划版本号（默认：最新）")
        p.set_defaults(handler=cmd_write, kind=kind)
    a = cmds.add_parser("archive", help="归档最终文档 (R-4.4.2-ARCHIVE)")
    a.add_argument("number")
    a.add_argument("kind", choices=["plan", "report"])
    a.set_defaults(handler=cmd_archive)
    v = cmds.add_parser("verify", help="核验文档内容与签名是否与数据库一致")
    v.add_argument("file")
    v.add_argument("--json", action="store_true")
    v.set_defaults(handler=cmd_verify)
    c = cmds.add_parser("code", help="按纸面上的校验码核验签名")
    c.add_argument("code", help="例如 1C7E-A773-A521")
    c.set_defaults(handler=cmd_code)


def cmd_write(args) -> int:
    from relgui.services import documents

    from relgui.domain.text import shown_path
    from relgui.services import files

    if args.output and Path(args.output).suffix.lower() != ".docx":
        raise UsageError(f"-o {shown_path(args.output)}: .docx")
    output = files.to_write(args.output, field="output") if args.output else None  # its folder, in words
    ctx = context(args)
    en = english(args)
    stored = None if args.fresh or getattr(args, "revision", None) else documents.archived(ctx, args.number, args.kind)
    if stored is not None:
        name, content, sha, what = stored.filename, stored.content, stored.sha256, "archived" if en else "归档文件"
    else:
        made = documents.generate(ctx, args.number, args.kind, revision=getattr(args, "revision", None))
        name, content, sha, what = made.filename, made.content, made.sha256, "generated" if en else "新生成"
    path = output or Path(name)
    from relgui.fsutil import write_private

    try:
        write_private(path, content)  # 0600, atomically
    except OSError as exc:
        raise files.write_error(path, exc) from None
    print(f"{'Written' if en else '已写入'}: {shown_path(path)} ({what}, SHA-256 {sha})")
    return 0


def cmd_archive(args) -> int:
    from relgui.services import documents

    ctx = context(args, LOGIN["doc archive"])  # an engineer or a manager (the service checks again)
    done = (documents.archive_plan if args.kind == "plan" else documents.archive_report)(ctx, args.number)
    en = english(args)
    print(f"{'Archived' if en else '已归档'}: {done.filename} (SHA-256 {done.sha256})")
    return 0


def cmd_verify(args) -> int:
    from relgui.services import documents

    from relgui.services import files

    data = files.read_bytes(files.to_read(args.file, limit_mb=MAX_DOCX_MB))
    ctx = context(args)
    result = documents.verify(ctx, data)
    lines = result.describe(args.lang)
    if args.json:
        print_json({"ok": result.ok, "number": result.number, "kind": result.kind, "version": result.version,
                    "differing_parts": result.differing_parts,
                    "notes": [{"code": n.code, "params": n.params, "text": text}
                              for n, text in zip(result.notes, lines[1:])]})
    else:
        for line in lines:
            print(line)
    return 0 if result.ok else EXIT_MISMATCH


def cmd_code(args) -> int:
    from relgui.domain.messages import render
    from relgui.services import documents

    number, state = documents.check_code(context(args), args.code)
    print(f"{number}: {render(state, args.lang)}")
    return 0 if state.code == "doc_sig_valid" else EXIT_MISMATCH
