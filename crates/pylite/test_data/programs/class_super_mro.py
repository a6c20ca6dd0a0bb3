# Classes as project modules write them: single and diamond inheritance, zero-argument
# super() through the MRO, class attributes read through bases, isinstance/issubclass.
class Base:
    kind = "base"

    def describe(self):
        return "Base(" + self.kind + ")"

    def setup(self, log):
        log.append("Base.setup")


class Left(Base):
    def setup(self, log):
        log.append("Left.setup")
        super().setup(log)


class Right(Base):
    kind = "right"

    def setup(self, log):
        log.append("Right.setup")
        super().setup(log)


class Both(Left, Right):
    def setup(self, log):
        log.append("Both.setup")
        super().setup(log)

    def describe(self):
        return "Both+" + super().describe()


class Named(Base):
    def __init__(self, name):
        self.name = name

    def describe(self):
        parts = []
        for _ in range(2):
            parts.append(super().describe())
        return self.name + ":" + "/".join(parts)


log = []
b = Both()
b.setup(log)
print(log)
print(b.describe(), Both.kind, Left.kind)
print(Named("n").describe())
print(isinstance(b, Left), isinstance(b, Right), isinstance(b, Base), isinstance(Base(), Both))
print(issubclass(Both, Right), issubclass(Left, Right), issubclass(Both, Both))


class NoParent:
    def go(self):
        return super().missing()


NoParent().go()
