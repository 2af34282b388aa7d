"""Scale-out tests of ``python -m regviz.search_worker``: two worker processes, one study, real storages.

Each test starts two worker processes at once against one study, on the course's MNIST objective,
and checks that every trial of both is recorded once, by the worker that ran it, and that the
study's best trial is the lowest of all and reproduces its value when run again.

* a journal file and a SQLite file: no server needed, always run;
* PostgreSQL (``@pytest.mark.postgres``): the test starts a throw-away server itself, with
  ``initdb`` into a temporary folder and ``postgres`` on a free port of 127.0.0.1 (as the
  ``postgres`` user when the tests run as root: the server refuses to run as root), and stops it
  afterwards. Never a mock. Without PostgreSQL installed the test is skipped with how to install
  it, except under ``CI=true``, where it fails.

The last tests check that a bad storage URL, a closed port and a server that never answers give
exit status 2 and one clear line within the connect timeout, not a hang.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import optuna
import pytest

from regviz import search

N_TRIALS = 3  # per worker
N_EPOCHS = 1  # per trial: enough to give different error rates, quick to run
WORKER_TIMEOUT = 180  # seconds; a hang fails the test instead of blocking the suite
INSTALL_HINT = (
    "PostgreSQL is not installed: on Debian/Ubuntu run `apt-get update && apt-get install -y postgresql` "
    "(as root), then run `pytest -m postgres` again"
)
REPORT = re.compile(
    r"^worker (?P<worker>\S+): ran (?P<n>\d+) trials \((?P<states>[^)]*)\) of study '(?P<study>[^']+)'; "
    r"the study has (?P<total>\d+) trials, best value (?P<best>\S+) \(trial (?P<best_trial>\d+)\)$"
)

optuna.logging.set_verbosity(optuna.logging.WARNING)


def _worker_command(url: str, study: str, seed: int, *, n_trials: int = N_TRIALS, timeout: float = 5.0) -> list[str]:
    return [
        sys.executable, "-m", "regviz.search_worker", "--storage", url, "--study", study,
        "--n-trials", str(n_trials), "--objective", "mnist", "--n-epochs", str(N_EPOCHS),
        "--seed", str(seed), "--connect-timeout", str(timeout),
    ]  # fmt: skip


def _worker_env() -> dict[str, str]:
    env = dict(os.environ)
    env["REGVIZ_DEVICE"] = "cpu"  # the value recomputed in this process is compared bit for bit
    env["PYTHONWARNINGS"] = "error"  # a warning in a worker is a failure, as in the test suite
    return env


def _run_two_workers(url: str, study: str) -> list[dict[str, str]]:
    """Start two workers at once on one study; return their parsed one-line reports."""
    env = _worker_env()
    workers = [
        subprocess.Popen(
            _worker_command(url, study, seed), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        for seed in (1, 2)
    ]
    reports = []
    try:
        for worker in workers:
            out, err = worker.communicate(timeout=WORKER_TIMEOUT)
            assert worker.returncode == 0, f"worker failed ({worker.returncode}):\n{out}\n{err}"
            assert err == "", err
            match = REPORT.match(out.strip())
            assert match, out
            reports.append(match.groupdict())
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
            worker.wait()
            for stream in (worker.stdout, worker.stderr):
                if stream is not None and not stream.closed:
                    stream.close()
    return reports


def _parse_states(text: str) -> dict[str, int]:
    """``"2 complete, 1 pruned"`` -> ``{"COMPLETE": 2, "PRUNED": 1}``."""
    counts = {}
    for part in text.split(", "):
        n, state = part.split(" ")
        counts[state.upper()] = int(n)
    return counts


def _check_study(url: str, study_name: str, reports: list[dict[str, str]]) -> None:
    """Every trial recorded once, by the worker that ran it; the best trial is consistent."""
    complete, pruned = optuna.trial.TrialState.COMPLETE, optuna.trial.TrialState.PRUNED
    study = optuna.load_study(study_name=study_name, storage=search.open_storage(url))
    trials = study.get_trials(deepcopy=False)
    n_total = 2 * N_TRIALS
    assert sorted(t.number for t in trials) == list(range(n_total))  # each trial once, no gaps
    assert len({t._trial_id for t in trials}) == n_total
    assert {t.state for t in trials} <= {complete, pruned}
    # the median pruner waits for 5 completed trials: of 6, at most the last one can be pruned
    assert sum(t.state == complete for t in trials) >= n_total - 1
    assert study.user_attrs["objective"] == "mnist"
    assert len({r["worker"] for r in reports}) == 2  # two processes
    for report in reports:  # what each worker says it ran is what the storage holds under its name
        mine = [t for t in trials if t.user_attrs["worker"] == report["worker"]]
        assert int(report["n"]) == len(mine) == N_TRIALS
        states = {state.name: sum(t.state == state for t in mine) for state in (complete, pruned)}
        assert _parse_states(report["states"]) == {name: n for name, n in states.items() if n}
    assert max(int(r["total"]) for r in reports) == n_total  # the last worker to finish saw all trials
    for t in trials:
        assert set(t.params) == set(search.MNIST_SPACE)
        if t.state == complete:
            assert list(t.intermediate_values) == list(range(1, N_EPOCHS + 1))
            assert t.value == t.intermediate_values[N_EPOCHS]
            assert 0.0 <= t.value < 0.9  # validation error rate; chance is 0.9
        else:
            # Optuna records a pruned trial's last reported value as the trial's value
            assert 1 <= len(t.intermediate_values) <= N_EPOCHS
            assert t.value == t.intermediate_values[max(t.intermediate_values)]
    # the study's best is the lowest completed trial, and what the last worker to finish printed
    best = study.best_trial
    assert best.value == min(t.value for t in trials if t.state == complete)
    # the worker that finished last read the study after every trial had ended: it printed this best;
    # the other may have read it while a trial was still running, so its best can only be worse
    printed = {(r["best"], int(r["best_trial"])) for r in reports}
    assert (f"{best.value:.6g}", best.number) in printed
    for r in reports:
        assert float(r["best"]) >= float(f"{best.value:.6g}")
    # and the best trial's parameters give the same value when trained again in this process
    objective = search.make_mnist_objective(n_epochs=N_EPOCHS, device="cpu")
    again = objective(optuna.trial.FixedTrial(best.params, number=best.number))
    assert again == best.value


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["journal", "sqlite"])
def test_two_workers_share_a_study_in_a_file(kind: str, tmp_path: Path) -> None:
    url = f"journal://{tmp_path}/study.log" if kind == "journal" else f"sqlite:///{tmp_path}/study.db"
    reports = _run_two_workers(url, "mnist")
    _check_study(url, "mnist", reports)


# --------------------------------------------------------------------------- PostgreSQL


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class _PostgresServer:
    """A throw-away PostgreSQL server: ``initdb`` into a temp folder, ``postgres`` on 127.0.0.1:port."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="regviz-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.user: int | None = None
        self.group: int | None = None
        if os.geteuid() == 0:  # postgres refuses to run as root: run it as the postgres user
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                pytest.fail("running as root and there is no 'postgres' user to run the server as")
            self.user, self.group = account.pw_uid, account.pw_gid
            os.chown(self.root, self.user, self.group)
        self.process: subprocess.Popen[str] | None = None

    def _as_server_user(self) -> dict[str, object]:
        if self.user is None:
            return {}
        return {"user": self.user, "group": self.group, "extra_groups": []}

    def start(self) -> None:
        done = subprocess.run(
            [str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "optuna", "-A", "trust", "-E", "UTF8",
             "--no-sync", "--no-instructions"],
            capture_output=True, text=True, timeout=120, cwd=self.root, **self._as_server_user(),
        )  # fmt: skip
        if done.returncode != 0:
            pytest.fail(f"initdb failed ({done.returncode}): {done.stderr.strip()}")
        self.process = subprocess.Popen(
            [str(self.bin_dir / "postgres"), "-D", str(self.data), "-p", str(self.port), "-h", "127.0.0.1",
             "-k", str(self.root), "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, cwd=self.root, text=True, **self._as_server_user(),
        )  # fmt: skip
        import psycopg2

        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"postgres exited with status {self.process.returncode} while starting")
            try:
                conn = psycopg2.connect(host="127.0.0.1", port=self.port, user="optuna", dbname="postgres")
                break
            except psycopg2.OperationalError:
                if time.monotonic() > deadline:
                    pytest.fail("postgres did not accept connections within 60 s")
                time.sleep(0.2)
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("CREATE DATABASE optuna")
        conn.close()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg2://optuna@127.0.0.1:{self.port}/optuna"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # "fast" shutdown
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[_PostgresServer]:
    bin_dir = _pg_bin()
    if bin_dir is None or not (bin_dir / "postgres").exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and {INSTALL_HINT}")
        pytest.skip(INSTALL_HINT)
    server = _PostgresServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.mark.postgres
@pytest.mark.slow
def test_two_workers_share_a_study_on_postgres(postgres_server: _PostgresServer) -> None:
    reports = _run_two_workers(postgres_server.url, "mnist")
    _check_study(postgres_server.url, "mnist", reports)


@pytest.mark.postgres
def test_postgres_url_without_driver_name_and_wrong_database(postgres_server: _PostgresServer) -> None:
    plain = postgres_server.url.replace("postgresql+psycopg2://", "postgresql://")
    study = optuna.create_study(study_name="plain", storage=search.open_storage(plain))
    study.optimize(search.quadratic_objective, n_trials=2)
    assert len(optuna.load_study(study_name="plain", storage=search.open_storage(postgres_server.url)).trials) == 2
    missing = postgres_server.url.rsplit("/", 1)[0] + "/no_such_db"
    with pytest.raises(search.StorageError, match='database "no_such_db" does not exist'):
        search.open_storage(missing)


# --------------------------------------------------------------------------- clear errors, no hang


def _run_failing_worker(url: str, timeout: float) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    done = subprocess.run(
        _worker_command(url, "s", 1, timeout=timeout), capture_output=True, text=True, timeout=60, env=_worker_env()
    )
    return done, time.perf_counter() - start


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("redis://127.0.0.1/0", "url must be one of journal:///"),
        ("journal:///no/such/folder/study.log", "folder that does not exist"),
        ("postgresql+psycopg2://optuna:secret@127.0.0.1:{closed}/optuna", "cannot open postgresql"),
    ],
)
def test_worker_bad_storage_exits_2_with_one_line(url: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    from regviz import search_worker

    start = time.perf_counter()
    argv = _worker_command(url.format(closed=_free_port()), "s", 1, timeout=5)[3:]  # in process: no start-up cost
    assert search_worker.main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("search_worker: error: ")
    assert message in err
    assert "secret" not in err  # the password is hidden
    assert time.perf_counter() - start < 15


def test_worker_gives_up_on_a_silent_server_within_the_timeout() -> None:
    """A port that accepts connections but never answers: the worker stops after --connect-timeout."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # the kernel completes the handshake; nobody ever replies
        port = silent.getsockname()[1]
        done, elapsed = _run_failing_worker(f"postgresql+psycopg2://optuna@127.0.0.1:{port}/optuna", timeout=2)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "cannot open postgresql" in done.stderr
    assert "timeout" in done.stderr.lower()
    assert elapsed < 2 + 20  # the timeout plus interpreter start-up, not a hang
