async def upgrade():
    await op.execute("x")
    async with conn.begin() as tx:
        pass
    async for row in rows:
        pass

def gen():
    yield 1
    yield from other()
    x = yield
