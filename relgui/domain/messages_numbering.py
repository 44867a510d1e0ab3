"""Messages of the release-number pattern (relgui.domain.numbering): what is wrong, and an
example of a pattern that works with what it produces."""

_EXAMPLE = ("例如 FB-{{year}}-{{seq:04d}} 生成 FB-2026-0001", "e.g. FB-{{year}}-{{seq:04d}} gives FB-2026-0001")


def _with_example(zh: str, en: str) -> tuple[str, str]:
    return f"{zh}。{_EXAMPLE[0]}", f"{en}; {_EXAMPLE[1]}"


CATALOG = {
    "pattern_field": _with_example("发布编号格式只能使用 {{year}}（年份）和 {{seq}}（序号），不能使用 {field}",
                                   "A number pattern may use {{year}} and {{seq}} only, not {field}"),
    "pattern_no_seq": _with_example("发布编号格式须包含序号 {{seq}}，否则每个发布的编号都相同：{value}",
                                    "A number pattern must contain the sequence number {{seq}}, or every release "
                                    "would get the same number: {value}"),
    "pattern_spec": _with_example("{field} 的格式无效：只能指定对齐、补零和最多两位的宽度，如 {{seq:04d}}、{{seq:>5}}",
                                  "{field} has an invalid format: only alignment, zero padding and a width of at most "
                                  "two digits, like {{seq:04d}} or {{seq:>5}}"),
    "pattern_braces": _with_example("发布编号格式中的花括号不成对：{value}（文字中的花括号请写成 {{{{ 和 }}}}）",
                                    "The braces of the number pattern do not pair up: {value} (write a brace in the "
                                    "text as {{{{ or }}}})"),
    "pattern_control": _with_example("发布编号格式不能包含换行、制表符等控制字符：{value}",
                                     "A number pattern cannot contain line breaks, tabs or other control characters: {value}"),
    "pattern_too_long": ("按此格式，编号最长可达 {length} 个字符（例如序号 {seq} 时为“{example}”），超过编号的上限 {limit} 个字符；"
                         "请缩短文字或宽度",
                         "With this pattern a number can reach {length} characters (e.g. “{example}” for sequence "
                         "number {seq}), more than the {limit} a number may have; shorten its text or width"),
    "stored_pattern_bad": ("公司设置中的发布编号格式“{pattern}”不能生成编号，未创建发布；请系统管理员在公司设置中修改",
                           "The company's number pattern “{pattern}” cannot make a number; nothing was created. An "
                           "administrator must change it in the company settings"),
    "number_too_long": ("按公司设置的发布编号格式“{pattern}”，编号“{number}”有 {length} 个字符，超过上限 {limit} 个字符，未创建发布；"
                        "请系统管理员在公司设置中缩短编号格式",
                        "The company's number pattern “{pattern}” makes the number “{number}” of {length} characters, "
                        "more than the {limit} allowed; nothing was created. An administrator must shorten the pattern "
                        "in the company settings"),
    # document numbers (文件编号) per kind: {release}-JH, {release}-BG
    "doc_pattern_field": ("文件编号格式只能使用 {{release}}（发布编号），不能使用 {field}。例如 {{release}}-JH 生成 FB-2026-0001-JH",
                          "A document number pattern may use {{release}} (the release number) only, not {field}; "
                          "e.g. {{release}}-JH gives FB-2026-0001-JH"),
    "doc_pattern_no_release": ("文件编号格式须包含发布编号 {{release}}，否则各发布的文件编号都相同：{value}",
                               "A document number pattern must contain the release number {{release}}, or every "
                               "release's documents would share one number: {value}"),
    "doc_pattern_braces": ("文件编号格式中的花括号不成对：{value}（文字中的花括号请写成 {{{{ 和 }}}}）",
                           "The braces of the document number pattern do not pair up: {value} (write a brace in "
                           "the text as {{{{ or }}}})"),
    "doc_pattern_control": ("文件编号格式不能包含换行、制表符等控制字符：{value}",
                            "A document number pattern cannot contain line breaks, tabs or other control characters: {value}"),
    "doc_pattern_too_long": ("按此格式，文件编号最长可达 {length} 个字符，超过上限 {limit} 个字符；请缩短文字",
                             "With this pattern a document number can reach {length} characters, more than the {limit} "
                             "allowed; shorten its text"),
    "doc_pattern_same": ("发布计划与发布变更报告的文件编号格式不能生成相同的编号（{plan} / {report}）",
                         "The plan's and the report's document number patterns must not give the same number "
                         "({plan} / {report})"),
}

FIELDS = {
    "doc_pattern_plan": ("发布计划文件编号格式", "plan document number pattern"),
    "doc_pattern_report": ("发布变更报告文件编号格式", "report document number pattern"),
}
