"""The course style and the alt text every inline figure carries."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import nbformat
import pytest
from nbclient import NotebookClient

from regviz import style


def test_alt_text_reads_titles_axes_scales_and_legend() -> None:
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], label="train")
    ax.plot([3, 2, 1], label=r"validation, $\lambda = 10^{-2}$")
    ax.set(xlabel="epoch", ylabel=r"loss $\ell$", yscale="log", title="Validation loss turns up after epoch 9")
    ax.legend()
    text = style.alt_text(fig)
    plt.close(fig)
    assert text.startswith("Figure: “Validation loss turns up after epoch 9”; 2 lines")
    assert "x: epoch" in text and "y: loss ℓ (log scale)" in text and "legend: train, validation, λ = 10^-2" in text


def test_alt_text_summarises_image_grids_and_honours_an_explicit_text() -> None:
    fig, axes = plt.subplots(2, 5)
    for k, ax in enumerate(axes.flat):
        ax.imshow([[k]])
        ax.set_title(str(k))
    fig.suptitle("One image per digit")
    assert style.alt_text(fig) == (
        "Figure with 10 panels: One image per digit. 10 of them images; panel titles: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9."
    )
    style.set_alt_text(fig, "Ten handwritten digits, 0 to 9.")
    assert style.alt_text(fig) == "Ten handwritten digits, 0 to 9."
    plt.close(fig)


@pytest.mark.parametrize(("fig", "text", "name"), [(None, "x", "fig"), ("figure", "x", "fig"), ("FIG", " ", "text")])
def test_set_alt_text_refuses_bad_input(fig: object, text: str, name: str) -> None:
    real = plt.figure()
    with pytest.raises(ValueError, match=rf"^{name} must"):
        style.set_alt_text(real if fig == "FIG" else fig, text)
    plt.close(real)


def test_inline_figures_carry_alt_text_in_their_output_metadata() -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nfrom regviz import style\nstyle.use()"),
        nbformat.v4.new_code_cell("fig, ax = plt.subplots()\nax.plot([1, 2, 3])\n_ = ax.set_title('A rising line')"),
    ]
    NotebookClient(nb, kernel_name="python3", timeout=120, extra_arguments=["--log-level=ERROR"]).execute()
    (output,) = [o for o in nb.cells[1].outputs if "image/png" in o.get("data", {})]
    assert output["metadata"]["image/png"]["alt"] == "Figure: “A rising line”; 1 line."


def test_style_use_and_context_change_only_rcparams() -> None:
    before = matplotlib.rcParams["axes.prop_cycle"]
    with style.context():
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][0] == style.OKABE_ITO["blue"]
    assert matplotlib.rcParams["axes.prop_cycle"] == before
    assert set(style.COLORS) <= set(style.LINESTYLES)
