"""``graphkit query`` has limits: no SERVICE requests unless asked, read-only, a time limit,
a row cap, rows printed as they come, Ctrl-C that stops it, and CSV safe for spreadsheets."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_rdf_fixtures import hand_graph

from graphkit.cli import main
from graphkit.export.rdf import write_rdf

REPO = Path(__file__).resolve().parents[1]
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("query") / "hand.ttl"
    write_rdf(hand_graph(), path)
    return path


def test_service_is_refused_unless_allowed(ttl: Path, capfd: pytest.CaptureFixture) -> None:
    sparql = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert main(["query", str(ttl), sparql]) == 1
    assert "SERVICE clause" in capfd.readouterr().err


def test_words_like_service_are_no_service(ttl: Path, capfd: pytest.CaptureFixture) -> None:
    sparql = 'SELECT ?service WHERE { BIND("SERVICE <x> {}" AS ?service) } # SERVICE'
    assert main(["query", str(ttl), sparql]) == 0
    assert "SERVICE <x> {}" in capfd.readouterr().out


@pytest.mark.parametrize(
    "sparql",
    ["INSERT DATA { <http://a> <http://b> <http://c> }", "PREFIX x: <http://x/>\nCLEAR ALL"],
)
def test_updates_are_refused_as_read_only(
    ttl: Path, capfd: pytest.CaptureFixture, sparql: str
) -> None:
    assert main(["query", str(ttl), sparql]) == 1
    assert "read-only" in capfd.readouterr().err


def test_limit_caps_rows(ttl: Path, capfd: pytest.CaptureFixture) -> None:
    assert main(["query", str(ttl), CARTESIAN, "--limit", "3", "--format", "csv"]) == 0
    captured = capfd.readouterr()
    assert len(captured.out.splitlines()) == 1 + 3
    assert "stopped at 3 rows" in captured.err


def test_timeout_stops_the_query_after_printing_the_first_rows(
    ttl: Path, capfd: pytest.CaptureFixture
) -> None:
    # A limit of seconds, not one: the child process must start and stream rows first, even
    # on a loaded machine.
    assert main(["query", str(ttl), CARTESIAN, "--format", "csv", "--timeout", "5"]) == 1
    captured = capfd.readouterr()
    assert "ran longer than 5 s" in captured.err
    assert len(captured.out.splitlines()) > 1


@pytest.mark.usefixtures("ctrl_c_reaches_children")
def test_ctrl_c_stops_a_running_query(ttl: Path) -> None:
    command = [sys.executable, "-m", "graphkit", "query", str(ttl), CARTESIAN, "--timeout", "0"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    process.stdout.readline()
    process.send_signal(signal.SIGINT)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        process.stdout.read(1 << 16)
    assert process.wait(timeout=10) == 130
    assert "interrupted" in process.stderr.read()


def test_csv_cells_that_start_like_formulas_are_quoted(
    ttl: Path, capfd: pytest.CaptureFixture
) -> None:
    sparql = (
        'SELECT ?a ?b ?c ?d WHERE { BIND("=HYPERLINK(\\"http://x\\")" AS ?a) '
        'BIND("@SUM(A1)" AS ?b) BIND(-1.5 AS ?c) BIND("+1" AS ?d) }'
    )
    assert main(["query", str(ttl), sparql, "--format", "csv"]) == 0
    row = capfd.readouterr().out.splitlines()[1]
    assert row == '"\'=HYPERLINK(""http://x"")","\'@SUM(A1)",-1.5,+1'
