await x
yield 1

def f():
    await x
    async for a in b:
        pass
    async with c:
        pass
    [(yield) for x in y]
    [await z for q in r]

class A:
    yield

async def g():
    yield from x
    lambda: await x

async def h():
    yield 1
    return 2

async def fine():
    await x
    async for a in b:
        print(a)
    async with c as d:
        pass
    return [y async for y in d]
