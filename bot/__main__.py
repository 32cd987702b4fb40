import sys

from bot.tools.cli import main

sys.exit(main())
