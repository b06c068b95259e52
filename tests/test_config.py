from pathlib import Path

import pytest

from monitor.config import ConfigError, load_config, parse_config, read_yaml
from tests.conftest import ROOT


def test_shipped_feeds_yaml_is_valid_and_complete():
    config = load_config(ROOT / "feeds.yaml")
    assert len(config.companies) >= 40
    names = {c.name for c in config.companies}
    for required in ("Microsoft", "Alphabet", "Amazon", "Meta", "Oracle", "Nvidia", "CoreWeave"):
        assert required in names
    edgar = [s for s in config.sources if s.type == "edgar"]
    assert any("getcurrent" in s.feed_url and "8-K" in s.forms for s in edgar)
    edgar_companies = {s.company for s in edgar if s.cik}
    assert {"Microsoft", "Alphabet", "Amazon", "Meta", "Oracle", "Nvidia", "CoreWeave"} <= edgar_companies
    assert len([s for s in config.sources if s.type == "rss"]) >= 3
    # every listed company with a CIK has the SEC's CIK for its ticker
    from monitor.nlp.companies import sec_table

    by_ticker = {row[2]: row[0] for row in sec_table()}
    for c in config.companies:
        if c.ticker and c.cik:
            assert by_ticker.get(c.ticker) == c.cik, c.name


def test_feeds_yaml_reads_the_same_through_libyaml():
    """read_yaml uses libyaml's loader for start-up time: the shipped file, with every kind of
    value it holds, gives the same data as PyYAML's pure-Python safe loader."""
    import yaml

    assert yaml.__with_libyaml__  # else read_yaml falls back to the pure-Python loader itself
    text = (ROOT / "feeds.yaml").read_text(encoding="utf-8")
    text += "\nextra: {date: 2026-01-02, when: 2026-01-02T03:04:05Z, n: 1e9, o: 0o17, x: 0x1F, b: yes, z: ~, s: 'a\\tb'}\n"
    assert read_yaml(text) == yaml.safe_load(text)


def test_problems_are_reported_one_per_line_with_their_path():
    with pytest.raises(ConfigError) as err:
        parse_config(
            {
                "http": {"user_agent": "anonymous"},
                "sources": [{"name": "x", "type": "rss"}, {"name": "y", "type": "gopher", "url": "https://a.b"}],
                "companies": [{"name": "A", "tickr": "A"}],
                "digest": {"time": "25:00"},
            }
        )
    problems = err.value.problems
    assert "http.user_agent: must contain a contact e-mail address (the SEC rejects anonymous clients)" in problems
    # list items are named by their `name`, so the user finds the rule or source at once
    assert "sources.x: an rss source needs a url" in problems
    assert any(p.startswith("sources.y.type:") for p in problems)
    assert "companies.A.tickr: unknown field" in problems
    assert "digest.time: must be HH:MM (24-hour)" in problems
    assert len(problems) == 5


def test_duplicate_names_are_rejected():
    with pytest.raises(ConfigError) as err:
        parse_config({"companies": [{"name": "Meta"}, {"name": "meta"}]})
    assert "duplicate name" in err.value.problems[0]


def test_a_short_form_belongs_to_one_company():
    config = parse_config({"companies": [{"name": "Vantage Data Centers", "short": ["Vantage"]}]})
    assert config.companies[0].short == ["Vantage"]
    with pytest.raises(ConfigError) as err:
        parse_config({"companies": [{"name": "Vantage Data Centers", "short": ["Vantage"]},
                                    {"name": "Vantage Towers", "short": ["Vantage"]}]})
    assert "short form 'Vantage' is listed under 'Vantage Data Centers' and 'Vantage Towers'" in err.value.problems[0]


def test_invalid_yaml_names_the_line(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text("sources:\n  - name: a\n   url: [\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert err.value.problems[0].startswith("line ")


def test_missing_explicit_file_is_an_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.yaml")


def test_environment_variable_names_the_file(tmp_path: Path, monkeypatch):
    path = tmp_path / "env.yaml"
    path.write_text("companies:\n  - name: Oracle\n    ticker: ORCL\n", encoding="utf-8")
    monkeypatch.setenv("MONITOR_CONFIG", str(path))
    assert load_config().companies[0].ticker == "ORCL"


def test_cli_exits_2_with_one_line_per_problem(run_cli, write_config):
    bad = write_config(text="sources:\n  - name: a\n    type: rss\ncompanies:\n  - nme: X\n", name="bad.yaml")
    result = run_cli("events", config=bad)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    assert all(line.startswith(str(bad)) for line in lines)
    assert any("companies.0.nme: unknown field" in line for line in lines)
    assert result.stdout == ""


def test_edgar_source_url_is_built_from_the_cik():
    config = parse_config({"sources": [{"name": "msft", "type": "edgar", "cik": 789019, "forms": ["8-K"]}]})
    assert config.sources[0].feed_url == "https://data.sec.gov/submissions/CIK0000789019.json"
    local = parse_config({"edgar": {"data_url": "http://127.0.0.1:9/"}, "sources": [{"name": "msft", "type": "edgar", "cik": 789019}]})
    assert local.sources[0].listing_url(local.edgar) == "http://127.0.0.1:9/submissions/CIK0000789019.json"
    assert config.sources[0].document_kind == "filing"


def test_channels_and_timezone_are_checked():
    with pytest.raises(ConfigError) as err:
        parse_config({
            "alerts": [{"name": "r", "channels": [{"type": "webhook"}, {"type": "email"}, {"type": "stdout"}]}],
            "digest": {"timezone": "Mars/Olympus"},
        })
    assert err.value.problems == [
        "alerts.r.channels.0: a webhook channel needs `url_env`",
        "alerts.r.channels.1: an email channel needs `to`",
        "digest.timezone: unknown time zone 'Mars/Olympus' (use an IANA name such as America/New_York)",
    ]
