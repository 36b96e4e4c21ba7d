"""ipywidgets forms that bind a feedback engine to the answer store."""

from .base import Form
from .criteria_table import CriteriaTableForm, OwnCriteriaForm
from .fields import AllocationForm, DecisionRuleForm, MetricCardsForm
from .orientation import DataRuleForm, FirstForm, SelfAssessmentForm
from .prompt_builder import PromptBuilderForm
from .sop_builder import SopBuilderForm, SopOutlineForm
from .text import TextForm
from .use_cases import UseCaseForm

__all__ = ["AllocationForm", "CriteriaTableForm", "DataRuleForm", "DecisionRuleForm", "FirstForm", "Form",
           "MetricCardsForm", "OwnCriteriaForm", "PromptBuilderForm", "SelfAssessmentForm", "SopBuilderForm",
           "SopOutlineForm", "TextForm", "UseCaseForm"]
