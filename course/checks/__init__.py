"""Pure feedback engines: no widgets, no files. Each returns a Feedback and never raises on learner input."""

from .feedback import Feedback, Finding

__all__ = ["Feedback", "Finding"]
