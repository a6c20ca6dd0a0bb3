# Builtins beyond the basic ones: reflection, numbers, characters, iteration.
def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Base:
    kind = "base"

    def hello(self):
        return "hello from " + self.kind


class Child(Base):
    kind = "child"


c = Child()
print(getattr(c, "kind"), getattr(c, "missing", "default"), hasattr(c, "hello"), hasattr(c, "nope"))
attempt(lambda: getattr(c, "nope"))
setattr(c, "extra", 42)
print(c.extra, getattr(c, "hello")())
print(callable(len), callable(c.hello), callable(Child), callable(3), callable("x"))
print(type(3).__name__, type("s").__name__, type([]) is list, type(c) is Child, type(c).__name__, type(None).__name__)
print(isinstance(c, Base), issubclass(Child, Base), issubclass(Base, Child), issubclass(bool, int), isinstance(3, object))
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234, -2), round(1250, -2), round(7), round(0.5), round(1.5))
attempt(lambda: round(float("nan")))
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), pow(2, 10), pow(2, -1))
attempt(lambda: divmod(1, 0))
print(chr(65), chr(233), ord("a"), ord("é"), hex(255), hex(-255), oct(8), bin(5))
attempt(lambda: ord("ab"))
attempt(lambda: chr(-1))
print(format(3.14159, ".2f"), format(42, "05d"), format("x", ">3"), format(1234567, ","))
it = iter([1, 2, 3])
print(next(it), next(it), list(it), next(it, "end"))
print(list(map(str, [1, 2])), list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])), list(filter(None, [0, 1, "", "a"])))
print(list(filter(lambda x: x > 1, [1, 2, 3])), sorted(frozenset([3, 1, 2])))
print(bytes("abc", "utf-8"), bytes([104, 105]), len(bytes()))
attempt(lambda: getattr(c, 3))
