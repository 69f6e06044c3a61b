"""One module per ``graphkit`` sub-command, discovered by :mod:`graphkit.cli`."""
