"""E-mail for alerts and the digest: messages whose headers nothing from a document can break.

Every header value passes through `clean_header`, which drops CR, LF and the other control
characters, so a feed title like "Oracle\\r\\nBcc: victim@example.org" stays one line of Subject.
The password comes from the environment variable the configuration names; it is never logged.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid, parseaddr

from monitor.config import Smtp
from monitor.formatting import has_control, one_line

_ADDRESS = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\".]+(\.[^@\s<>,;\".]+)*")


class MailError(Exception):
    """Sending failed; the message is one line and names the server, never the password."""


def clean_header(value: str, limit: int = 200) -> str:
    """One line of plain text fit for a header: control characters become spaces."""
    return one_line(value, limit)


def valid_address(value: str) -> bool:
    name, addr = parseaddr(value)
    return bool(addr) and _ADDRESS.fullmatch(addr) is not None and not has_control(value)


def build_message(
    *,
    sender: str,
    to: list[str],
    subject: str,
    text: str,
    html: str | None = None,
    images: dict[str, bytes] | None = None,
    domain: str | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """multipart/alternative (plain text, then HTML), the HTML part multipart/related with its
    PNG images when there are any; `images` maps Content-ID (without brackets) to PNG bytes.
    `message_id` (the part left of the @) makes a resent message the same message: a retry
    after a crash is recognised as a duplicate by the receiving mail system."""
    for addr in [sender, *to]:
        if not valid_address(addr):
            raise MailError(f"invalid e-mail address {clean_header(addr, 80)!r}")
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Date"] = formatdate(localtime=True)
    domain = domain or parseaddr(sender)[1].rpartition("@")[2] or None
    msg["Message-ID"] = f"<{message_id}@{domain or 'monitor.invalid'}>" if message_id else make_msgid(domain=domain)
    msg["Subject"] = clean_header(subject)
    msg["X-Mailer"] = "monitor"
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")
        if images:
            html_part = msg.get_payload()[1]
            for cid, data in images.items():
                html_part.add_related(data, maintype="image", subtype="png", cid=f"<{cid}>",
                                      filename=f"{cid.partition('@')[0]}.png", disposition="inline")
    # Headers stay on one line up to RFC 5322's 998 (ours are at most 200 characters): the
    # standard library folds a Subject holding "(...)" at 78 by starting it on a line of its
    # own, "Subject:" then a folded space, which some clients show as a leading blank. The
    # body parts are already encoded with the usual 78.
    msg.policy = msg.policy.clone(max_line_length=998)
    return msg


def password(settings: Smtp) -> str | None:
    return os.environ.get(settings.password_env) or None


def send(settings: Smtp, message: EmailMessage, *, timeout: float = 30.0) -> None:
    """Deliver one message over SMTP (STARTTLS, SSL or plain, as configured)."""
    where = f"SMTP {settings.host}:{settings.port}"
    secret = password(settings)
    if settings.user and not secret:
        raise MailError(f"{where}: user {settings.user!r} is set but the environment variable "
                        f"{settings.password_env} holding the password is not")
    try:
        if settings.security == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout,
                                                    context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        with server:
            if settings.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if settings.user and secret:
                server.login(settings.user, secret)
            refused = server.send_message(message)
        if refused:
            raise MailError(f"{where}: recipients refused: {', '.join(sorted(refused))}")
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"{where}: login refused for {settings.user!r} ({exc.smtp_code})") from None
    except smtplib.SMTPNotSupportedError:
        raise MailError(f"{where}: the server does not offer STARTTLS (set security: none or ssl)") from None
    except smtplib.SMTPResponseException as exc:
        reason = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        raise MailError(f"{where}: {exc.smtp_code} {clean_header(reason, 120)}") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"{where}: recipients refused: {', '.join(sorted(exc.recipients))}") from None
    except (smtplib.SMTPException, ssl.SSLError) as exc:
        raise MailError(f"{where}: {type(exc).__name__}: {clean_header(str(exc), 120)}") from None
    except TimeoutError:
        raise MailError(f"{where}: timed out after {timeout:g} s") from None
    except OSError as exc:
        raise MailError(f"{where}: cannot connect ({exc.strerror or exc})") from None


def display_sender(address: str, name: str = "monitor") -> str:
    """'monitor <monitor@example.org>' unless the configured sender already has a name."""
    real, addr = parseaddr(address)
    return address if real else formataddr((name, addr))
