"""Real servers on loopback that receive alerts: an SMTP server (aiosmtpd) and an HTTP server
playing 企业微信's and 钉钉's group robots (checking the key, the access token and 钉钉's
signature). Both record what they received; tests poll them with deadlines, never sleep."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float = 20.0, what: str = "condition"):
    """Poll until predicate() is truthy or the deadline passes (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


@dataclass
class Mail:
    helo: str
    mail_from: str
    rcpt: list[str]
    message: object  # email.message.EmailMessage

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        return self.message.get_content()


class _Handler:
    def __init__(self, sink: SmtpSink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.sink.refuse:
            return "550 5.1.1 no such user"
        trap = self.sink.trap
        if trap is not None and len(self.sink.mails) >= trap[0] and self.sink.trapped is None and (
                not self.sink.trap_helos or session.host_name in self.sink.trap_helos):
            # Hold this sender here, between two messages: nothing of this message was handed over.
            self.sink.trapped = session.host_name
            while not trap[1].is_set():
                await asyncio.sleep(0.01)
            return "451 4.3.0 try again"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = BytesParser(policy=policy.default).parsebytes(envelope.original_content or envelope.content)
        with self.sink.lock:
            self.sink.mails.append(Mail(session.host_name or "", envelope.mail_from, list(envelope.rcpt_tos), msg))
        return "250 Message accepted for delivery"


class SmtpSink:
    """aiosmtpd on 127.0.0.1. ``tls``: (cert.pem, key.pem) for STARTTLS (``ssl_on_connect``
    for SMTPS); ``login``: (user, password) required with AUTH."""

    def __init__(self, *, tls: tuple[str, str] | None = None, ssl_on_connect: bool = False,
                 login: tuple[str, str] | None = None):
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.mails: list[Mail] = []
        self.lock = threading.Lock()
        self.refuse: set[str] = set()
        self.trap: tuple[int, threading.Event] | None = None
        self.trapped: str | None = None
        self.trap_helos: set[str] = set()  # only these senders (EHLO names) are held by the trap
        self.port = free_port()
        kwargs: dict = {}
        context = None
        if tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*tls)
        if ssl_on_connect:
            kwargs["ssl_context"] = context
        elif context is not None:
            kwargs["tls_context"] = context
            kwargs["require_starttls"] = True
        if login:
            def authenticator(server, session, envelope, mechanism, auth_data):
                ok = (auth_data.login.decode(), auth_data.password.decode()) == login
                return AuthResult(success=ok, handled=False)
            # PLAIN only: smtplib would otherwise fall back to LOGIN after a refusal
            kwargs.update(authenticator=authenticator, auth_required=True,
                          auth_require_tls=bool(context), auth_exclude_mechanism=["LOGIN"])
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port,
                                     server_hostname="localhost", **kwargs)
        if ssl_on_connect:
            # The controller's own start-up probe connects in clear text; start it by hand.
            self.controller.ssl_context = context
        self.controller.start()

    def stop(self) -> None:
        if self.trap is not None:
            self.trap[1].set()
        self.controller.stop()

    def count(self) -> int:
        with self.lock:
            return len(self.mails)


@dataclass
class Hook:
    service: str  # wecom | dingtalk
    path: str
    query: dict
    payload: dict
    signed_ok: bool | None = None


@dataclass
class WebhookSink:
    """A robot server: /cgi-bin/webhook/send?key=K (企业微信) and /robot/send?access_token=T
    (钉钉, signature checked with ``dingtalk_secret`` when given)."""

    wecom_key: str = "wecom-test-key"
    dingtalk_token: str = "ding-test-token"
    dingtalk_secret: str = "SECtest-secret-0123456789"
    received: list[Hook] = field(default_factory=list)
    answers: list[tuple[int, dict]] = field(default_factory=list)  # queued non-default answers

    def __post_init__(self):
        sink = self
        self.lock = threading.Lock()

        class H(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                parts = urllib.parse.urlsplit(self.path)
                query = {k: v[0] for k, v in urllib.parse.parse_qs(parts.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                status, answer = 200, {"errcode": 0, "errmsg": "ok"}
                try:
                    payload = json.loads(raw.decode("utf-8"))
                except ValueError:
                    payload, status, answer = {}, 400, {"errcode": 40001, "errmsg": "bad json"}
                service = "wecom" if parts.path == "/cgi-bin/webhook/send" else "dingtalk"
                hook = Hook(service, parts.path, query, payload)
                if service == "wecom" and query.get("key") != sink.wecom_key:
                    answer = {"errcode": 93000, "errmsg": "invalid webhook url"}
                if service == "dingtalk":
                    if query.get("access_token") != sink.dingtalk_token:
                        answer = {"errcode": 300001, "errmsg": "token is not exist"}
                    elif sink.dingtalk_secret:
                        hook.signed_ok = sink.check_sign(query)
                        if not hook.signed_ok:
                            answer = {"errcode": 310000, "errmsg": "sign not match"}
                with sink.lock:
                    if sink.answers:
                        status, answer = sink.answers.pop(0)
                    if status == 200 and answer.get("errcode") == 0:
                        sink.received.append(hook)
                body = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def check_sign(self, query: dict) -> bool:
        """钉钉's check, written from its documentation: HmacSHA256("timestamp\\nsecret") keyed
        with the secret, Base64 (the URL's sign, URL-decoded by the query parser), and a
        timestamp within an hour."""
        try:
            ts = int(query["timestamp"])
        except (KeyError, ValueError):
            return False
        if abs(time.time() * 1000 - ts) > 3600_000:
            return False
        expected = base64.b64encode(hmac.new(self.dingtalk_secret.encode(), f"{ts}\n{self.dingtalk_secret}".encode(),
                                             hashlib.sha256).digest()).decode()
        return hmac.compare_digest(expected, query.get("sign", ""))

    def url(self, service: str) -> str:
        if service == "wecom":
            return f"http://127.0.0.1:{self.port}/cgi-bin/webhook/send?key={self.wecom_key}"
        return f"http://127.0.0.1:{self.port}/robot/send?access_token={self.dingtalk_token}"

    def count(self, service: str | None = None) -> int:
        with self.lock:
            return sum(1 for h in self.received if service in (None, h.service))

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
