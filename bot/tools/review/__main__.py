import sys

from bot.tools.review.cli import main

sys.exit(main())
