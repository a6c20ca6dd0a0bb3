# enum as migrations and their projects use it: members in definition order, aliases,
# name/value, lookup by name and value, iteration, len, repr/str, IntEnum, str mixins, auto.
import enum
from enum import Enum, IntEnum, auto


class State(Enum):
    """Represents status of a Job."""

    IDLE = (0, ("RUNNING", "FAIL"))
    RUNNING = (1, ("SUCCESS", "FAIL"))
    SUCCESS = (2, ())
    FAIL = (3, ("RUNNING",))

    def is_done(self):
        return self in (State.SUCCESS, State.FAIL)


class Color(str, enum.Enum):
    RED = "red"
    GREEN = "green"
    CRIMSON = "red"


class Level(IntEnum):
    LOW = 1
    HIGH = 5


class Kind(Enum):
    A = auto()
    B = auto()
    _ignore_ = []


print([m.name for m in State], len(State), State.RUNNING.value)
print(State["FAIL"], repr(State.FAIL), State((2, ())) is State.SUCCESS)
print(State.SUCCESS.is_done(), State.IDLE.is_done(), isinstance(State.IDLE, State))
print(list(Color), Color.CRIMSON is Color.RED, Color("green").name, len(Color))
print(str(Level.HIGH), repr(Level.LOW), Level(5).name, [m.value for m in Level])
print(Kind.A.value, Kind.B.value, [k.name for k in Kind])
print(f"{State.IDLE.name}:{State.IDLE.value[0]}", State.IDLE == State.IDLE, State.IDLE != State.FAIL)
try:
    State["NOPE"]
except KeyError as e:
    print("KeyError", e)
try:
    Level(3)
except ValueError as e:
    print("ValueError", e)
