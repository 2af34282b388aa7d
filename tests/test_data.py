"""Tests of regviz.data: the shipped files and their checksums, splits and synthetic problems."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regviz import data


def test_manifest_lists_the_shipped_files_and_they_verify() -> None:
    inventory = data.data_inventory()
    assert [i.name for i in inventory] == ["mnist_5k.npz"]
    assert all(i.ok for i in inventory)


def test_mnist_5k_shape_classes_and_dtypes() -> None:
    ds = data.load_mnist_5k()
    assert ds.X.shape == (5000, 28, 28) and ds.X.dtype == np.uint8
    assert (np.bincount(ds.y) == 500).all()
    assert (np.diff(ds.y) >= 0).all(), "the shipped file is sorted by class"
    as_float = data.load_mnist_5k(as_float=True)
    assert as_float.X.dtype == np.float32 and as_float.X.min() >= 0.0 and as_float.X.max() <= 1.0
    assert ds.X.max() == 255


def _copy_data(tmp_path: Path) -> Path:
    for name in ("SHA256SUMS", "mnist_5k.npz"):
        shutil.copy(data.data_dir() / name, tmp_path / name)
    return tmp_path


def test_corrupted_file_is_refused_with_instructions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy_data(tmp_path)
    raw = bytearray((folder / "mnist_5k.npz").read_bytes())
    raw[-10] ^= 1
    (folder / "mnist_5k.npz").write_bytes(bytes(raw))
    monkeypatch.setenv("REGVIZ_DATA_DIR", str(folder))
    with pytest.raises(data.DataError, match=r"mnist_5k.npz is corrupted.*git checkout -- data/mnist_5k.npz"):
        data.load_mnist_5k()
    assert not data.data_inventory()[0].ok


def test_missing_file_is_reported_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy_data(tmp_path)
    (folder / "mnist_5k.npz").unlink()
    monkeypatch.setenv("REGVIZ_DATA_DIR", str(folder))
    with pytest.raises(data.DataError, match=r"mnist_5k.npz is missing"):
        data.load_mnist_5k()
    with pytest.raises(ValueError, match="name must be one of"):
        data.verify_file("other.npz")


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(data.DataError, match="SHA256SUMS is missing"):
        data.verify_file("mnist_5k.npz", folder=tmp_path)


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_stratified_split_keeps_every_class_in_every_part(seed: int) -> None:
    ds = data.load_mnist_5k()
    split = data.stratified_split(ds.X, ds.y, val_size=0.1, test_size=0.2, seed=seed)
    sizes = [len(split.y_train), len(split.y_val), len(split.y_test)]
    assert sizes == [3500, 500, 1000] and len(split.X_train) == 3500
    for part in (split.y_train, split.y_val, split.y_test):
        counts = np.bincount(part, minlength=10)
        assert (counts > 0).all() and counts.max() - counts.min() <= 1
    again = data.stratified_split(ds.X, ds.y, val_size=0.1, test_size=0.2, seed=seed)
    assert np.array_equal(split.y_val, again.y_val) and np.array_equal(split.X_test, again.X_test)
    together = np.concatenate([split.X_train, split.X_val, split.X_test]).reshape(5000, -1)
    assert len(np.unique(together, axis=0)) == len(np.unique(ds.X.reshape(5000, -1), axis=0))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"val_size": 0.0}, r"val_size must be in \(0, 1\)"),
        ({"test_size": 1.2}, r"test_size must be in \(0, 1\)"),
        ({"val_size": 0.5, "test_size": 0.5}, "val_size \\+ test_size must be < 1"),
        ({"seed": -1}, r"seed must be an integer in \[0, 4.29497e\+09\]"),
    ],
)
def test_stratified_split_bad_input(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        data.stratified_split(np.zeros((30, 2)), np.arange(30) % 3, **kwargs)


def test_stratified_split_shape_mismatch() -> None:
    with pytest.raises(ValueError, match="same number of samples"):
        data.stratified_split(np.zeros((30, 2)), np.arange(29) % 3)


def test_diabetes() -> None:
    ds = data.load_diabetes()
    assert ds.X.shape == (442, 10) and ds.feature_names[2] == "bmi"
    assert np.allclose(ds.X.mean(axis=0), 0, atol=1e-10) and np.allclose((ds.X**2).sum(axis=0), 1)


def test_noisy_polynomial_is_seeded_and_follows_its_coefficients() -> None:
    x, y = data.make_noisy_polynomial(200, coef=(1.0, 2.0), noise=0.0, seed=3)
    assert np.allclose(y, 1 + 2 * x) and (np.diff(x) >= 0).all()
    x2, y2 = data.make_noisy_polynomial(200, coef=(1.0, 2.0), noise=0.5, seed=3)
    assert np.array_equal(x, x2) and 0.3 < np.std(y2 - (1 + 2 * x2)) < 0.7
    with pytest.raises(ValueError, match="x_range must satisfy low < high"):
        data.make_noisy_polynomial(x_range=(1.0, 0.0))


def test_sparse_regression_support() -> None:
    X, y, coef = data.make_sparse_regression(50, 30, n_informative=4, noise=0.0, seed=1)
    assert X.shape == (50, 30) and np.count_nonzero(coef) == 4
    assert np.allclose(y, X @ coef)
    assert (np.abs(coef[coef != 0]) >= 1).all()
    with pytest.raises(ValueError, match=r"n_informative must be an integer in \[0, 30\]"):
        data.make_sparse_regression(50, 30, n_informative=31)


def test_correlated_groups_have_the_requested_correlation() -> None:
    X, _, coef, groups = data.make_correlated_groups(4000, n_groups=2, group_size=3, correlation=0.8, seed=0)
    corr = np.corrcoef(X, rowvar=False)
    assert abs(corr[0, 1] - 0.8) < 0.05 and abs(corr[0, 3]) < 0.05
    assert list(groups) == [0, 0, 0, 1, 1, 1, -1, -1, -1]
    assert list(coef[:6]) == [2, 2, 2, -2, -2, -2] and not coef[6:].any()
    with pytest.raises(ValueError, match=r"correlation must be in \[0, 1\)"):
        data.make_correlated_groups(correlation=1.0)


@pytest.mark.parametrize("kind", ["moons", "circles", "xor", "blobs"])
def test_noisy_2d_classes(kind: str) -> None:
    X, y = data.make_noisy_2d_classes(300, kind=kind, label_noise=0.0, seed=0)
    assert X.shape == (300, 2) and set(np.unique(y)) == {0, 1}
    _, y2 = data.make_noisy_2d_classes(300, kind=kind, label_noise=0.2, seed=0)
    assert 0.1 < np.mean(y2 != y) < 0.3, "label_noise flips about that fraction"
    with pytest.raises(ValueError, match=r"label_noise must be in \[0, 0.5\)"):
        data.make_noisy_2d_classes(kind=kind, label_noise=0.5)


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.integers(max_value=3), st.floats(), st.text(max_size=3)))
def test_generators_reject_bad_sample_counts(n: object) -> None:
    with pytest.raises(ValueError, match="n_samples must be an integer"):
        data.make_noisy_2d_classes(n)  # type: ignore[arg-type]


# ---------------------------------------------------------------- full MNIST, on IDX files the test writes


def _write_idx(path: Path, array: np.ndarray, type_code: int) -> None:
    header = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    payload = header + array.astype(array.dtype.newbyteorder(">")).tobytes()
    with gzip.open(path, "wb") as fh:
        fh.write(payload)


def _replace_shipped_file(folder: Path, payload: bytes) -> None:
    """Write a new mnist_5k.npz and a manifest that matches it: what a careless or hostile edit would do."""
    (folder / "mnist_5k.npz").write_bytes(payload)
    digest = hashlib.sha256(payload).hexdigest()
    (folder / "SHA256SUMS").write_text(f"{digest}  mnist_5k.npz\n", encoding="utf-8")


def _npz_bytes(tmp_path: Path, **arrays: np.ndarray) -> bytes:
    path = tmp_path / "fake.npz"
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]
    return path.read_bytes()


def test_a_replaced_file_with_a_matching_manifest_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "d").mkdir()
    folder = _copy_data(tmp_path / "d")
    fake = _npz_bytes(tmp_path, images=np.zeros((5000, 28, 28), np.uint8), labels=np.zeros(5000, np.int64))
    _replace_shipped_file(folder, fake)
    monkeypatch.setenv("REGVIZ_DATA_DIR", str(folder))
    with pytest.raises(data.DataError, match=r"the manifest was edited.*git checkout -- data/"):
        data.load_mnist_5k()


@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        (
            {"images": np.zeros((10, 28, 28), np.uint8), "labels": np.zeros(10, np.int64)},
            r"'images' is uint8 \(10, 28, 28\)",
        ),
        ({"images": np.zeros((5000, 28, 28), np.uint8)}, r"lacks the arrays \['labels'\]"),
        ({"images": np.zeros((5000, 28, 28), np.float64), "labels": np.zeros(5000, np.int64)}, "'images' is float64"),
        (
            {"images": np.zeros((5000, 28, 28), np.uint8), "labels": np.full(5000, 11, np.int64)},
            "labels must be digits",
        ),
    ],
)
def test_a_file_of_the_wrong_layout_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arrays: dict[str, np.ndarray], message: str
) -> None:
    # the layout check is a second line of defence behind the pinned digest: test it directly
    path = tmp_path / "x.npz"
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]
    with pytest.raises(data.DataError, match=message):
        data._read_mnist_5k(path)


def test_a_damaged_zip_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "x.npz"
    path.write_bytes(b"PK\x03\x04 not really a zip archive")
    with pytest.raises(data.DataError, match=r"not a readable .npz archive.*git checkout"):
        data._read_mnist_5k(path)


@pytest.mark.parametrize(
    "line",
    ["2d815f8b  ", "not-a-digest mnist_5k.npz", "2d815f8bd1b8c7290819475c53b1c9a60fec82b2f75819334b86c68871f66c0"],
)
def test_a_malformed_manifest_line_names_the_file_and_line(tmp_path: Path, line: str) -> None:
    folder = _copy_data(tmp_path)
    (folder / "SHA256SUMS").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(data.DataError, match=r"SHA256SUMS line 1 is not '<sha256> <file name>'"):
        data.verify_file("mnist_5k.npz", folder=folder)


def test_a_data_folder_that_does_not_exist_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGVIZ_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(data.DataError, match=r"REGVIZ_DATA_DIR .*nowhere does not exist"):
        data.load_mnist_5k()
    with pytest.raises(data.DataError, match=r"the data folder .* does not exist"):
        data.data_inventory(folder=tmp_path / "gone")


def test_sha256_names_the_path_parameter(tmp_path: Path) -> None:
    func = data._sha256_of
    for bad, why in ((tmp_path / "missing.gz", "no such file"), (tmp_path, "a folder"), (42, "a path to a file")):
        with pytest.raises(ValueError, match=rf"^path must .*{why}"):
            func(bad)  # type: ignore[operator]
