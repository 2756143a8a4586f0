"""Review and exam flows: the logic both the TUI and the plain CLI drive."""
