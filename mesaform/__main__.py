"""Allow ``python -m mesaform``."""

from mesaform.cli import main

main()
