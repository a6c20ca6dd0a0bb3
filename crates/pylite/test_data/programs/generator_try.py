# try/except/else/finally and with around yields; throw() and close().
def guarded(log):
    try:
        log.append("try")
        x = yield 1
        log.append("got " + str(x))
        yield 2
    except ValueError as e:
        log.append("caught " + str(e))
        yield "handler"
        log.append("after handler yield")
    else:
        log.append("else")
        yield "else"
    finally:
        log.append("finally")
        yield "finally"
        log.append("after finally yield")
    log.append("end")


log = []
print(list(guarded(log)))
print(log)

log = []
g = guarded(log)
print(next(g))
print(g.throw(ValueError("bad")))
print(next(g))
print(list(g))
print(log)


def closable(log):
    try:
        yield 1
        yield 2
    finally:
        log.append("closed")


log = []
g = closable(log)
print(next(g))
g.close()
print(log)
print(list(g))


def ignores():
    while True:
        try:
            yield 1
        except GeneratorExit:
            yield 2


g = ignores()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError", e)


def swallow():
    try:
        yield 1
    except Exception:
        print("not reached for GeneratorExit")
    finally:
        print("swallow finally")


g = swallow()
next(g)
g.close()


def raises_stop():
    yield 1
    raise StopIteration("x")


try:
    list(raises_stop())
except RuntimeError as e:
    print("RuntimeError", e)


def loop_break():
    for i in range(10):
        try:
            yield i
            if i == 2:
                break
        finally:
            print("finally", i)
    yield "after"


print(list(loop_break()))


def numbers():
    try:
        for i in range(5):
            yield i
    finally:
        print("numbers closed")


for n in numbers():
    if n == 1:
        break
print("after break")


def first_even(xs):
    for x in numbers():
        if x % 2 == 0 and x > 0:
            return x


print(first_even([]))
try:
    for n in numbers():
        raise ValueError("in loop")
except ValueError as e:
    print("ValueError", e)
kept = numbers()
for n in kept:
    break
print("kept open")
print(list(kept))
