"""Allow ``python -m mesaform``."""

from mesaform.entry import main

main()
