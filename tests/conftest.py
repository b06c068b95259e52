from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from monitor.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = ROOT.parent / "shared"

COMPANIES = [
    {"name": "Oracle", "aliases": ["Oracle Corp", "Oracle Corporation"], "ticker": "ORCL", "cik": 1341439},
    {"name": "Meta", "aliases": ["Meta Platforms", "Meta Platforms, Inc.", "Facebook"], "ticker": "META", "cik": 1326801},
    {"name": "Alphabet", "aliases": ["Google", "Alphabet Inc."], "ticker": "GOOGL", "cik": 1652044},
    {"name": "Amazon", "aliases": ["Amazon.com", "AWS"], "ticker": "AMZN", "cik": 1018724},
    {"name": "Microsoft", "aliases": ["Microsoft Corp."], "ticker": "MSFT", "cik": 789019},
    {"name": "Nvidia", "aliases": ["NVIDIA", "NVIDIA Corporation"], "ticker": "NVDA", "cik": 1045810},
    {"name": "SpaceX", "aliases": ["Space Exploration Technologies"]},
    {"name": "Digital Realty", "aliases": ["Digital Realty Trust"], "ticker": "DLR", "cik": 1297996},
]


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[..., Path]:
    """Write a feeds.yaml into the test's directory; sections default to a small valid config."""

    def write(data: dict | None = None, text: str | None = None, name: str = "feeds.yaml") -> Path:
        path = tmp_path / name
        if text is not None:
            path.write_text(text, encoding="utf-8")
        else:
            cfg = {
                "http": {"user_agent": "monitor-tests/0.1 (tests@example.org)", "retries": 0, "timeout": 5},
                "sources": [],
                "companies": COMPANIES,
            }
            cfg.update(data or {})
            path.write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "monitor.db"


@pytest.fixture
def run_cli(write_config, db_path: Path) -> Callable[..., Result]:
    """Invoke `monitor` in-process on the test's own database and configuration."""
    default_config = write_config()

    def run(*args: str, config: Path | None = None, input: str | None = None) -> Result:
        runner = CliRunner()
        return runner.invoke(
            cli,
            ["--config", str(config or default_config), "--db", str(db_path), *args],
            input=input,
            catch_exceptions=False,
        )

    return run


class SmtpSink:
    """What a real SMTP server on 127.0.0.1 received: envelopes and parsed messages."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list:
        from email import policy
        from email.parser import BytesParser

        return [BytesParser(policy=policy.default).parsebytes(e.original_content) for e in self.envelopes]


@pytest.fixture
def smtp_server():
    """An aiosmtpd server on a free local port; yields (port, sink)."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, sink
    finally:
        controller.stop()
