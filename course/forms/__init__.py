"""ipywidgets forms that bind a feedback engine to the answer store."""

from .base import Form
from .prompt_builder import PromptBuilderForm
from .text import TextForm

__all__ = ["Form", "PromptBuilderForm", "TextForm"]
