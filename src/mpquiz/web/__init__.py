"""`mpquiz serve`: the app in a browser, one app process per tab (textual-serve)."""
