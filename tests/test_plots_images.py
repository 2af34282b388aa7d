"""Tests of regviz.plots.images: the digit mosaic and the confusion matrix."""

from __future__ import annotations

import numpy as np
import pytest

from regviz import plots


def test_plot_digits_builds_one_mosaic_with_labels() -> None:
    images = np.random.default_rng(0).uniform(size=(12, 4, 5))
    ax = plots.plot_digits(images, np.arange(12), n_cols=5)
    (image,) = ax.get_images()
    assert image.get_array().shape == (3 * 4 + 2 * 2, 5 * 5 + 4 * 2)
    assert [t.get_text() for t in ax.texts] == [str(i) for i in range(12)]
    with pytest.raises(ValueError, match="labels"):
        plots.plot_digits(images, np.arange(11))
    with pytest.raises(ValueError, match="n_cols"):
        plots.plot_digits(images, n_cols=0)


def test_plot_confusion_matrix() -> None:
    cm = np.array([[8, 2, 0], [1, 9, 0], [0, 5, 5]])
    ax = plots.plot_confusion_matrix(cm, labels=["a", "b", "c"], title="t")
    image = next(im for im in ax.get_images() if im.get_gid() == "confusion")
    np.testing.assert_allclose(image.get_array(), cm / cm.sum(axis=1, keepdims=True))
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == sorted(["8", "2", "1", "9", "5", "5"])  # zero cells are left blank
    assert ax.get_xlabel() == "predicted class" and ax.get_ylabel() == "true class"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    with pytest.raises(ValueError, match="cm must be square"):
        plots.plot_confusion_matrix(np.ones((2, 3)))
    with pytest.raises(ValueError, match="counts"):
        plots.plot_confusion_matrix(np.array([[1, -1], [0, 2]]))
    with pytest.raises(ValueError, match="every row"):
        plots.plot_confusion_matrix(np.array([[0, 0], [0, 2]]))
    with pytest.raises(ValueError, match="labels must have 2 entries"):
        plots.plot_confusion_matrix(np.eye(2), labels=["a"])
    with pytest.raises(ValueError, match=r"gamma must be in \(0, 1\]"):
        plots.plot_confusion_matrix(np.eye(2), gamma=0.0)
