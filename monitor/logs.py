"""Logging for people (one plain line) and machines (`--log-json`: one JSON object a line).

The library logs; only the CLI configures. Records may carry fields (`extra=`) such as
`source`, `status`, `entries`, `new`, `error`: the JSON lines keep them as keys. Every line,
plain or JSON, passes a filter that removes secrets: the values of the environment variables
that hold them (the configured SMTP password and webhook URLs, and any *PASSWORD, *SECRET,
*TOKEN, *_KEY or *WEBHOOK* variable) and passwords written into URLs.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from datetime import UTC, datetime
from typing import TextIO

REDACTED = "[redacted]"
_SECRET_NAME = re.compile(r"PASSWORD|PASSWD|SECRET|TOKEN|_KEY$|WEBHOOK", re.I)
_URL_PASSWORD = re.compile(r"(?<=://)([^/\s:@]+):([^/\s@]+)@")
# The attributes every LogRecord has; anything else came in through `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}

_secret_names: set[str] = set()


def add_secret_names(*names: str | None) -> None:
    """Environment variables whose values must never appear in a log line."""
    _secret_names.update(n for n in names if n)


def _secrets() -> list[str]:
    names = _secret_names | {k for k in os.environ if _SECRET_NAME.search(k)}
    values = {os.environ.get(n) or "" for n in names}
    return sorted((v for v in values if len(v) >= 4), key=len, reverse=True)


def redact(text: str) -> str:
    for value in _secrets():
        if value in text:
            text = text.replace(value, REDACTED)
    return _URL_PASSWORD.sub(rf"\1:{REDACTED}@", text)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD and isinstance(value, str):
                setattr(record, key, redact(value))
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        out.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info or record.exc_text:
            out["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def configure(level: int | str = logging.WARNING, *, as_json: bool = False, stream: TextIO | None = None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setLevel(level)  # libraries that set their own loggers' levels (werkzeug) stay quiet
    handler.addFilter(RedactSecrets())
    handler.setFormatter(JsonFormatter() if as_json else logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_monitor", False):
            root.removeHandler(old)
    handler._monitor = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("urllib3", "httpx", "httpcore", "filelock", "matplotlib", "PIL"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
