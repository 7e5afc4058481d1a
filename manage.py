#!/usr/bin/env python
"""Django's command-line utility; `alliance87` (the installed console script) does the same."""

from alliance87.cli import main

if __name__ == "__main__":
    main()
