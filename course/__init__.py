"""Leading AI adoption: a hands-on course for people managers.

Notebooks use one entry point: ``wb = course.start("02_prompt_basics")``.
"""

from .workbook import Workbook, start

__all__ = ["Workbook", "start"]
__version__ = "0.1.0"
