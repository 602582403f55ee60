import json

from steps.fingerprint import input_fingerprint, previous_summary


def _raw(tmp_path):
    raw = tmp_path / "raw" / "demo"
    raw.mkdir(parents=True)
    (raw / "2024.txt").write_text("一、2023年工作回顾", encoding="utf-8")
    return tmp_path / "raw"


def test_fingerprint__changes_with_a_file_the_overrides_or_the_code(tmp_path):
    raw = _raw(tmp_path)
    overrides = tmp_path / "overrides.csv"
    base = input_fingerprint(raw, overrides, "v1")
    assert input_fingerprint(raw, overrides, "v1") == base
    assert input_fingerprint(raw, overrides, "v2") != base
    overrides.write_text("region,period_year\n", encoding="utf-8")
    with_overrides = input_fingerprint(raw, overrides, "v1")
    assert with_overrides != base
    (raw / "demo" / "2024.txt").write_text("一、2023年工作回顾。", encoding="utf-8")
    assert input_fingerprint(raw, overrides, "v1") != with_overrides


def test_fingerprint__ignores_dotfiles(tmp_path):
    raw = _raw(tmp_path)
    base = input_fingerprint(raw, None, "v1")
    (raw / "demo" / ".DS_Store").write_bytes(b"\x00")
    assert input_fingerprint(raw, None, "v1") == base


def test_fingerprint__takes_the_hashes_extraction_made_and_reads_the_other_files(tmp_path):
    from steps.discover import discover
    from steps.extract import extract_batch
    from steps.judge import gather, read_hashes

    raw = _raw(tmp_path)
    (raw / "demo" / "notes.md").write_text("not a report", encoding="utf-8")
    inputs, _ = discover(raw)
    known = read_hashes(inputs, gather(extract_batch(inputs, None, "v1"), []).docs)
    assert list(known) == [str((raw / "demo" / "2024.txt").absolute())]
    assert input_fingerprint(raw, None, "v1", known) == input_fingerprint(raw, None, "v1")
    changed = {path: "0" * 64 for path in known}  # used as given, so the file was not read again
    assert input_fingerprint(raw, None, "v1", changed) != input_fingerprint(raw, None, "v1")


def test_previous_summary__hashes_only_when_a_site_was_stamped(tmp_path):
    def never() -> str:
        raise AssertionError("hashed the inputs with no stamped site to compare with")

    assert previous_summary(tmp_path / "missing", never) is None
    out = tmp_path / "site"
    out.mkdir()
    (out / ".duixian-site").write_text(json.dumps({"inputs": "abc", "summary": {"exit_code": 0}}), encoding="utf-8")
    assert previous_summary(out, lambda: "abc") == {"exit_code": 0}


def test_previous_summary__only_for_the_same_fingerprint(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / ".duixian-site").write_text(json.dumps({"inputs": "abc", "summary": {"exit_code": 0}}), encoding="utf-8")
    assert previous_summary(out, "abc") == {"exit_code": 0}
    assert previous_summary(out, "abd") is None
    assert previous_summary(tmp_path / "missing", "abc") is None


def test_split_message__drops_the_path_however_the_reader_spelled_it():
    from steps.extract import split_message

    reason, action = split_message("raw/demo/2024.txt: empty file; replace it with the report's full text",
                                   "/abs/raw/demo/2024.txt", aliases=("raw/demo/2024.txt",))
    assert reason == "empty file"
    assert action == "replace it with the report's full text"
