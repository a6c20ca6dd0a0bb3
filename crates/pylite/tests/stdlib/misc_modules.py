# time, textwrap, math, os (pure stand-ins).
import math
import os
import os.path
import textwrap
import time
from textwrap import dedent

print(time.time(), time.sleep(0))
print(repr(dedent("""
    CREATE TABLE x (
        id INTEGER
    )
""")))
print(repr(textwrap.dedent("  a\n\n    b\n  \t\n  c")), repr(dedent("\ta\n\t\tb")), repr(dedent("  x\n y")))
print(repr(textwrap.indent("a\n\nb\n", "> ")), repr(textwrap.indent("x", "  ")))
print(math.isnan(float("nan")), math.isinf(1e400), math.isfinite(1.0), math.floor(2.7), math.ceil(2.1), math.floor(-2.5), math.sqrt(16), math.pi)
print(os.path.join("a", "b", "c.ini"), os.path.join("/x", "/abs", "y"), os.path.join("a/", "b"), os.path.dirname("/a/b/c.py"), os.path.basename("/a/b/c.py"), os.path.splitext("dir/file.tar.gz"), os.path.splitext(".bashrc"))
print(os.getenv("PLAYGROUND_SURELY_UNSET_VARIABLE", "prod"), os.getenv("PLAYGROUND_SURELY_UNSET_VARIABLE"), os.environ.get("PLAYGROUND_SURELY_UNSET_VARIABLE", "dflt"))
