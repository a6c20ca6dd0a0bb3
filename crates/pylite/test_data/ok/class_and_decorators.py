import sqlalchemy as sa


def register(name):
    def wrap(fn):
        fn.label = name
        return fn
    return wrap


@register("first")
@staticmethod
def helper(*args, **kwargs):
    return args, kwargs


class Model(Base, metaclass=Meta):
    """A helper class."""
    id = sa.Column(sa.Integer, primary_key=True)

    def __init__(self, name, *, size=3):
        self.name = name
        self.size = size

    @property
    def label(self):
        return f"{self.name:>10}"


@dataclass
class Empty:
    pass


def upgrade():
    pass
