"""Allow ``python -m storyline``."""

from storyline.interfaces.cli import main

main()
