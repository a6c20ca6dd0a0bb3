counter = 0


def upgrade():
    global counter
    if (n := len(rows)) > 3:
        counter += n
    first, *rest = rows
    *init, last = rows[1:-1:2]
    items[::2] = rows[:]
    obj.attr.count += 1
    data["k"] -= 1
    del data["k"], obj.attr, first
    seen = {1, 2, *rest}
    merged = {**defaults, "a": 1, **extra}
    call(*args, x, *more, key=1, **kwargs)
    assert 0 <= n < 10 != 11, "range"
    x = a if b else c
    try:
        pass
    except (ValueError, KeyError) as e:
        raise
    else:
        pass
    finally:
        pass
    with a as x, b as y, c:
        pass
    for i in rows:
        break
    else:
        pass
    while False:
        pass
    else:
        pass


def outer():
    x = 1

    def inner(a, /, b, *args, c=2, **kw):
        nonlocal x
        x += 1
    return inner
