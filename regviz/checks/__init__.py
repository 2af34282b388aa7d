"""Self-checks for the exercises: ``check_<thing>(student_fn)`` prints a verdict.

A stub that still raises :class:`NotImplementedError` gets "not implemented
yet" rather than a traceback; a wrong answer gets the first failing case.
:func:`compare` is the one-line comparison used by the notebooks' own
from-scratch-versus-library checks; :func:`compare_paired` is the paired,
per-seed comparison behind every stochastic claim.
"""

from ._core import compare
from ._paired import compare_paired
from .basics import (
    check_best_fixed_lr,
    check_huber_step,
    check_lr_limit_for_feature,
    check_mae,
    check_mse,
    check_slope_through_point,
    check_smoothed_ce_grad,
    check_weighted_bce,
)
from .boundaries import (
    check_early_stopping,
    check_inverted_dropout,
    check_predictive_entropy,
    check_proximal_l1_step,
    check_weight_decay_step,
    early_stopping_epochs,
)
from .capstone import check_l2_penalty, check_macro_f1
from .lasso import (
    check_article_to_sklearn,
    check_enet_alpha_max,
    check_glmnet_to_sklearn,
    check_lasso_objective,
    check_one_se_alpha,
    check_second_entry,
    check_soft_threshold,
)
from .networks import (
    check_batched_accuracy,
    check_fold_batch_norm,
    check_he_bound,
    check_layer_norm,
    check_running_stats,
)
from .optim import (
    check_nesterov_step,
    check_uncorrected_adam_step,
    check_warmup_cosine,
)
from .ridge import (
    check_fold_ids,
    check_loo_mse,
    check_ridge_alpha,
    check_ridge_augmented,
    check_ridge_loo,
    check_ridge_map,
)
from .search import (
    check_candidates_needed,
    check_gp_log_marginal_likelihood,
    check_halving_schedule,
    check_hyperband_brackets,
    check_log_uniform,
    check_probability_of_improvement,
)

__all__ = [
    "check_article_to_sklearn",
    "check_batched_accuracy",
    "check_best_fixed_lr",
    "check_candidates_needed",
    "check_early_stopping",
    "check_enet_alpha_max",
    "check_fold_batch_norm",
    "check_fold_ids",
    "check_glmnet_to_sklearn",
    "check_gp_log_marginal_likelihood",
    "check_halving_schedule",
    "check_he_bound",
    "check_huber_step",
    "check_hyperband_brackets",
    "check_inverted_dropout",
    "check_l2_penalty",
    "check_lasso_objective",
    "check_layer_norm",
    "check_log_uniform",
    "check_loo_mse",
    "check_lr_limit_for_feature",
    "check_macro_f1",
    "check_mae",
    "check_mse",
    "check_nesterov_step",
    "check_one_se_alpha",
    "check_predictive_entropy",
    "check_probability_of_improvement",
    "check_proximal_l1_step",
    "check_ridge_alpha",
    "check_ridge_augmented",
    "check_ridge_loo",
    "check_ridge_map",
    "check_running_stats",
    "check_second_entry",
    "check_slope_through_point",
    "check_smoothed_ce_grad",
    "check_soft_threshold",
    "check_uncorrected_adam_step",
    "check_warmup_cosine",
    "check_weight_decay_step",
    "check_weighted_bce",
    "compare",
    "compare_paired",
    "early_stopping_epochs",
]
