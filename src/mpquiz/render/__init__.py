"""Rich renderables shared by the plain CLI and the TUI. Each lives in its own module, so
the app's first frame loads only what it paints (markdown_text), not the verdicts'."""
