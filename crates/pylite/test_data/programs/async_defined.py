# A module with `async def`s that are never called imports and runs.
import contextlib


async def fetch(session, url):
    async with session.get(url) as response:
        async for chunk in response.content:
            await process(chunk)
    return [x async for x in response]


async def process(chunk):
    await chunk


print(fetch.__name__)
print("defined")
