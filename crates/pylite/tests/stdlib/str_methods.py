# Methods of str that revision files use.
def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


s = "hello world_of 3rd-party"
print(s.title(), "|", s.capitalize(), "|", "HeLLo".swapcase(), "|", "ÉCOLE".casefold())
print("42".zfill(5), "-42".zfill(5), "abc".center(8, "*"), "abc".center(7), "ab".ljust(4, "."), "ab".rjust(4))
print("a=b=c".partition("="), "a=b=c".rpartition("="), "abc".partition("x"), "abc".rpartition("x"))
print("one\ntwo\r\nthree\rfour\n".splitlines(), "a\nb\n".splitlines(True), "".splitlines())
print("banana".count("a"), "banana".count("an", 2), "banana".find("na"), "banana".rfind("na"), "banana".find("x"), "banana".index("n", 3))
attempt(lambda: "banana".index("x"))
print("123".isdigit(), "12a".isdigit(), "abc1".isalnum(), "abc".isalpha(), " \t".isspace(), "".isdigit(), "ABC".isupper(), "abc".islower(), "A1".isupper())
print("my_var".isidentifier(), "1var".isidentifier(), "x".isascii(), "é".isascii())
print("test_table".removeprefix("test_"), "file.py".removesuffix(".py"), "abc".removeprefix("x"))
print("a b  c".split(), "a,b,,c".split(","), "a,b,c".split(",", 1), "a,b,c".rsplit(",", 1), "  a  b  c ".split(None, 1), " a b c".rsplit(maxsplit=1))
print("x".encode(), "é".encode("utf-8"), b"caf\xc3\xa9".decode(), b"ab".hex())
attempt(lambda: "é".encode("ascii"))
print("abc".startswith("b", 1), "abc".endswith(("x", "c")), "{:>6}|{:<4}|{:^5}|{!r}".format("a", "b", "c", "d"))
print("{0}-{1}-{0}".format("x", "y"), "{name}!".format(name="n"), "{:08.3f}".format(3.14159), "{:,}".format(1234567))
