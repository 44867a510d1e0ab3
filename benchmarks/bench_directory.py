"""Directory login's cost (issue 16): a relgui login through the directory against a real slapd
on loopback (tests/ldapserver.py), held against its floor measured in the same run — ldap3 alone
doing the same directory work (LDAPS connect, bind as the user, read the entry and its groups) —
and beside a local login (argon2id) on the same SQLite database.

    .venv/bin/python benchmarks/bench_directory.py

Ratios, not absolute times, are what to compare between machines.
"""

from __future__ import annotations

import ssl
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from common import median_ms, report  # noqa: E402


def main() -> None:
    import ldap3
    from ldapserver import PEOPLE, SUFFIX, SlapdServer, group_dn

    from relgui.domain.lifecycle import Actor
    from relgui.domain.versions import NEW
    from relgui.services import company, directory, users
    from relgui.services.context import AppContext, system_actor
    from relgui.store import schema
    from relgui.store.engine import Database

    slapd = SlapdServer()
    slapd.start()
    folder = Path(tempfile.mkdtemp(prefix="relgui-bench-dir-"))
    db = Database(f"sqlite:///{folder / 'bench.db'}")
    try:
        schema.ensure(db.engine)
        system = AppContext(db=db, actor=system_actor("benchmarks"))
        company.save(system, company_name="基准", department="运维管理部", number_pattern="FB-{year}-{seq:04d}",
                     expected_version=NEW)
        users.add(system, "admin", "管理员", ("admin",), "bench-login-horse-2026")
        admin = AppContext(db=db, actor=users.login(system, "admin", "bench-login-horse-2026"))
        directory.save(admin, {"url": slapd.ldaps_url, "base_dn": SUFFIX, "user_attr": "uid",
                               "user_bind": f"uid={{username}},{PEOPLE}", "ca_pem": slapd.ca_file.read_text(),
                               "groups": [["engineer", group_dn("relgui-engineers")],
                                          ["manager", group_dn("relgui-managers")]]}, expected_version=NEW)
        pre = AppContext(db=db, actor=Actor(None, "relgui", "relgui"))
        users.login(pre, "chenjing", "Dir-Pass-chenjing-1")  # made at the first login

        def floor() -> None:
            tls = ldap3.Tls(validate=ssl.CERT_REQUIRED, ca_certs_data=slapd.ca_file.read_text())
            server = ldap3.Server("127.0.0.1", port=slapd.ldaps_port, use_ssl=True, tls=tls, get_info=ldap3.NONE)
            conn = ldap3.Connection(server, f"uid=chenjing,{PEOPLE}", "Dir-Pass-chenjing-1", read_only=True)
            assert conn.bind()
            conn.search(SUFFIX, "(uid=chenjing)", attributes=["uid", "displayName", "cn", "mail", "memberOf"])
            dn = conn.response[0]["dn"]
            conn.search(SUFFIX, f"(|(member={dn})(uniqueMember={dn}))", attributes=["1.1"])
            conn.unbind()

        floor_ms = median_ms(floor)
        directory_ms = median_ms(lambda: users.login(pre, "chenjing", "Dir-Pass-chenjing-1"))
        local_ms = median_ms(lambda: users.login(pre, "admin", "bench-login-horse-2026"), repeat=10)
        # Target: the login's own work (which name is whose, one unit of work with its audit
        # event) adds at most as much again as the directory's answer.
        report("directory login (LDAPS, bind as the user, groups, audit)", directory_ms, floor_ms, target_ratio=2.0)
        print(f"for comparison, a local login (argon2id m=19 MiB t=2): {local_ms:.1f} ms median")
    finally:
        db.dispose()
        slapd.stop()


if __name__ == "__main__":
    main()
