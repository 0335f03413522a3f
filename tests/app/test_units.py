import pytest

from app.db import Database
from app.errors import PubDeskError, ValidationError
from app.services.units import (
    ContactData,
    UnitData,
    delete_unit,
    list_contacts,
    list_units,
    save_contacts,
    save_unit,
    unit_data,
    unit_version,
)
from tests.app.factories import add_book


def test_unit_round_trip_and_doc_code_without_zi(db: Database) -> None:
    with db.session() as session:
        unit = save_unit(session, UnitData("經濟部", "經濟部", doc_code="經研字"))
        assert unit_data(session, unit).doc_code == "經研"
        assert list_units(session) == [(unit, "經濟部")]
        with pytest.raises(ValidationError, match="已經存在"):
            save_unit(session, UnitData("經濟部"))
        with pytest.raises(ValidationError, match="信箱"):
            save_unit(session, UnitData("經濟部能源署", email="not-an-email"))


def test_contacts_have_one_default(db: Database, unit_id: int) -> None:
    with db.session() as session:
        version = save_contacts(session, unit_id, [ContactData("甲", is_default=True),
                                                   ContactData("乙", is_default=True)],
                                expected_version=unit_version(session, unit_id))
        assert [c.is_default for c in list_contacts(session, unit_id)] == [True, False]
        with pytest.raises(ValidationError):
            save_contacts(session, unit_id, [ContactData("")], expected_version=version)


def test_unit_with_publications_cannot_be_deleted(db: Database, unit_id: int) -> None:
    add_book(db, unit_id)
    with db.session() as session, pytest.raises(PubDeskError, match="仍有出版品"):
        delete_unit(session, unit_id)
