"""The Textual app: home, daily review, exam, stats, packs and demos.

Thin by design: every screen drives the session objects from `mpquiz.services`, the same
ones the plain CLI drives, so no quiz logic lives here. Textual is imported only inside
this package, and the CLI imports this package only when it opens the app.
"""
