"""relgui-admin notify contact: the one notify subcommand no other test ran (its variables were
retyped for mypy, issue 17 item 10). SQLite and PostgreSQL."""

from __future__ import annotations

from conftest import PASSWORD
from test_cli import AS_ADMIN, run

from relgui.services import alerts
from relgui.services.context import AppContext


def test_notify_contact_sets_the_address_and_language_and_says_them(world, capsys):
    code, out, err = run(world, capsys, *AS_ADMIN, "notify", "contact", "lina", "--email", "lina@example.com",
                         "--language", "en", stdin=PASSWORD + "\n")
    assert code == 0, err
    assert out.strip() == "lina: lina@example.com en"
    seen = alerts.contact(AppContext(db=world.db), "lina")
    assert (seen.email, seen.language) == ("lina@example.com", "en")
    # a second time over the stored contact (its version read first): the address changes, the language stays
    code, out, err = run(world, capsys, *AS_ADMIN, "notify", "contact", "lina", "--email", "na.li@example.com",
                         stdin=PASSWORD + "\n")
    assert code == 0, err
    assert out.strip() == "lina: na.li@example.com en"


def test_notify_contact_refuses_a_bad_address_in_one_line(world, capsys):
    code, out, err = run(world, capsys, *AS_ADMIN, "notify", "contact", "lina", "--email", "not an address",
                         stdin=PASSWORD + "\n")
    assert code != 0 and out == ""
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert alerts.contact(AppContext(db=world.db), "lina").email == ""
