"""Pure plotting functions: each draws into a given or new Axes and returns it.

They never call ``plt.show()``, never clear the caller's Axes and never change
global style; widgets reuse them and then update the named artists in place.
Grouped by the kind of figure: :mod:`.curves` (lines against an x axis),
:mod:`.coefficients` (what the weights look like), :mod:`.surfaces` (figures over a
plane) and :mod:`.images` (pictures).
"""

from .coefficients import (
    plot_coef_bars,
    plot_coef_norms,
    plot_coef_path,
    plot_n_nonzero,
    plot_selection_frequency,
    plot_shrinkage_factors,
    plot_unit_moments,
    plot_weight_histogram,
)
from .curves import (
    plot_acquisition,
    plot_best_so_far,
    plot_bias_variance,
    plot_curves,
    plot_cv_curve,
    plot_gp_posterior,
    plot_halving,
    plot_line_fit,
    plot_loss_profile,
    plot_marginal,
    plot_per_step,
    plot_polynomial_fit,
    plot_pruning,
    plot_search,
    plot_seed_curves,
    plot_seed_scores,
    plot_soft_threshold,
    plot_validation_curve,
)
from .images import (
    plot_confusion_matrix,
    plot_digits,
)
from .surfaces import (
    boundary_grid,
    plot_constraint_geometry,
    plot_contours,
    plot_cv_heatmap,
    plot_decision_boundary,
    plot_path,
    plot_rate_map,
    plot_trials_2d,
)

__all__ = [
    "boundary_grid",
    "plot_acquisition",
    "plot_best_so_far",
    "plot_bias_variance",
    "plot_coef_bars",
    "plot_coef_norms",
    "plot_coef_path",
    "plot_confusion_matrix",
    "plot_constraint_geometry",
    "plot_contours",
    "plot_curves",
    "plot_cv_curve",
    "plot_cv_heatmap",
    "plot_decision_boundary",
    "plot_digits",
    "plot_gp_posterior",
    "plot_halving",
    "plot_line_fit",
    "plot_loss_profile",
    "plot_marginal",
    "plot_n_nonzero",
    "plot_path",
    "plot_per_step",
    "plot_polynomial_fit",
    "plot_pruning",
    "plot_rate_map",
    "plot_search",
    "plot_seed_curves",
    "plot_seed_scores",
    "plot_selection_frequency",
    "plot_shrinkage_factors",
    "plot_soft_threshold",
    "plot_trials_2d",
    "plot_unit_moments",
    "plot_validation_curve",
    "plot_weight_histogram",
]
