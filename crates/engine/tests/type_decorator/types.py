# Column types as projects write them on SQLAlchemy's TypeDecorator (prefect's UUID,
# Timestamp and JSON, airflow's UtcDateTime, a String with arguments). Run by real
# SQLAlchemy in tests/tools/type_decorator_golden.py and by pylite in type_decorator.rs.
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite, mysql
from sqlalchemy.types import CHAR, TIMESTAMP, TypeDecorator


class UUID(TypeDecorator):
    impl = sa.Uuid()
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.UUID())
        else:
            return dialect.type_descriptor(CHAR(36))


class Timestamp(TypeDecorator[object]):
    impl = sa.TIMESTAMP(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.TIMESTAMP(timezone=True))
        elif dialect.name == "sqlite":
            return dialect.type_descriptor(sqlite.DATETIME())
        else:
            return dialect.type_descriptor(sa.TIMESTAMP(timezone=True))


class JSON(TypeDecorator):
    impl = postgresql.JSONB
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.JSONB(none_as_null=True))
        elif dialect.name == "sqlite":
            return dialect.type_descriptor(sqlite.JSON(none_as_null=True))
        else:
            return dialect.type_descriptor(sa.JSON(none_as_null=True))


class UtcDateTime(TypeDecorator):
    impl = TIMESTAMP(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "mysql":
            return mysql.TIMESTAMP(fsp=6)
        return super().load_dialect_impl(dialect)


class Name(TypeDecorator):
    impl = sa.String
    cache_ok = True


class ShortName(Name):
    pass


COLUMNS = [
    sa.Column("id", UUID(), primary_key=True),
    sa.Column("created", Timestamp(), nullable=False),
    sa.Column("data", JSON()),
    sa.Column("updated", UtcDateTime()),
    sa.Column("name", Name(50)),
    sa.Column("short", ShortName(length=8)),
    sa.Column("plain", Name()),
]

import enum


class State(enum.Enum):
    IDLE = (0, ("RUNNING",))
    RUNNING_LONGER = (1, ())


class Level(str, enum.Enum):
    LOW = "low"
    HIGH = "high"


COLUMNS += [
    sa.Column("state", sa.Enum(State, name="job_state", create_constraint=True)),
    sa.Column("level", sa.Enum(Level)),
    sa.Column("level_checked", sa.Enum(Level, create_constraint=True)),
]
