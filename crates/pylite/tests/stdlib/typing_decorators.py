# typing's decorators for the type checker return the function (Airflow's configuration module).
from typing import final, overload


@overload
def get(key: str) -> str: ...


@overload
def get(key: int) -> int: ...


def get(key):
    return key


@final
def fixed():
    return "fixed"


print(get("a"), get(1), fixed())
