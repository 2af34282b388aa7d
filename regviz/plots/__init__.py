"""Pure plotting functions: each draws into a given or new Axes and returns it.

They never call ``plt.show()``, never clear the caller's Axes and never change
global style; widgets reuse them and then update the named artists in place.
"""

from .basics import plot_history, plot_line_fit, plot_loss_profile
from .boundaries import (
    CLASS_COLORS,
    boundary_grid,
    plot_decision_boundary,
    plot_weight_histogram,
    update_decision_boundary,
)
from .capstone import plot_confusion_matrix, plot_search, plot_seed_curves, plot_seed_scores
from .lasso import (
    plot_coef_comparison,
    plot_constraint_geometry,
    plot_cv_curve,
    plot_cv_heatmap,
    plot_error_vs_alpha,
    plot_group_coefs,
    plot_lasso_path,
    plot_n_nonzero,
    plot_selection_frequency,
    plot_soft_threshold,
)
from .networks import plot_curves, plot_digits, plot_unit_moments
from .optim import plot_contours, plot_loss_curves, plot_path, plot_per_step, plot_rate_map
from .ridge import plot_coef_bars, plot_coef_path, plot_shrinkage_factors
from .search import (
    plot_acquisition,
    plot_best_so_far,
    plot_gp_posterior,
    plot_halving,
    plot_marginal,
    plot_pruning,
    plot_trials_2d,
)
from .validation import plot_bias_variance, plot_coef_norms, plot_polynomial_fit, plot_validation_curve

__all__ = [
    "CLASS_COLORS",
    "boundary_grid",
    "plot_acquisition",
    "plot_best_so_far",
    "plot_bias_variance",
    "plot_coef_bars",
    "plot_coef_comparison",
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
    "plot_error_vs_alpha",
    "plot_gp_posterior",
    "plot_group_coefs",
    "plot_halving",
    "plot_history",
    "plot_lasso_path",
    "plot_line_fit",
    "plot_loss_curves",
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
    "update_decision_boundary",
]
