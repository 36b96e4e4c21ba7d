"""nbgrader configuration for the course: instructor sources in solutions/, student versions in exercises/."""

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# Lock files and temporary files of the answer store never travel with a submission.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.lock", "*.tmp"]

# The student version of a model-answer block is a friendly sentence, not an error.
c.ClearSolutions.code_stub = {"python": "# Fill in the form above and press Save. Nothing to type here."}
c.ClearSolutions.text_stub = "Write your answer here."

# Autograde puts back any graded or locked cell a learner deleted.
c.OverwriteCells.add_missing_cells = True

# Released feedback shows the hidden tests' points and plain sentences, never their code: nbgrader's own
# ClearHiddenTests runs after GetGrades (which reads the scores by cell id, so the gradebook keeps them). A score
# the course corrected from the saved answers carries a sentence saying which score counts (CorrectionNote).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "course.grading.feedback_note.CorrectionNote",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# `nbgrader export` writes a quoted CSV that is safe to open in a spreadsheet (no formulas from names) and marks
# submissions still waiting for a person; nbgrader's own columns come first, in nbgrader's order.
c.ExportApp.plugin_class = "course.grading.export.SafeCsvExportPlugin"

# Autograded notebooks keep no widget state: formgrader and feedback pages then show each form's plain sentence
# (course/place.py NOT_RUNNING) instead of widgets that cannot be drawn without the learner's kernel.
c.Execute.store_widget_state = False
