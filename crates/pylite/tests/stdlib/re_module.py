# re: what revision files and the modules they import do with regular expressions.
import re

SYNTHETIC = re.compile(r"^__user_\d+__$")
print(bool(SYNTHETIC.match("__user_12__")), SYNTHETIC.match("__user_x__"))
print(SYNTHETIC.pattern, repr(SYNTHETIC))

VERSION = re.compile(r"(?P<version>^\d+(?:\.\d+)*)\D?.*$")
m = VERSION.match("3.40.1-beta")
print(m.group("version"), m.group(0), m.groups(), m.groupdict())
print(m.start(), m.end(), m.span(), m.span(1), m[1], m["version"])
print(repr(m))

print(re.sub("^" + re.escape("postgres://"), "postgresql://", "postgres://u@h/db"))
print(re.escape("a.b*c (d) [e] {f} -g- 1+1 #h"))
print(re.search(r"(\w+)@(\w+)\.com", "mail ann@example.com now").groups())
print(re.search("x", "abc"))
print(re.fullmatch(r"[a-z_]+", "snake_case") is not None, re.fullmatch(r"[a-z_]+", "snake case"))
print(re.match(r"\d+", "abc123"), re.search(r"\d+", "abc123").group())
print(re.findall(r"\d+", "a1 b22 c333"), re.findall(r"(\w)=(\d)", "a=1, b=2"), re.findall(r"(\w)=\d", "a=1 b=2"))
print(re.split(r"\s*,\s*", "a , b,c ,  d"), re.split(r"(-)", "x-y-z"), re.split(",", "a,b,c", maxsplit=1))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "ann@home bob@work"))
print(re.sub(r"(?P<k>\w+)=(?P<v>\d)", r"\g<v>:\g<k>", "a=1 b=2"), re.sub("a", "b", "aaa", count=2))
print(re.subn(r"\s+", " ", "a   b \t c"))
print(re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b2c3"))
print(re.match("abc", "ABCdef", re.IGNORECASE).group(), re.match("abc", "ABC", flags=re.I) is not None)
print(re.findall(r"^\w+", "one\ntwo\nthree", re.MULTILINE), re.findall(r"^\w+", "one\ntwo"))
print(re.match(r"a.b", "a\nb"), re.match(r"a.b", "a\nb", re.DOTALL).group())
print(re.compile(r"""
    (\d{4})   # year
    -(\d{2})  # month
""", re.VERBOSE).match("2024-05").groups())
print(re.match(r"(a)(b)?", "a").groups(), re.match(r"(a)(b)?", "a").groups("-"), re.match(r"(a)(b)?", "a").group(1, 2))
print(re.match(r"[]a]+", "]a]b").group(), re.match(r"[^]]+", "ab]").group())
print(re.search(r"end\Z", "the end").span(), re.match(r"\Aab", "abc").group())
print(re.match(r"caf(é)", "café au lait").span(1), re.search("lait", "café au lait").span())
pat = re.compile(r"ID_(\d+)")
print(pat.sub("N", "ID_1 and ID_22"), pat.findall("ID_1 ID_2"), pat.split("aID_1b"), pat.fullmatch("ID_7").group(1))
try:
    re.compile(r"(unclosed")
except re.error:
    print("re.error")
try:
    m.group(5)
except IndexError as e:
    print("IndexError", e)
PLACEHOLDER = re.compile(r"({{\s*([\w\.\-\[\]$]+)\s*}})")
print(PLACEHOLDER.findall("a {{ x.y }} b {{z}}"), re.match(r"a{,2}", "aaa").group(), re.match(r"x{y}", "x{y}").group())
CAMEL: re.Pattern[str] = re.compile(r"[A-Z]")
print(CAMEL.sub(lambda m: "_" + m.group().lower(), "camelCaseName"))
