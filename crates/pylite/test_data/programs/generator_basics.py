# Lazy generators: the body runs interleaved with its consumer.
def count(n):
    print("start")
    i = 0
    while i < n:
        print("yield", i)
        yield i
        i += 1
    print("end")
    return "done"


g = count(3)
print("made", g is not None)
for x in g:
    print("got", x)
print(list(count(2)))
print([x * 10 for x in count(2)])
print(2 in [x for x in count(3)])

g = count(1)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e)
print(next(g, "default"))


def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received


e = echo()
print(next(e))
print(e.send("a"))
print(e.send("b"))
try:
    e.send(None)
except StopIteration as stop:
    print("returned", stop)


def inner():
    yield 1
    yield 2
    return "inner result"


def outer():
    r = yield from inner()
    print("inner returned", r)
    yield from [3, 4]
    yield 5


print(list(outer()))


def nested(rows):
    for row in rows:
        if row % 2:
            for k in range(row):
                yield (row, k)
        elif row == 4:
            yield "four"
        else:
            print("skip", row)
    else:
        yield "for-else"


print(list(nested([1, 2, 3, 4])))

fresh = count(2)
try:
    fresh.send(1)
except TypeError as err:
    print("TypeError", err)


def letters():
    yield "a"
    yield "b"


print(", ".join(letters()))
print(sorted(letters(), reverse=True))
print(dict(enumerate(letters())))


found = count(5)
print(2 in found)
print(next(found))
print(9 in found)
