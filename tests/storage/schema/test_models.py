"""The ORM classes agree with the Core tables they map: every column typed, nullability alike."""

from __future__ import annotations

import typing
from datetime import date, datetime
from decimal import Decimal
from types import UnionType

import pytest
from sqlalchemy import Boolean, Column, Date, Integer, LargeBinary, String, Table
from sqlalchemy.orm import Mapper

from storage.schema import models, tables
from storage.schema.types import DecimalText, UtcDateTime

MAPPERS = sorted(models.Base.registry.mappers, key=lambda mapper: mapper.class_.__name__)

# The Python type each column type reads and writes, most specific first.
PYTHON_TYPES: tuple[tuple[type, type], ...] = (
    (DecimalText, Decimal),
    (UtcDateTime, datetime),
    (Date, date),
    (Integer, int),
    (String, str),
    (Boolean, bool),
    (LargeBinary, bytes),
)


def annotation_of(mapper: Mapper[object], key: str) -> object:
    """The resolved ``Mapped[...]`` argument of one mapped attribute."""
    hints = typing.get_type_hints(mapper.class_, globalns=vars(models))
    (argument,) = typing.get_args(hints[key])
    return argument


def python_type(column: Column[object]) -> type:
    for column_type, python in PYTHON_TYPES:
        if isinstance(column.type, column_type):
            return python
    raise AssertionError(f"no Python type known for {column.type!r}")


@pytest.mark.parametrize("mapper", MAPPERS, ids=lambda mapper: mapper.class_.__name__)
def test_every_column_is_mapped_with_its_python_type_and_nullability(
    mapper: Mapper[object],
) -> None:
    for attribute in mapper.column_attrs:
        (column,) = attribute.columns
        assert isinstance(column, Column)
        annotation = annotation_of(mapper, attribute.key)
        if isinstance(annotation, UnionType):
            members = set(typing.get_args(annotation))
            assert type(None) in members, attribute.key
            assert column.nullable, f"{attribute.key} is optional but the column is NOT NULL"
            (annotation,) = members - {type(None)}
        else:
            assert not column.nullable, f"{attribute.key} may be NULL but is typed as required"
        assert annotation is python_type(column), attribute.key


@pytest.mark.parametrize("mapper", MAPPERS, ids=lambda mapper: mapper.class_.__name__)
def test_each_class_maps_a_whole_table_of_the_schema(mapper: Mapper[object]) -> None:
    table = mapper.local_table
    assert isinstance(table, Table)
    assert tables.metadata.tables[table.name] is table
    assert {column.key for column in table.columns} == {
        attribute.key for attribute in mapper.column_attrs
    }
    assert "__repr__" in vars(mapper.class_)


def test_every_table_has_a_class() -> None:
    mapped = {mapper.class_.__table__.name for mapper in MAPPERS}
    assert mapped == set(tables.metadata.tables)
