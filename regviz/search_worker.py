r"""Run trials of one Optuna study from the command line; start it on as many machines as you like.

Every worker opens the same *storage* and *study*; Optuna's storage hands
out trial numbers and records results, so workers need nothing else in
common — no scheduler, no messages between them::

    # one machine, several processes: a journal file
    python -m regviz.search_worker --storage journal:///tmp/mnist.log --study mnist --n-trials 20

    # several machines: a PostgreSQL database they all reach
    python -m regviz.search_worker \
        --storage postgresql+psycopg2://optuna:secret@db.example.org:5432/optuna \
        --study mnist --n-trials 20 --seed 1

Each worker creates the study if it does not exist yet (``minimize``,
Optuna's TPE sampler, a median pruner), records which objective it serves,
and refuses to join a study of another objective. Each trial it runs carries
the user attribute ``worker`` (``host:pid``), so you can count who ran what.

Exit status: 0 on success; 2 with a one-line ``search_worker: error: ...``
message (never a password, never a traceback) for a bad argument, a bad storage URL, a journal file that
cannot be written or read, an unreachable server (within ``--connect-timeout`` seconds) or damaged course
data; 1 if trials failed.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from ._validation import SEED_MAX
from .data import DataError
from .search import StorageError, make_mnist_objective, open_storage, quadratic_objective

__all__: list[str] = []  # a command line (python -m regviz.search_worker), not a library: see main()

_OBJECTIVES = ("mnist", "quadratic")
"""Objectives a worker can run: the course's MNIST MLP, or a cheap quadratic for tests."""

_PROG = "search_worker"


class _CleanExit(Exception):
    """An error to report in one line, with exit status 2."""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"must be an integer >= 1, got {text!r}") from exc
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be an integer >= 1, got {text!r}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"must be an integer in [0, {SEED_MAX}], got {text!r}") from exc
    if not 0 <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(f"must be an integer in [0, {SEED_MAX}], got {text!r}")
    return value


def _timeout(text: str) -> float:
    try:
        value = float(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"must be a number of seconds > 0, got {text!r}") from exc
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds > 0, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The worker's command-line parser (``python -m regviz.search_worker --help``)."""
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Run trials of one Optuna study stored at --storage; start it on several processes or machines.",
    )
    parser.add_argument(
        "--storage",
        required=True,
        help="journal:///path/study.log, sqlite:///path/study.db or postgresql+psycopg2://user:pw@host:port/db",
    )
    parser.add_argument("--study", required=True, help="study name; created if it does not exist")
    parser.add_argument("--n-trials", type=_positive_int, required=True, help="trials this worker runs")
    parser.add_argument("--objective", choices=_OBJECTIVES, default="mnist", help="what to minimise (default: mnist)")
    parser.add_argument(
        "--seed", type=_seed, default=None, help="seed of this worker's sampler (give each worker its own)"
    )
    parser.add_argument("--n-epochs", type=_positive_int, default=2, help="epochs per MNIST trial (default: 2)")
    parser.add_argument(
        "--connect-timeout", type=_timeout, default=5.0, help="seconds to wait for a database server (default: 5)"
    )
    return parser


def _objective(name: str, n_epochs: int) -> Callable[[Any], float]:
    if name == "quadratic":
        return quadratic_objective
    return make_mnist_objective(n_epochs=n_epochs)


def _load_or_create(storage: Any, study: str, objective: str, seed: int | None) -> Any:
    import optuna
    from sqlalchemy.exc import IntegrityError, ProgrammingError

    sampler = optuna.samplers.TPESampler(seed=seed)
    pruner = optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=1)
    for attempt in range(5):
        try:
            result = optuna.create_study(
                storage=storage, study_name=study, sampler=sampler, pruner=pruner, direction="minimize",
                load_if_exists=True,
            )  # fmt: skip
            break
        except (IntegrityError, ProgrammingError):  # two workers creating the same study at once
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))
        except (OSError, ValueError) as exc:  # a journal that cannot be written, or that holds garbage
            raise StorageError(f"cannot use the storage for study {study!r}: {type(exc).__name__}: {exc}") from None
    if result.direction != optuna.study.StudyDirection.MINIMIZE:
        raise _CleanExit(f"study {study!r} exists and maximises; this worker minimises")
    served = result.user_attrs.get("objective")
    if served is None:
        result.set_user_attr("objective", objective)
    elif served != objective:
        raise _CleanExit(f"study {study!r} serves objective {served!r}, not {objective!r}: use another --study")
    return result


def run_worker(
    storage_url: str,
    study_name: str,
    n_trials: int,
    *,
    objective: str = "mnist",
    seed: int | None = None,
    n_epochs: int = 2,
    connect_timeout: float = 5.0,
) -> dict[str, Any]:
    """Open the storage, join (or create) the study, run ``n_trials`` trials one after the other.

    Parameters
    ----------
    storage_url : str
        See :func:`regviz.search.open_storage`.
    study_name : str
        Name of the study, non-empty.
    n_trials : int
        Trials to run, ``>= 1``.
    objective : {"mnist", "quadratic"}, default="mnist"
        What to minimise.
    seed : int or None, default=None
        Seed of the TPE sampler; give each worker its own.
    n_epochs : int, default=2
        Epochs per MNIST trial, ``>= 1``.
    connect_timeout : float, default=5.0
        Seconds to wait for a database server, ``> 0``.

    Returns
    -------
    dict
        ``worker`` (``host:pid``), ``trials`` (numbers this worker ran),
        ``states`` (count per state), ``n_study_trials``, ``best_value`` and
        ``best_trial`` (of the whole study; None if nothing completed).

    Raises
    ------
    ValueError
        On a bad argument or storage URL.
    regviz.search.StorageError
        If the storage cannot be reached.

    """
    import optuna

    n_trials, n_epochs, seed = _validate_worker_args(storage_url, study_name, n_trials, objective, seed, n_epochs)

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    fn = _objective(objective, n_epochs)  # loads the objective's data first: damaged data create no study
    storage = open_storage(storage_url, connect_timeout=connect_timeout)
    study = _load_or_create(storage, study_name, objective, seed)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    mine: list[int] = []

    def tagged(trial: optuna.trial.Trial) -> float:
        trial.set_user_attr("worker", worker)
        mine.append(trial.number)
        return fn(trial)

    study.optimize(tagged, n_trials=n_trials, catch=(RuntimeError, ValueError))
    return _worker_summary(study, worker, mine)


def _validate_worker_args(
    storage_url: Any, study_name: Any, n_trials: Any, objective: Any, seed: Any, n_epochs: Any
) -> tuple[int, int, int | None]:
    """Validate :func:`run_worker`'s arguments; return ``(n_trials, n_epochs, seed)``."""
    from ._validation import validate_choice, validate_int

    if not isinstance(storage_url, str) or not storage_url.strip():
        raise ValueError(f"storage_url must be a storage URL (see regviz.search.open_storage), got {storage_url!r}")
    if not isinstance(study_name, str) or not study_name.strip():
        raise ValueError(f"study_name must be a non-empty string, got {study_name!r}")
    n_trials = validate_int(n_trials, "n_trials", low=1)
    validate_choice(objective, "objective", _OBJECTIVES)
    n_epochs = validate_int(n_epochs, "n_epochs", low=1)
    if seed is not None:
        seed = validate_int(seed, "seed", low=0, high=SEED_MAX)
    return n_trials, n_epochs, seed


def _worker_summary(study: Any, worker: str, mine: list[int]) -> dict[str, Any]:
    """:func:`run_worker`'s report: this worker's trials and states, the whole study's best."""
    import optuna

    trials = {t.number: t for t in study.get_trials(deepcopy=False)}
    states: dict[str, int] = {}
    for number in mine:
        state = trials[number].state.name
        states[state] = states.get(state, 0) + 1
    complete = [t for t in trials.values() if t.state == optuna.trial.TrialState.COMPLETE]
    best = min(complete, key=lambda t: (t.value, t.number)) if complete else None
    return {
        "worker": worker,
        "trials": mine,
        "states": states,
        "n_study_trials": len(trials),
        "best_value": None if best is None else best.value,
        "best_trial": None if best is None else best.number,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        report = run_worker(
            args.storage, args.study, args.n_trials, objective=args.objective, seed=args.seed,
            n_epochs=args.n_epochs, connect_timeout=args.connect_timeout,
        )  # fmt: skip
    except (ValueError, StorageError, DataError, _CleanExit) as exc:
        print(f"{_PROG}: error: {exc}", file=sys.stderr)
        return 2
    states = ", ".join(f"{n} {s.lower()}" for s, n in sorted(report["states"].items()))
    best = (
        "none complete yet"
        if report["best_value"] is None
        else f"{report['best_value']:.6g} (trial {report['best_trial']})"
    )
    print(
        f"worker {report['worker']}: ran {len(report['trials'])} trials ({states}) of study {args.study!r}; "
        f"the study has {report['n_study_trials']} trials, best value {best}"
    )
    return 1 if report["states"].get("FAIL") else 0


if __name__ == "__main__":  # pragma: no cover - exercised through subprocess in the tests
    sys.exit(main())
