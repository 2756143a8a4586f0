"""The command line (Typer). Heavy modules are imported inside the commands that need them."""
