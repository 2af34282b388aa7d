"""Tests of regviz.search: spaces, designs, acquisition functions, search runs and storages."""

from __future__ import annotations

import math
import re
import time

import matplotlib
import numpy as np
import optuna
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate
from scipy.stats import norm

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from regviz import search

optuna.logging.set_verbosity(optuna.logging.WARNING)

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --------------------------------------------------------------------------- search spaces


def test_ranges_and_choices_store_checked_values():
    assert search.FloatRange(1, 2) == search.FloatRange(1.0, 2.0)
    assert search.IntRange(1, 8, log=True).high == 8
    assert search.Categorical([32, 64]).choices == (32, 64)
    assert search.FloatRange(0.5, 0.5).low == 0.5  # a single value is allowed


@given(low=finite, gap=st.floats(min_value=1e-3, max_value=1e3))
def test_float_range_low_above_high_is_refused(low, gap):
    with pytest.raises(ValueError, match="low must be <= high"):
        search.FloatRange(low + gap, low)


@given(low=st.floats(min_value=-1e3, max_value=0.0), high=st.floats(min_value=1e-3, max_value=1e3))
def test_log_range_must_start_above_zero(low, high):
    with pytest.raises(ValueError, match=r"low must be > 0 for a log range"):
        search.FloatRange(low, high, log=True)
    with pytest.raises(ValueError, match=r"low must be > 0 for a log range"):
        search.IntRange(math.floor(low), math.ceil(high), log=True)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: search.Categorical(()), "at least one value"),
        (lambda: search.Categorical([]), "at least one value"),
        (lambda: search.Categorical("abc"), "sequence of values"),
        (lambda: search.Categorical((1, 1)), "must not repeat"),
        (lambda: search.Categorical(([1], [2])), "None, bool, int, float or str"),
        (lambda: search.FloatRange(0, float("inf")), "high must be a finite number"),
        (lambda: search.FloatRange(float("nan"), 1), "low must be a finite number"),
        (lambda: search.FloatRange(0, 1, log=1), "log must be True or False"),
        (lambda: search.IntRange(0.5, 3), "low must be an integer"),
        (lambda: search.IntRange(5, 2), "low must be <= high"),
    ],
)
def test_bad_hyperparameters_are_refused(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize(
    ("space", "message"),
    [
        ({}, "at least one hyperparameter"),
        ([("a", search.FloatRange(0, 1))], "must be a mapping"),
        ({"a": (0, 1)}, r"space\['a'\] must be a FloatRange"),
        ({"": search.FloatRange(0, 1)}, "non-empty strings"),
    ],
)
def test_bad_spaces_are_refused(space, message):
    with pytest.raises(ValueError, match=message):
        search.validate_search_space(space)


# --------------------------------------------------------------------------- designs


def test_grid_points_spread_the_budget_evenly_with_the_ends_included():
    pts = search.grid_points({"a": search.FloatRange(0, 1), "b": search.FloatRange(0, 1)}, 9)
    assert len(pts) == 9
    assert sorted({p["a"] for p in pts}) == [0.0, 0.5, 1.0]
    pts = search.grid_points({"a": search.FloatRange(0, 1), "b": search.FloatRange(0, 1)}, 30)
    assert len(pts) == 30
    assert len({p["a"] for p in pts}) == 6 and len({p["b"] for p in pts}) == 5
    assert pts[0] == {"a": 0.0, "b": 0.0} and pts[1]["a"] == 0.0  # first hyperparameter varies slowest


def test_grid_points_log_axis_categorical_and_integer():
    space = {
        "lr": search.FloatRange(1e-4, 1e-1, log=True),
        "hidden": search.Categorical((32, 64)),
        "layers": search.IntRange(1, 3),
    }
    pts = search.grid_points(space, 2 * 4 * 3)
    assert len(pts) == 24
    np.testing.assert_allclose(sorted({p["lr"] for p in pts}), [1e-4, 1e-3, 1e-2, 1e-1])
    assert {p["hidden"] for p in pts} == {32, 64}
    assert {p["layers"] for p in pts} == {1, 2, 3}
    assert search.grid_points({"x": search.FloatRange(1, 100, log=True)}, 1) == [{"x": pytest.approx(10.0)}]
    with pytest.raises(ValueError, match="budget must be >= 6"):
        search.grid_points({"a": search.Categorical((1, 2, 3)), "b": search.Categorical((1, 2))}, 5)
    with pytest.raises(ValueError, match="budget must be an integer"):
        search.grid_points({"a": search.FloatRange(0, 1)}, 0)


def test_grid_points_centred_spacing_keeps_off_the_edges():
    space = {"a": search.FloatRange(0, 1), "b": search.FloatRange(0, 1)}
    pts = search.grid_points(space, 16, spacing="centred")
    assert len(pts) == 16
    assert sorted({p["a"] for p in pts}) == [0.125, 0.375, 0.625, 0.875]
    assert search.grid_points(space, 16, spacing="ends") == search.grid_points(space, 16)  # the default
    log_pts = search.grid_points({"lr": search.FloatRange(1e-4, 1.0, log=True)}, 4, spacing="centred")
    np.testing.assert_allclose([p["lr"] for p in log_pts], [10**-3.5, 10**-2.5, 10**-1.5, 10**-0.5])  # log centres
    ints = search.grid_points({"k": search.IntRange(1, 4)}, 4, spacing="centred")
    assert [p["k"] for p in ints] == [1, 2, 3, 4]  # rounded centres of 4 cells of [1, 4], each value once
    assert search.grid_points({"x": search.FloatRange(2, 4)}, 1, spacing="centred") == [{"x": 3.0}]
    with pytest.raises(ValueError, match=r"spacing must be one of \['ends', 'centred'\]"):
        search.grid_points(space, 4, spacing="center")


@pytest.mark.parametrize("too_many", [search.MAX_DESIGN_POINTS + 1, 10**9, 2**63])
def test_designs_refuse_a_huge_budget_before_allocating(too_many):
    space = {"a": search.FloatRange(0, 1), "b": search.FloatRange(0, 1)}
    start = time.perf_counter()
    with pytest.raises(ValueError, match=r"budget must be an integer in \[1, 100000\]"):
        search.grid_points(space, too_many)
    with pytest.raises(ValueError, match=r"n_points must be an integer in \[1, 100000\]"):
        search.random_points(space, too_many)
    with pytest.raises(ValueError, match=r"budget must be an integer in \[5, 100000\]"):
        search.run_search("branin", "random", too_many)
    assert time.perf_counter() - start < 1.0  # refused at once, nothing allocated
    assert len(search.grid_points({"a": search.FloatRange(0, 1)}, search.MAX_DESIGN_POINTS)) == 100_000  # the bound


def test_random_points_are_seeded_in_range_and_log_uniform():
    space = {
        "lr": search.FloatRange(1e-5, 1e-1, log=True),
        "k": search.IntRange(2, 5),
        "c": search.Categorical(("x", "y")),
    }
    a = search.random_points(space, 4000, seed=3)
    assert a == search.random_points(space, 4000, seed=3)
    assert a != search.random_points(space, 4000, seed=4)
    lr = np.array([p["lr"] for p in a])
    assert lr.min() >= 1e-5 and lr.max() <= 1e-1
    per_decade = np.histogram(np.log10(lr), bins=[-5, -4, -3, -2, -1])[0] / len(lr)
    np.testing.assert_allclose(per_decade, 0.25, atol=0.03)  # each decade gets a quarter
    assert {p["k"] for p in a} == {2, 3, 4, 5}
    assert {p["c"] for p in a} == {"x", "y"}


def test_suggest_asks_the_trial_for_every_hyperparameter():
    space = {
        "lr": search.FloatRange(1e-4, 1.0, log=True),
        "n": search.IntRange(1, 4),
        "act": search.Categorical(("relu", "tanh")),
    }
    trial = optuna.trial.FixedTrial({"lr": 0.01, "n": 3, "act": "tanh"})
    assert search.suggest(trial, space) == {"lr": 0.01, "n": 3, "act": "tanh"}
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    study.optimize(lambda t: search.suggest(t, space)["lr"], n_trials=3)
    assert set(study.trials[0].distributions) == {"lr", "n", "act"}
    assert study.trials[0].distributions["lr"].log is True


def test_to_log_uniform():
    np.testing.assert_allclose(search.to_log_uniform([0.0, 0.5, 1.0], 1e-3, 10.0), [1e-3, 0.1, 10.0])
    with pytest.raises(ValueError, match=r"u must hold numbers in \[0, 1\]"):
        search.to_log_uniform([1.5], 1e-3, 1.0)
    with pytest.raises(ValueError, match="low must be in"):
        search.to_log_uniform([0.5], 0.0, 1.0)


# --------------------------------------------------------------------------- acquisition functions


@pytest.mark.parametrize(
    ("mu", "sigma", "best", "xi"), [(0.0, 1.0, 0.0, 0.0), (1.5, 0.3, 1.0, 0.01), (-2.0, 0.5, -1.0, 0.1)]
)
def test_expected_improvement_is_the_expectation(mu, sigma, best, xi):
    integral = integrate.quad(
        lambda y: max(best - xi - y, 0.0) * norm.pdf(y, mu, sigma), mu - 12 * sigma, mu + 12 * sigma, points=[best - xi]
    )[0]
    assert search.expected_improvement(mu, sigma, best, xi=xi) == pytest.approx(integral, abs=1e-9)


def test_expected_improvement_edge_cases_and_errors():
    ei = search.expected_improvement(np.array([0.0, 2.0, 0.0]), np.array([0.0, 0.0, 1.0]), 1.0)
    np.testing.assert_allclose(ei[:2], [1.0, 0.0])  # no uncertainty: the plain improvement
    assert np.all(ei >= 0)
    # more uncertainty, same mean: more expected improvement
    assert search.expected_improvement(2.0, 2.0, 1.0) > search.expected_improvement(2.0, 0.5, 1.0)
    with pytest.raises(ValueError, match="sigma must hold standard deviations >= 0"):
        search.expected_improvement([0.0], [-1.0], 0.0)
    with pytest.raises(ValueError, match="same shape"):
        search.expected_improvement([0.0, 1.0], [1.0], 0.0)
    with pytest.raises(ValueError, match="xi must be in"):
        search.expected_improvement([0.0], [1.0], 0.0, xi=-0.1)


def test_probability_of_improvement():
    assert search.probability_of_improvement(0.0, 1.0, 0.0) == pytest.approx(0.5)
    assert search.probability_of_improvement(0.0, 1.0, 1.0, xi=1.0) == pytest.approx(0.5)
    np.testing.assert_allclose(search.probability_of_improvement([0.0, 2.0], [0.0, 0.0], 1.0), [1.0, 0.0])


# --------------------------------------------------------------------------- successive halving


@pytest.mark.parametrize(
    ("n_candidates", "min_resources", "n_samples", "factor"), [(27, 40, 600, 3), (20, 10, 300, 3), (10, 20, 400, 2)]
)
def test_halving_schedule_matches_scikit_learn(n_candidates, min_resources, n_samples, factor):
    from scipy.stats import randint
    from sklearn.dummy import DummyClassifier
    from sklearn.experimental import enable_halving_search_cv  # noqa: F401
    from sklearn.model_selection import HalvingRandomSearchCV

    rng = np.random.default_rng(0)
    X, y = rng.random((n_samples, 2)), np.arange(n_samples) % 2
    sk = HalvingRandomSearchCV(
        DummyClassifier(strategy="stratified"), {"random_state": randint(0, 10**6)}, n_candidates=n_candidates,
        factor=factor, min_resources=min_resources, cv=2, random_state=0,
    ).fit(X, y)  # fmt: skip
    expected = list(zip(sk.n_candidates_, sk.n_resources_, strict=True))
    assert search.halving_schedule(n_candidates, min_resources, n_samples, factor=factor) == expected


def test_halving_schedule_counts_logs_exactly_and_validates():
    assert search.halving_schedule(243, 1, 10**6, factor=3)[-1] == (1, 243)  # 6 rungs: 243 = 3**5 exactly
    assert search.halving_schedule(1, 5, 50) == [(1, 5)]
    with pytest.raises(ValueError, match="max_resources must be an integer"):
        search.halving_schedule(10, 50, 40)
    with pytest.raises(ValueError, match="factor must be an integer"):
        search.halving_schedule(10, 5, 40, factor=1)


# --------------------------------------------------------------------------- test functions and searches


def test_branin_minima_and_low_effective_dim_loss():
    minimizers = np.array([[-np.pi, 12.275], [np.pi, 2.275], [9.42478, 2.475]])
    unit = np.c_[(minimizers[:, 0] + 5) / 15, minimizers[:, 1] / 15]
    np.testing.assert_allclose(search.branin(unit), search.BRANIN_MIN, atol=1e-5)
    s = np.linspace(0, 1, 101)
    U, V = np.meshgrid(s, s)
    assert search.branin(np.c_[U.ravel(), V.ravel()]).min() >= search.BRANIN_MIN - 1e-12
    assert search.low_effective_dim_loss([[0.3, 0.5]], u_star=0.3)[0] == pytest.approx(0.1)
    spread_v = np.ptp(search.low_effective_dim_loss(np.c_[np.full(11, 0.3), np.linspace(0, 1, 11)], u_star=0.3))
    spread_u = np.ptp(search.low_effective_dim_loss(np.c_[np.linspace(0, 1, 11), np.full(11, 0.5)], u_star=0.3))
    assert spread_v <= 0.025 + 1e-12 and spread_u > 0.8  # u matters, v hardly
    with pytest.raises(ValueError, match=r"X must lie in the unit square"):
        search.branin([[1.5, 0.0]])
    with pytest.raises(ValueError, match=r"shape \(n_points, 2\)"):
        search.branin([[0.5, 0.5, 0.5]])


def test_bayes_opt_minimize_is_seeded_and_finds_a_1d_minimum():
    def f(X):
        return (np.asarray(X)[:, 0] - 0.3) ** 2

    X1, y1 = search.bayes_opt_minimize(f, 12, n_dims=1, n_init=3, seed=1)
    X2, _ = search.bayes_opt_minimize(f, 12, n_dims=1, n_init=3, seed=1)
    np.testing.assert_array_equal(X1, X2)
    assert X1.shape == (12, 1) and y1.shape == (12,)
    assert y1.min() < 1e-3  # within about 0.03 of the minimiser
    assert y1[3:].min() < y1[:3].min()  # the model-driven steps improved on the random start
    with pytest.raises(ValueError, match="budget must be an integer"):
        search.bayes_opt_minimize(f, 2, n_dims=1, n_init=3)
    with pytest.raises(ValueError, match="objective must return 3 finite values"):
        search.bayes_opt_minimize(lambda X: np.zeros(1), 4, n_dims=1, n_init=3)


@pytest.mark.parametrize("method", search.SEARCH_METHODS)
def test_run_search_methods(method):
    trace = search.run_search("branin", method, 12, seed=0)
    assert trace.method == method
    assert len(trace.y) == 12  # for the grid: 4 x 3 points fill the budget exactly
    assert np.all((trace.X >= 0) & (trace.X <= 1))
    np.testing.assert_allclose(trace.y, search.branin(trace.X))
    assert np.all(np.diff(trace.best_so_far) <= 0) and trace.best == trace.y.min()
    again = search.run_search("branin", method, 12, seed=0)
    np.testing.assert_array_equal(trace.y, again.y)
    with pytest.raises(ValueError):
        trace.y[0] = 0.0  # traces are read-only


def test_run_search_validates():
    with pytest.raises(ValueError, match="method must be one of"):
        search.run_search("branin", "bayes", 10)
    with pytest.raises(ValueError, match="objective must be one of"):
        search.run_search("rosenbrock", "random", 10)
    with pytest.raises(ValueError, match="budget must be an integer"):
        search.run_search("branin", "random", 3, n_init=5)


def test_run_search_grid_is_the_centred_grid():
    grid = search.run_search("low_effective_dim", "grid", 16)
    assert sorted(np.unique(grid.X[:, 0])) == [0.125, 0.375, 0.625, 0.875]


# --------------------------------------------------------------------------- storages and objectives


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "url must be a storage URL"),
        ("redis://localhost", "url must be one of"),
        ("/tmp/study.log", "url must be one of"),
        ("journal:///no/such/folder/x.log", "folder that does not exist"),
        ("journal://", "url must name a file"),
    ],
)
def test_open_storage_rejects_bad_urls(url, message):
    with pytest.raises(ValueError, match=message):
        search.open_storage(url)


def test_open_storage_journal_and_sqlite_hold_a_study(tmp_path):
    for url in (f"journal://{tmp_path}/s.log", f"sqlite:///{tmp_path}/s.db"):
        study = optuna.create_study(study_name="s", storage=search.open_storage(url))
        study.optimize(search.quadratic_objective, n_trials=3)
        again = optuna.load_study(study_name="s", storage=search.open_storage(url))
        assert [t.value for t in again.trials] == [t.value for t in study.trials]


def test_open_storage_fails_fast_and_hides_the_password():
    start = time.perf_counter()
    with pytest.raises(
        search.StorageError, match=r"cannot open postgresql\+psycopg2://user:\*\*\*@127\.0\.0\.1:1/db"
    ) as info:
        search.open_storage("postgresql+psycopg2://user:secret@127.0.0.1:1/db", connect_timeout=2)
    assert "secret" not in str(info.value)
    assert time.perf_counter() - start < 15
    with pytest.raises(ValueError, match="connect_timeout must be in"):
        search.open_storage("sqlite:///x.db", connect_timeout=0)


def test_quadratic_objective_minimum():
    assert search.quadratic_objective(optuna.trial.FixedTrial({"x": 1.0, "y": -2.0})) == 0.0
    assert search.quadratic_objective(optuna.trial.FixedTrial({"x": 0.0, "y": 0.0})) == 5.0


@pytest.mark.slow
def test_mnist_objective_trains_reports_and_prunes():
    import torch

    objective = search.make_mnist_objective(n_epochs=2, n_train=600, batch_size=50, device="cpu")
    threads = torch.get_num_threads()
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    study.enqueue_trial({"lr": 0.1, "weight_decay": 1e-5, "hidden": 32})
    study.optimize(objective, n_trials=1)
    trial = study.trials[0]
    assert trial.state == optuna.trial.TrialState.COMPLETE
    assert sorted(trial.intermediate_values) == [1, 2]
    assert 0.0 <= trial.value < 0.5 and trial.value == trial.intermediate_values[2]  # chance is 0.9
    assert torch.get_num_threads() == threads  # restored after the trial
    # a pruner that stops everything above error 0: pruned after the first epoch
    pruning = optuna.create_study(pruner=optuna.pruners.ThresholdPruner(upper=0.0))
    pruning.optimize(objective, n_trials=1)
    assert pruning.trials[0].state == optuna.trial.TrialState.PRUNED
    assert list(pruning.trials[0].intermediate_values) == [1]
    with pytest.raises(ValueError, match="n_train must be an integer"):
        search.make_mnist_objective(n_train=10)


# --------------------------------------------------------------------------- the explorer


# --------------------------------------------------------------------------- self-checks


@settings(max_examples=25, deadline=None)
@given(low=st.floats(min_value=1e-6, max_value=1.0), ratio=st.floats(min_value=1.0, max_value=1e4))
def test_grid_log_axis_is_geometric(low, ratio):
    pts = search.grid_points({"x": search.FloatRange(low, low * ratio, log=True)}, 5)
    values = np.array([p["x"] for p in pts])
    if ratio > 1.0 + 1e-9:
        np.testing.assert_allclose(values[1:] / values[:-1], ratio**0.25, rtol=1e-9)
    assert values[0] == pytest.approx(low) and values[-1] == pytest.approx(low * ratio)


# --------------------------------------------------------------------------- the command-line worker (in process)
# The scale-out tests with two worker processes on a journal file, SQLite and PostgreSQL are in
# tests/test_search_postgres.py.


def test_worker_runs_trials_and_refuses_a_study_of_another_objective(tmp_path, capsys):
    from regviz import search_worker

    url = f"journal://{tmp_path}/study.log"
    argv = ["--storage", url, "--study", "q", "--n-trials", "3", "--objective", "quadratic", "--seed", "0"]
    assert search_worker.main(argv) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"worker \S+: ran 3 trials \(3 complete\) of study 'q'; the study has 3 trials, "
                        r"best value \S+ \(trial \d\)\n", out)  # fmt: skip
    assert search_worker.main(argv) == 0  # a second run joins the study
    assert "the study has 6 trials" in capsys.readouterr().out
    study = optuna.load_study(study_name="q", storage=search.open_storage(url))
    assert [t.number for t in study.trials] == list(range(6)) and study.user_attrs["objective"] == "quadratic"
    assert search_worker.main([*argv[:6], "--objective", "mnist"]) == 2
    err = capsys.readouterr().err
    assert err == "search_worker: error: study 'q' serves objective 'quadratic', not 'mnist': use another --study\n"
    assert len(optuna.load_study(study_name="q", storage=search.open_storage(url)).trials) == 6


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--study", "s", "--n-trials", "1"], "the following arguments are required: --storage"),
        (["--storage", "journal:///tmp/x.log", "--study", "s", "--n-trials", "0"], "must be an integer >= 1"),
        (["--storage", "journal:///tmp/x.log", "--study", "s", "--n-trials", "1", "--seed", "-1"], "4294967295"),
        (["--storage", "journal:///tmp/x.log", "--study", "s", "--n-trials", "1", "--objective", "x"], "choose from"),
        (["--storage", "sqlite:///x.db", "--study", "s", "--n-trials", "1", "--connect-timeout", "0"], "seconds > 0"),
    ],
)
def test_worker_rejects_bad_arguments(argv, message, capsys):
    from regviz import search_worker

    with pytest.raises(SystemExit) as info:
        search_worker.main(argv)
    assert info.value.code == 2 and message in capsys.readouterr().err


def test_run_worker_validates(tmp_path):
    from regviz.search_worker import run_worker

    url = f"journal://{tmp_path}/s.log"
    with pytest.raises(ValueError, match="study_name must be a non-empty string"):
        run_worker(url, " ", 1)
    with pytest.raises(ValueError, match=r"n_trials must be an integer in \[1, inf\)"):
        run_worker(url, "s", 0)
    with pytest.raises(ValueError, match="objective must be one of"):
        run_worker(url, "s", 1, objective="cubic")
    with pytest.raises(ValueError, match="url must be one of"):
        run_worker("ftp://x", "s", 1, objective="quadratic")
