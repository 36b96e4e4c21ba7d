"""nbgrader's configuration for a learner's server on the cohort hub: which course the Assignments tab lists and
where its exchange is. The hub passes both in the server's environment (see deploy/jupyterhub_config.py)."""

import os

c = get_config()  # noqa: F821 (provided by Jupyter when it reads this file)

if os.environ.get("COURSE_HUB_COURSE_ID"):
    c.CourseDirectory.course_id = os.environ["COURSE_HUB_COURSE_ID"]
    c.Exchange.root = os.environ["COURSE_HUB_EXCHANGE"]
    # The exchange keeps each course in a folder of its own, as `course cohort create` set it up.
    c.Exchange.path_includes_course = True
    # Submissions carry the learner's hub name, whatever the account the server runs as (on Kubernetes every
    # server runs as the same account, "jovyan").
    c.CourseDirectory.student_id = os.environ.get("JUPYTERHUB_USER", "*")
