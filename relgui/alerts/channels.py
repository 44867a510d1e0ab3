"""The ways an alert leaves relgui: e-mail over SMTP, 企业微信 and 钉钉 group robots.

Each transport's ``send`` either returns (the server accepted the message) or raises
DeliveryError with a message code (relgui/domain/messages_alerts.py) saying what went wrong
in words, and whether the fault is the channel's (unreachable, TLS, credentials, 429/5xx: the
alert is retried with backoff, the channel counted as failing) or this one message's (a
recipient the mail server refuses: retrying the same message cannot help).
"""

from __future__ import annotations

import base64
import email.utils
import hashlib
import hmac
import ipaddress
import json
import smtplib
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from relgui.domain.errors import InvalidInput, Refusal

KINDS = ("email", "wecom", "dingtalk")
SECURITY = ("starttls", "ssl", "none")
TIMEOUT = 15.0  # seconds for one connection or request (a sender's lease is much longer)
SERVICE = {"wecom": ("企业微信", "WeCom"), "dingtalk": ("钉钉", "DingTalk")}


class DeliveryError(Exception):
    """A send that failed. ``scope``: "channel" (retry later, the channel is failing) or
    "message" (this message cannot be delivered as it is)."""

    def __init__(self, code: str, scope: str = "channel", **params: Any):
        super().__init__(code, params)
        self.code, self.scope, self.params = code, scope, params

    @property
    def refusal(self) -> Refusal:
        return Refusal(self.code, params={k: str(v)[:300] for k, v in self.params.items()})


@dataclass
class Outgoing:
    """One message ready to go: the words, who gets it, and its stable identity (the
    Message-ID of a mail: a repeat after an unconfirmed send carries the same one)."""

    subject: str
    body: str
    to: str = ""
    message_id: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# --- configuration checks (what an administrator types) -----------------------------------

def _bad(field_name: str, detail: str) -> InvalidInput:
    return InvalidInput(Refusal("alert_setting_bad", params={"field": field_name, "detail": detail}))


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_email_config(config: dict[str, Any]) -> dict[str, Any]:
    host = str(config.get("host") or "").strip()
    if not host or any(c.isspace() for c in host):
        raise _bad("host", "host name needed / 需填写主机名")
    security = str(config.get("security") or "starttls")
    if security not in SECURITY:
        raise _bad("security", "/".join(SECURITY))
    try:
        port = int(config.get("port") or {"ssl": 465, "starttls": 587, "none": 25}[security])
    except (TypeError, ValueError):
        raise _bad("port", "1-65535") from None
    if not 0 < port < 65536:
        raise _bad("port", "1-65535")
    sender = str(config.get("sender") or "").strip()
    if not valid_address(sender):
        raise _bad("sender", sender[:100] or "—")
    username = str(config.get("username") or "").strip()
    ca_file = str(config.get("ca_file") or "").strip()
    return {"host": host, "port": port, "security": security, "sender": sender, "username": username,
            "ca_file": ca_file}


def check_webhook_url(kind: str, url: str) -> str:
    url = (url or "").strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise _bad("url", "https://…")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise _bad("url", "https only (http only to this computer) / 只允许 https")
    query = urllib.parse.parse_qs(parts.query)
    needed = "key" if kind == "wecom" else "access_token"
    if not query.get(needed):
        raise _bad("url", f"the robot's address with its {needed}= / 机器人地址须含 {needed}=")
    return url


def check_webhook_config(config: dict[str, Any]) -> dict[str, Any]:
    return {"ca_file": str(config.get("ca_file") or "").strip(),
            "keyword": str(config.get("keyword") or "").strip()[:40]}


def valid_address(value: str) -> bool:
    name, addr = email.utils.parseaddr(value or "")
    return bool(addr) and addr.count("@") == 1 and "." in addr.split("@")[1] and not any(c.isspace() for c in addr)


def shown_url(url: str) -> str:
    """A webhook address for display: host and path, the key/token hidden."""
    parts = urllib.parse.urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}{parts.path}?…" if parts.netloc else ""


def _tls_context(ca_file: str) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=ca_file or None)


# --- SMTP -----------------------------------------------------------------------------------

class SmtpTransport:
    """One SMTP connection, kept open across a batch (opened on first send)."""

    kind = "email"

    def __init__(self, config: dict[str, Any], password: str | None, *, helo: str | None = None,
                 timeout: float = TIMEOUT):
        self.config = check_email_config(config)
        self.timeout = timeout
        self.password = password
        self.helo = helo
        self._smtp: smtplib.SMTP | None = None

    def _fail(self, code: str, exc: BaseException, **extra: Any) -> DeliveryError:
        detail = str(exc).strip() or type(exc).__name__
        return DeliveryError(code, host=self.config["host"], port=self.config["port"], detail=detail[:300], **extra)

    def _open(self) -> smtplib.SMTP:
        c = self.config
        smtp: smtplib.SMTP
        try:
            if c["security"] == "ssl":
                smtp = smtplib.SMTP_SSL(c["host"], c["port"], local_hostname=self.helo, timeout=self.timeout,
                                        context=_tls_context(c["ca_file"]))
            else:
                smtp = smtplib.SMTP(c["host"], c["port"], local_hostname=self.helo, timeout=self.timeout)
                if c["security"] == "starttls":
                    smtp.starttls(context=_tls_context(c["ca_file"]))
                    smtp.ehlo()
        except ssl.SSLError as exc:
            raise self._fail("alert_smtp_tls", exc) from None
        except smtplib.SMTPNotSupportedError as exc:
            raise self._fail("alert_smtp_tls", exc) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise self._fail("alert_smtp_connect", exc) from None
        if c["username"]:
            if not self.password:
                smtp.close()
                raise DeliveryError("alert_smtp_auth", host=c["host"], detail="no password in the credential store")
            try:
                smtp.login(c["username"], self.password)
            except smtplib.SMTPAuthenticationError as exc:
                smtp.close()
                raise self._fail("alert_smtp_auth", exc) from None
            except (OSError, smtplib.SMTPException) as exc:
                smtp.close()
                raise self._fail("alert_smtp_connect", exc) from None
        return smtp

    def message(self, out: Outgoing) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = self.config["sender"]
        msg["To"] = out.to
        msg["Subject"] = out.subject
        msg["Date"] = email.utils.formatdate(localtime=False)
        msg["Message-ID"] = out.message_id or email.utils.make_msgid(domain="relgui")
        msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to an alert
        for k, v in out.extra.items():
            msg[k] = v
        msg.set_content(out.body, charset="utf-8")
        return msg

    def send(self, out: Outgoing) -> None:
        if not valid_address(out.to):
            raise DeliveryError("alert_no_address", scope="message")
        if self._smtp is None:
            self._smtp = self._open()
        try:
            refused = self._smtp.send_message(self.message(out))
        except smtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError("alert_smtp_refused", scope="message", value=out.to,
                                detail=str(exc.recipients)[:300]) from None
        except smtplib.SMTPResponseException as exc:
            self.close()
            scope = "message" if 500 <= exc.smtp_code < 600 and exc.smtp_code not in (530, 535, 554) else "channel"
            raise DeliveryError("alert_smtp_failed", scope=scope, host=self.config["host"],
                                detail=f"{exc.smtp_code} {exc.smtp_error!r}"[:300]) from None
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise self._fail("alert_smtp_connect", exc) from None
        if refused:
            raise DeliveryError("alert_smtp_refused", scope="message", value=out.to, detail=str(refused)[:300])

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()


# --- group robots ---------------------------------------------------------------------------

def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉 加签: HmacSHA256 over "timestamp\\nsecret" keyed with the secret, Base64, then
    URL-encoded (open.dingtalk.com, 自定义机器人安全设置)."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


class WebhookTransport:
    """企业微信 or 钉钉 group robot: one JSON POST per message; errcode 0 is success."""

    # Rate limits: 钉钉 130101 (sending too fast), 企业微信 45009 (API frequency): retry later.
    TRANSIENT = {"dingtalk": {130101}, "wecom": {45009, -1}}

    def __init__(self, kind: str, config: dict[str, Any], url: str | None, secret: str | None = None,
                 clock_ms=None, timeout: float = TIMEOUT):
        import time

        self.timeout = timeout
        self.kind = kind
        self.config = check_webhook_config(config)
        self.url = url or ""
        self.secret = secret or ""
        self._clock_ms = clock_ms or (lambda: int(time.time() * 1000))

    def _say(self) -> str:
        return "/".join(SERVICE[self.kind])

    def target(self) -> str:
        if not self.url:
            raise DeliveryError("alert_webhook_connect", service=self._say(), host="?", detail="no address in the credential store")
        if self.kind == "dingtalk" and self.secret:
            ts = self._clock_ms()
            return f"{self.url}&timestamp={ts}&sign={dingtalk_sign(self.secret, ts)}"
        return self.url

    def payload(self, out: Outgoing) -> dict[str, Any]:
        content = f"{out.subject}\n{out.body}"
        if self.config["keyword"] and self.config["keyword"] not in content:
            content = f"{self.config['keyword']} {content}"  # 钉钉 关键词 security mode
        return {"msgtype": "text", "text": {"content": content}}

    def send(self, out: Outgoing) -> None:
        url = self.target()
        host = urllib.parse.urlsplit(url).hostname or "?"
        data = json.dumps(self.payload(out), ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(url, data=data, method="POST",
                                         headers={"Content-Type": "application/json; charset=utf-8"})
        handlers: list = [urllib.request.HTTPSHandler(context=_tls_context(self.config["ca_file"]))]
        if is_loopback(host):
            handlers.append(urllib.request.ProxyHandler({}))  # never through a proxy to this computer
        opener = urllib.request.build_opener(*handlers)
        try:
            with opener.open(request, timeout=self.timeout) as response:
                body = response.read(65536)
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace") if exc.fp else ""
            raise DeliveryError("alert_webhook_http", service=self._say(), status=exc.code,
                                detail=(detail or exc.reason or "")[:300]) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ssl.SSLError):
                raise DeliveryError("alert_webhook_tls", service=self._say(), host=host, detail=str(reason)[:300]) from None
            raise DeliveryError("alert_webhook_connect", service=self._say(), host=host, detail=str(reason)[:300]) from None
        except (TimeoutError, OSError) as exc:
            raise DeliveryError("alert_webhook_connect", service=self._say(), host=host, detail=str(exc)[:300]) from None
        try:
            answer = json.loads(body.decode("utf-8"))
            errcode = int(answer.get("errcode", -1))
        except (ValueError, AttributeError, TypeError):
            raise DeliveryError("alert_webhook_errcode", service=self._say(), errcode="?",
                                detail=body[:200].decode("utf-8", "replace")) from None
        if errcode != 0:
            raise DeliveryError("alert_webhook_errcode", service=self._say(), errcode=errcode,
                                detail=str(answer.get("errmsg", ""))[:300])

    def close(self) -> None:
        pass
