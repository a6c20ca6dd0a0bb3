# yield from passes send() and throw() through; return values; while-else; nested try.
def inner():
    total = 0
    while True:
        try:
            x = yield total
        except KeyError:
            print("inner caught KeyError")
            x = 100
        if x is None:
            return total
        total += x


def outer():
    result = yield from inner()
    print("inner total", result)
    yield "outer done"


g = outer()
print(next(g))
print(g.send(1))
print(g.send(2))
print(g.throw(KeyError("k")))
print(g.send(None))
try:
    next(g)
except StopIteration:
    print("stopped")


def countdown(n):
    while n > 0:
        yield n
        n -= 1
    else:
        yield "liftoff"


print(list(countdown(3)))


def nested_try():
    try:
        try:
            yield 1
            raise ValueError("inner")
        finally:
            yield "inner finally"
    except ValueError as e:
        yield "outer caught " + str(e)
    finally:
        yield "outer finally"


print(list(nested_try()))


def return_in_with():
    from contextlib import nullcontext

    with nullcontext():
        yield 1
        return "from with"


g = return_in_with()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e)


def gen_of_gens():
    for i in range(3):
        yield (j * i for j in range(3))


print([list(x) for x in gen_of_gens()])


def annotated():
    x: int = yield 1
    print("annotated got", x)


a = annotated()
next(a)
try:
    a.send(7)
except StopIteration:
    print("annotated stopped")
print([y for x in countdown(2) for y in countdown(1)])
print(sum(countdown(4)[0] if False else x for x in [1, 2]))
