"""The code blocks of README.md, (language, code), for the README tests (test_readme*.py)."""

import re

from zprime import paths

README = paths.ROOT / "README.md"
BLOCKS = re.findall(r"^```(\w+)\n(.*?)^```", README.read_text(), flags=re.S | re.M)
