"""The instructor side, on nbgrader's own API (needs the ``instructor`` extra).

Nothing here is imported by ``import course``: learners do not have nbgrader installed.
"""
