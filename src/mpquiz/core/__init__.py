"""The pure domain of mpquiz: question kinds, grading, scheduling and the review flow.

Nothing here imports a UI, SQL or the file system's layout; time is always passed in.
"""
