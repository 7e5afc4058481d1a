import datetime
import pytest
from django.core.exceptions import ValidationError
from alliance87.bodies.services import create_role_term

def test_probe(world):
    with pytest.raises(ValidationError) as e:
        create_role_term(body=world.supply_chains, by=world.secretariat, data={"role": "member", "organisation": world.ngo, "start_date": datetime.date(2020,1,1), "end_date": datetime.date(2019,1,1)})
    print(e.value.message_dict)
    with pytest.raises(ValidationError) as e:
        create_role_term(body=world.supply_chains, by=world.secretariat, data={"role": "member", "organisation_id": 99999})
    print(e.value.message_dict)
