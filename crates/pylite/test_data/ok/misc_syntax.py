# -*- coding: utf-8 -*-
import os.path as osp, sys
from . import sibling
from ..pkg.mod import (a, b as c,)
from x import *

value = 1; other = 2;
long_line = 1 + \
    2
strings = [r'\d+', R"\n", b'\x00\xff', Rb'raw\bytes', u'unicode', '\u00e9', "\U0001F600", 'oct\101\0']
escaped = 'tab\there \'quoted\' "dq" back\\slash \x41'
cont = 'line one \
line two'
triple = '''a 'single' "double"
second line'''
ff = f'{x!r:>{width}} {{literal}} {y=} {z:.2f}' F"{obj.attr[0]}" "plain" rf"\d{n}"
call(*args, **kwargs)
call(a, *b, c=1, **d)
matrix @ other
m = not a or b and c
chain = 1 < x <= 2 != y is not None
memb = a in b and c not in d
bits = ~a << 2 >> 1 ^ 3
negp = -x ** 2
e = ...
d = {**base, 'k': [1, 2,], "t": (1,), 'n': {}}
big = 123456789012345678901234567890
fl = 1. + .5 + 1e10 + 1_000.000_1
def f(a, b: int = 1, *args, c, d=2, **kw) -> dict:
    return {}
def g(p, /, q, *, r): pass
if a:
    pass
elif b:
    pass
elif c: pass
else:
  pass
for i, (j, k) in items: print(i)
match = 1
match.x = 2
