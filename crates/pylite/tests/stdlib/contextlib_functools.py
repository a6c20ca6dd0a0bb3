# contextlib.suppress / nullcontext and functools' decorators.
import contextlib
import functools
from contextlib import suppress


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


with suppress(KeyError):
    {}["missing"]
    print("never")
print("after KeyError")
with contextlib.suppress(ValueError, TypeError):
    int("x")
print("after ValueError")
with contextlib.suppress(Exception):
    raise RuntimeError("anything")
print("after Exception")
with contextlib.nullcontext():
    print("inside nullcontext")


def leaks():
    with suppress(KeyError):
        raise ValueError("not suppressed")


attempt(leaks)


def traced(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        print("calling with", args, kwargs)
        return func(*args, **kwargs)

    return wrapper


@traced
def add(a, b=1):
    return a + b


print(add(2, b=3))


@functools.lru_cache(maxsize=None)
def square(n):
    return n * n


@functools.lru_cache
def cube(n):
    return n * n * n


@functools.cache
def twice(n):
    return 2 * n


print(square(4), cube(2), twice(5))
