"""relgui-admin doc: the 发布计划 and 发布变更报告 as Word files and PDF, archiving and verification.

    relgui-admin doc plan NUMBER [-o FILE.docx|FILE.pdf] [--fresh] [--revision N]
    relgui-admin doc report NUMBER [-o FILE.docx|FILE.pdf] [--fresh]
    relgui-admin --user NAME doc archive NUMBER plan|report   an engineer or a manager logs in
    relgui-admin --user NAME doc reissue NUMBER --reason TEXT  the manager signs a new report version
    relgui-admin doc verify FILE.docx [--json]      the file against the archive: one verdict, its exit code
    relgui-admin doc check CODE|QR-TEXT [--json]    what a code printed on paper stands for
    relgui-admin doc code CODE                      the same as doc check (older name)

plan/report write the archived file when there is one (byte for byte, R-4.4.2-ARCHIVE) and say
which version it is (a report: whether the records changed since, so that a reissue is due);
else a draft generated from the current data; --fresh always generates. Nothing archived is
ever regenerated silently: a report's new version is made only by `doc reissue` (the closing
manager's signature with the reason, printed in its 修订记录). The output's suffix
chooses the face: .docx the Word file, .pdf the PDF face (the fixed pages that are archived,
printed and previewed alike: relgui.render.qtpages, offscreen, no display needed). Only archive
writes, so only archive needs a login (relgui/cli/common.py). python-docx and Qt are
imported only when a handler runs (tests/test_layering.py).
"""

from __future__ import annotations

from pathlib import Path

from relgui.cli import common
from relgui.cli.common import LOGIN, UsageError, context, print_json
from relgui.domain.errors import AuthError, Refusal
from relgui.domain.messages import render, say
from relgui.domain.text import shown_path
from relgui.fsutil import write_private
from relgui.services import files

EXIT_MISMATCH = 4  # as `audit verify` reports a broken trail
MAX_DOCX_MB = 200  # a document to verify: relgui's own are far smaller
VERIFY_EPILOG = """判定与退出码 / verdicts and exit codes:
  0  identical   与归档文件逐字节一致，且为现行版本 / the archived file byte for byte, current
  4  changed     与归档文件不一致（逐处列出：部分、章节、表格单元格、文档中与归档中的内容） / not as archived
  5  resaved     内容与归档一致，文件包不同（经 Word/WPS/LibreOffice 另存） / same content, another package
  6  draft       草稿，不能作为证据 / a draft: no evidence
  7  superseded  归档版本，但已有更新的版本 / archived, but a later version exists
  8  voided      归档版本，但其签名已作废或不再成立 / archived, but its signature no longer holds
  9  unknown     不是 relgui 文档，或该编号无归档 / not relgui's, or nothing archived as that number
 10  conflict    归档本身不能作为依据 / the archive itself cannot serve as reference
  1  无法读取文件或参数错误 / unreadable file or a refused argument"""
CHECK_EPILOG = """判定与退出码 / verdicts and exit codes:
  0  current     现行归档版本；或有效的签名 / the current archived version; or a valid signature
  4  changed     二维码与核验码所指文档不符 / the QR code names another document than its code
  6  draft       草稿的核验码 / a draft's code
  7  superseded  已被更新的版本取代 / superseded by a later version
  8  voided      签名已作废或不再成立 / the signature no longer holds
  9  unknown     没有对应的归档文档或签名 / no archived document or signature has this code
 10  conflict    归档本身不能作为依据 / the archive itself cannot serve as reference"""


def register(sub) -> None:
    doc = sub.add_parser("doc", help="发布计划与发布变更报告（Word）/ documents")
    cmds = doc.add_subparsers(dest="doc_cmd", required=True, parser_class=type(doc))
    for kind, help_ in (("plan", "发布计划 .docx / .pdf"), ("report", "发布变更报告 .docx / .pdf")):
        p = cmds.add_parser(kind, help=help_)
        p.add_argument("number")
        p.add_argument("-o", "--output", help="输出文件，.docx 或 .pdf（默认：编号 标题 类别.docx）")
        p.add_argument("--fresh", action="store_true", help="从当前数据生成，不取归档文件")
        if kind == "plan":
            p.add_argument("--revision", type=int, help="计划版本号（默认：最新）")
        p.set_defaults(handler=cmd_write, kind=kind)
    r = cmds.add_parser("reissue", help="重新签发发布变更报告（新版本，须说明原因；运维管理部经理签署）")
    r.add_argument("number")
    r.add_argument("--reason", required=True, help="重新签发的原因（写入修订记录）")
    r.set_defaults(handler=cmd_reissue)
    a = cmds.add_parser("archive", help="归档最终文档（制度 4.4.2）")
    a.add_argument("number")
    a.add_argument("kind", choices=["plan", "report"])
    a.set_defaults(handler=cmd_archive)
    import argparse

    v = cmds.add_parser("verify", help="以归档文件为准核验文档（正文、表格、页眉页脚、目录、格式、图片）",
                        epilog=VERIFY_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    v.add_argument("file", help=".docx（或 PDF）")
    v.add_argument("--json", action="store_true")
    v.set_defaults(handler=cmd_verify)
    for name, help_ in (("check", "按纸面上的核验码或二维码内容核验"), ("code", "同 check（旧名称）")):
        c = cmds.add_parser(name, help=help_, epilog=CHECK_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
        c.add_argument("code", help="页面核验码、签名校验码（如 1C7E-A773-A521）或二维码内容")
        c.add_argument("--json", action="store_true")
        c.set_defaults(handler=cmd_check)


def cmd_write(args) -> int:
    from relgui.services import documents  # lazy: python-docx, lxml, the document services, ~820 ms on relgui-admin --help

    suffix = Path(args.output).suffix.lower() if args.output else ".docx"
    if suffix not in (".docx", ".pdf"):
        raise UsageError(f"-o {shown_path(args.output)}: .docx / .pdf")
    output = files.to_write(args.output, field="output") if args.output else None  # its folder, in words
    ctx = context(args)
    revision = getattr(args, "revision", None)
    if suffix == ".pdf":
        face = documents.pdf(ctx, args.number, args.kind, revision=revision, fresh=args.fresh)
        name, content, sha, origin = face.filename, face.content, face.sha256, face.origin
    else:
        stored = None if args.fresh or revision else documents.archived(ctx, args.number, args.kind)
        if stored is not None:
            name, content, sha, origin = stored.filename, stored.content, stored.sha256, "archived"
        else:
            made = documents.generate(ctx, args.number, args.kind, revision=revision)
            name, content, sha, origin = made.filename, made.content, made.sha256, "generated"
    what = say(f"cli_doc_origin_{origin}", args.lang)
    note = ""
    if args.kind == "report" and (origin != "generated" or not (args.fresh or revision)):
        # which archived version this is, and whether the records changed since (R-4.4.2-ARCHIVE)
        note = documents.report_state(ctx, args.number).describe(args.lang)
    elif origin != "generated":
        plan = documents.archived(ctx, args.number, "plan")
        what += f" V{plan.revision_no}" if plan is not None and plan.revision_no else ""
    path = output or Path(name)
    try:
        write_private(path, content)  # 0600, atomically
    except OSError as exc:
        raise files.write_error(path, exc) from None
    print(say("cli_doc_written", args.lang, path=shown_path(path), what=what, sha=sha))
    if note:
        print(note)
    if origin == "archived_model":  # R-4.4.2-ARCHIVE: say how to archive the face it printed
        print(render(Refusal("doc_pdf_not_archived", params={"number": args.number, "arg": args.kind}), args.lang))
    return 0


def cmd_reissue(args) -> int:
    """The closing manager signs a new version of the report: the login's password is the
    signature's re-authentication (R-DOC-SIGN)."""
    from relgui.services import documents  # lazy: python-docx, lxml, the document services, ~820 ms on relgui-admin --help
    from relgui.services.closing import reissue_report  # lazy: the closing use cases and the documents, ~650 ms

    ctx = common.reader(args)
    if getattr(args, "user", None) is None:
        raise AuthError(Refusal("cli_login_needed", params={"roles": ("manager",), "command": "doc reissue"}))
    actor, password = common.authenticate(args, ctx)
    ctx = ctx.as_user(actor)
    seen = documents.details.show(ctx, args.number, audit_limit=0).row_version
    done = reissue_report(ctx, args.number, args.reason, password, expected_version=seen)
    model = documents.model_of(done)
    print(say("cli_doc_reissued", args.lang, file=done.filename, version=model.version if model else "",
              sha=done.sha256))
    return 0


def cmd_archive(args) -> int:
    from relgui.services import documents  # lazy: python-docx, lxml, the document services, ~820 ms on relgui-admin --help

    ctx = context(args, LOGIN["doc archive"])  # an engineer or a manager (the service checks again)
    done = (documents.archive_plan if args.kind == "plan" else documents.archive_report)(ctx, args.number)
    print(say("cli_doc_archived", args.lang, file=done.filename, sha=done.sha256))
    face = documents.archived(ctx, args.number, args.kind, "pdf")
    if face is not None and (face.revision_no == done.revision_no or args.kind == "report"):
        print(say("cli_doc_archived", args.lang, file=face.filename, sha=face.sha256))
    return 0


def _archived(ref) -> dict | None:
    if ref is None:
        return None
    source = getattr(ref, "derived_from", None)  # a PDF face rendered from the archived .docx (none archived)
    return {"id": ref.id, "number": ref.number, "kind": ref.kind, "version": ref.version, "sha256": ref.sha256,
            "content_sha256": ref.content_sha, "archived_at": ref.created_at, "archived_by": ref.created_by,
            "rendered_from": {"id": source.id, "sha256": source.sha256} if source is not None else None}


def cmd_verify(args) -> int:
    from relgui.services import documents  # lazy: python-docx, lxml, the document services, ~820 ms on relgui-admin --help

    data = files.read_bytes(files.to_read(args.file, limit_mb=MAX_DOCX_MB))
    ctx = context(args)
    result = documents.verify(ctx, data)
    lines = result.describe(args.lang)
    if args.json:
        print_json({"verdict": result.verdict, "exit_code": result.exit_code, "ok": result.ok,
                    "number": result.number, "kind": result.kind, "version": result.version,
                    "sha256": result.sha256, "text": lines[0], "archived": _archived(result.archived),
                    "newer": _archived(result.newer), "differing_parts": result.differing_parts,
                    "changes": [{**c.params(), "text": result.change_text(c, args.lang)} for c in result.changes],
                    "notes": [{"code": n.code, "params": n.params, "text": render(n, args.lang)} for n in result.notes]})
    else:
        for line in lines:
            print(line)
    return result.exit_code


def cmd_check(args) -> int:
    from relgui.services import documents  # lazy: python-docx, lxml, the document services, ~820 ms on relgui-admin --help

    result = documents.check_code(context(args), args.code)
    lines = result.describe(args.lang)
    if getattr(args, "json", False):
        print_json({"verdict": result.verdict, "exit_code": result.exit_code, "what": result.what,
                    "code": result.code, "number": result.number, "kind": result.kind, "version": result.version,
                    "text": lines[0], "archived": _archived(result.archived), "newer": _archived(result.newer),
                    "notes": [{"code": n.code, "params": n.params, "text": render(n, args.lang)} for n in result.notes]})
    else:
        for line in lines:
            print(line)
    return result.exit_code
