from extractors.records import CONTRACT_KEYS, Commitment
from scoring.scorecard import SCORECARD_COLUMNS, ScoreRow


def test_records__commitment_fields_start_with_the_public_contract():
    fields = list(Commitment.__dataclass_fields__)
    assert tuple(fields[: len(CONTRACT_KEYS)]) == CONTRACT_KEYS


def test_records__scorecard_fields_start_with_the_csv_columns():
    fields = list(ScoreRow.__dataclass_fields__)
    assert tuple(fields[: len(SCORECARD_COLUMNS)]) == SCORECARD_COLUMNS
