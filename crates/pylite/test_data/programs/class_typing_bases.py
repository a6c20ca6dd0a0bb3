# Classes deriving from typing's Generic and Protocol, as project modules write them: at run
# time they are plain classes (attributes, methods, super(), isinstance).
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")


class HasName(Protocol):
    name: str

    def greet(self) -> str:
        return "hello " + self.name


class Box(Generic[T]):
    def __init__(self, item):
        self.item = item

    def get(self):
        return self.item


class NamedBox(Box[str], HasName):
    def __init__(self, name):
        super().__init__(name.upper())
        self.name = name


b = NamedBox("x")
print(b.get(), b.greet(), isinstance(b, Box), isinstance(b, NamedBox))
print(Box(3).get(), NamedBox.__name__)
