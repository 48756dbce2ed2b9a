"""Event data researchers can join (docs/event-data.md): CAMEO and PLOVER coding, CAMEO-style
actor codes, one event per happening across documents and languages with its mentions, GDELT
2.0 column names, POLECAT-style JSON Lines, and negated events out of the default table."""
import csv
import datetime as dt
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.events.actors import actor_code
from pipeline.events.coding import code_claim, coding_table
from pipeline.events.happenings import happenings, mentions_of
from pipeline.graph_nodes import GraphClaim, GraphDocument
from pipeline.records import Claim, Entity, Evidence
from pipeline.resources import DataFileError

runner = CliRunner()
# One meeting told in Kazakh and in Russian on the same day, the same pair meeting again a month
# later, and a help that did not happen.
NEWS = [
    {"id": "kk-a", "date": "2025-05-14", "url": "https://www.kaz-news.example.kz/a1",
     "text": "Қазақстан Президенті Асхат Серікбаев Ресей Қорғаныс министрі Олег Воронцовпен кездесті. "
             "Жапония Қытайға көмектескен жоқ."},
    {"id": "ru-b", "date": "2025-05-14", "url": "https://rus-news.example.ru/b2",
     "text": "Президент Казахстана Асхат Серикбаев встретился с министром обороны России Олегом Воронцовым."},
    {"id": "kk-c", "date": "2025-06-20", "url": "https://www.kaz-news.example.kz/c3",
     "text": "Қазақстан Президенті Асхат Серікбаев Ресей Қорғаныс министрі Олег Воронцовпен кездесті."},
]


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("eventdata")
    src = tmp / "news.jsonl"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in NEWS), encoding="utf-8")
    result = runner.invoke(app, ["run", str(src), "-o", str(tmp / "out")])
    assert result.exit_code == 0, result.output
    return tmp / "out" / "graph.jsonld"


def _export(graph, fmt, out, *flags):
    result = runner.invoke(app, ["export", str(graph), "--format", fmt, "-o", str(out), *flags])
    assert result.exit_code == 0, result.output
    return out


def test_one_meeting_in_kazakh_and_russian_is_one_event_with_two_mentions(graph, tmp_path):
    events = pd.read_parquet(_export(graph, "events", tmp_path / "events.parquet"))
    meetings = events[events.Predicate == "meet"].sort_values("SQLDATE")
    assert [d.isoformat() for d in meetings.SQLDATE] == ["2025-05-14", "2025-06-20"]  # dates, not strings
    may = meetings.iloc[0]
    assert (may.Actor1Code, may.Actor1CountryCode, may.Actor1Type1Code) == ("KAZGOV", "KAZ", "GOV")
    assert (may.Actor2Code, may.Actor2Name) == ("RUSGOV", "Олег Воронцов")  # a ministry is GOV in CAMEO
    assert (may.EventCode, may.EventBaseCode, may.EventRootCode, may.QuadClass, may.GoldsteinScale) == (
        "040", "040", "04", 1, 1.0)
    assert (may.PloverEventType, may.DatePrecision) == ("CONSULT", "day")
    assert (may.NumMentions, may.NumArticles, may.NumSources) == (2, 2, 2)
    assert (meetings.iloc[1].NumMentions, meetings.iloc[1].NumArticles) == (1, 1)  # a month later: another event

    mentions = pd.read_csv(_export(graph, "mentions", tmp_path / "mentions.csv"))
    mine = mentions[mentions.GlobalEventID == may.GlobalEventID].sort_values("DocumentID")
    assert list(mine.DocumentID) == ["doc:kk-a", "doc:ru-b"]
    assert list(mine.Language) == ["kk", "ru"]
    assert list(mine.MentionSourceName) == ["kaz-news.example.kz", "rus-news.example.ru"]
    texts = {f"doc:{d['id']}": d["text"] for d in NEWS}
    for m in mine.itertuples():
        assert texts[m.DocumentID][m.EvidenceStart:m.EvidenceEnd] == m.Evidence


def test_codes_stay_strings_in_the_csv(graph, tmp_path):
    out = _export(graph, "events", tmp_path / "events.csv")
    header, first = out.read_text(encoding="utf-8").splitlines()[:2]
    row = dict(zip(header.split(","), first.split(",")))
    assert (row["EventCode"], row["EventRootCode"], row["SQLDATE"]) == ("040", "04", "2025-05-14")


def test_a_negated_event_is_left_out_by_default_and_kept_with_all_modes(graph, tmp_path):
    default = pd.read_csv(_export(graph, "events", tmp_path / "d.csv"), dtype={"EventCode": str})
    assert "help" not in set(default.Predicate)
    every = pd.read_csv(_export(graph, "events", tmp_path / "a.csv", "--all-modes"), dtype={"EventCode": str})
    help_row = every[every.Predicate == "help"].iloc[0]
    assert (help_row.Actor1Code, help_row.Actor2Code, help_row.EventCode) == ("JPN", "CHN", "070")
    assert (help_row.Polarity, help_row.PloverEventType, help_row.PloverAuxMode) == ("negated", "AID", "negated")
    claims = pd.read_csv(_export(graph, "csv", tmp_path / "claims.csv"), dtype={"EventCode": str})
    kept = claims[claims.predicate == "help"].iloc[0]  # the claims table keeps every claim, coded
    assert (kept.EventCode, kept.PloverAuxMode, kept.Actor1Code) == ("070", "negated", "JPN")


def test_polecat_lines_are_json_with_the_plover_fields(graph, tmp_path):
    lines = _export(graph, "polecat", tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    may = next(r for r in records if r["event_date"] == "2025-05-14")
    assert (may["event_type"], may["event_mode"], may["aux_mode"], may["cameo"]) == ("CONSULT", None, None, "040")
    assert [a["code"] for a in may["actor"]] == ["KAZGOV"] and [a["code"] for a in may["recipient"]] == ["RUSGOV"]
    assert [m["document"] for m in may["mentions"]] == ["doc:kk-a", "doc:ru-b"]
    assert may["num_mentions"] == 2 and all(r["event_type"] for r in records)


def test_predicates_are_coded_in_cameo_and_plover():
    def coded(predicate, **fields):
        c = code_claim(Claim(id="d-1", predicate=predicate, evidence=Evidence(start=0, end=1, exact="x"), **fields))
        return c.cameo, c.plover, c.mode, c.aux_mode

    assert coded("meet") == ("040", "CONSULT", None, None)
    assert coded("call") == ("041", "CONSULT", "phone", None)
    assert coded("sign") == ("057", "AGREE", None, None)
    assert coded("support") == ("051", "SUPPORT", None, None)
    assert coded("condemn") == ("111", "ACCUSE", "disapprove", None)
    assert coded("say") == ("010", None, None, None)  # a statement: no PLOVER type
    assert coded("meet", cameo="043", quad_class=1, goldstein=2.8) == ("043", "CONSULT", "visit", None)  # host
    assert coded("visit", modality="intended") == ("042", "CONSULT", "visit", "intended")
    assert coded("has_role") == (None, None, None, None)


def test_a_bad_coding_table_is_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "coding.yaml"
    bad.write_text('predicates:\n  meet: {cameo: "040", base: "041", root: "04", quad_class: 1, goldstein: 1.0}\n',
                   encoding="utf-8")
    with pytest.raises(DataFileError, match=r"coding.yaml: not an event coding table"):
        coding_table(bad)


@pytest.mark.parametrize("entity, code", [
    (Entity(id="person:a", type="Person", name="A", job_title="генерал-майоры", affiliation="country:KZ"), "KAZMIL"),
    (Entity(id="person:b", type="Person", name="B", job_title="депутат Госдумы", affiliation="country:RU"), "RUSLEG"),
    (Entity(id="person:c", type="Person", name="C", job_title="Сыртқы істер министрі", affiliation="country:KZ"),
     "KAZGOV"),
    (Entity(id="person:d", type="Person", name="D", job_title="ректоры", affiliation="org:e"), "KAZEDU"),
    (Entity(id="org:e", type="Organization", name="Ұлттық университет", affiliation="country:KZ"), "KAZEDU"),
    (Entity(id="org:f", type="Organization", name="Совет Безопасности ООН"), "IGO"),
    (Entity(id="country:TR", type="Country", name="Түркия", identifier="TR"), "TUR"),
])
def test_actor_codes_are_a_country_and_a_sector(entity, code):
    entities = {e.id: e for e in (Entity(id="country:KZ", type="Country", name="KZ", identifier="KZ"),
                                  Entity(id="country:RU", type="Country", name="RU", identifier="RU"),
                                  Entity(id="org:e", type="Organization", name="Ұлттық университет",
                                         affiliation="country:KZ"))}
    assert actor_code(entity, entities).code == code


def _meeting(doc, date, agent="country:KZ", recipient="country:CN"):
    return GraphClaim(id=f"{doc}-meet-0", predicate="meet", agent=agent, recipient=recipient, date=date,
                      document=f"doc:{doc}", evidence=Evidence(start=0, end=4, exact="meet"))


def test_a_date_joins_an_event_within_its_precision_and_parties_in_either_order():
    entities = {e.id: e for e in (Entity(id="country:KZ", type="Country", name="KZ", identifier="KZ"),
                                  Entity(id="country:CN", type="Country", name="CN", identifier="CN"))}
    claims = [_meeting("a", "2025-05-14"), _meeting("b", "2025-05", agent="country:CN", recipient="country:KZ"),
              _meeting("c", "2025-06-02"), _meeting("d", "2025-05-15")]
    documents = {f"doc:{d}": GraphDocument(id=f"doc:{d}") for d in "abcd"}
    events = happenings(mentions_of(claims, entities, documents), entities)
    grouped = [sorted(m.claim.document for m in e.mentions) for e in events]
    assert grouped == [["doc:a", "doc:b"], ["doc:d"], ["doc:c"]]  # May (month) joins 14 May, not 15 May as well
    assert [e.date[1] for e in events] == ["day", "day", "day"]


def test_a_week_stays_a_week_and_joins_a_day_inside_it():
    """"Өткен аптада": a claim dated to a week keeps that precision in the events table, and joins a
    report of the same meeting on a day of that week (not one of the next week)."""
    entities = {e.id: e for e in (Entity(id="country:KZ", type="Country", name="KZ", identifier="KZ"),
                                  Entity(id="country:CN", type="Country", name="CN", identifier="CN"))}
    documents = {f"doc:{d}": GraphDocument(id=f"doc:{d}") for d in "abcd"}
    claims = [_meeting("a", "2025-W20"), _meeting("b", "2025-05-14"), _meeting("c", "2025-05-21")]
    events = happenings(mentions_of(claims, entities, documents), entities)
    assert [sorted(m.claim.document for m in e.mentions) for e in events] == [["doc:a", "doc:b"], ["doc:c"]]
    alone = happenings(mentions_of([_meeting("d", "2025-W20")], entities, documents), entities)
    assert [e.date for e in alone] == [(dt.date(2025, 5, 12), "week")]


def test_one_quote_by_one_speaker_in_two_documents_is_one_quotation(tmp_path):
    quote = "Біз көршілермен достықты нығайтамыз"
    news = [{"id": f"q{i}", "date": f"2025-07-0{i}", "url": f"https://site{i}.example.kz/q",
             "text": f"Қазақстан Президенті Асхат Серікбаев: «{quote}{mark}», - деді."}
            for i, mark in ((1, ""), (2, "!"))]
    src = tmp_path / "quotes.jsonl"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in news), encoding="utf-8")
    assert runner.invoke(app, ["run", str(src), "-o", str(tmp_path / "out")]).exit_code == 0
    out = _export(tmp_path / "out" / "graph.jsonld", "quotations", tmp_path / "q.jsonl")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 1
    q = records[0]
    assert (q["speaker"]["id"], q["speaker"]["code"], q["date_first"]) == ("person:askhat-serikbaev", "KAZGOV",
                                                                           "2025-07-01")
    assert (q["num_occurrences"], q["num_articles"], q["num_sources"]) == (2, 2, 2)
    assert [o["document"] for o in q["occurrences"]] == ["doc:q1", "doc:q2"]


def test_statements_are_one_event_per_thing_said():
    entities = {"country:KZ": Entity(id="country:KZ", type="Country", name="KZ", identifier="KZ")}

    def said(doc, words):
        return GraphClaim(id=f"{doc}-say-0", predicate="say", agent="country:KZ", text=words, date="2025-05-14",
                          document=f"doc:{doc}", evidence=Evidence(start=0, end=3, exact="say"))

    claims = [said("a", "Шекара ашық."), said("b", "шекара ашық"), said("c", "Келіссөздер жалғасады.")]
    documents = {f"doc:{d}": GraphDocument(id=f"doc:{d}") for d in "abc"}
    events = happenings(mentions_of(claims, entities, documents), entities)
    assert sorted(len(e.mentions) for e in events) == [1, 2]


def test_consult_modes_multilateral_and_third_party():
    entities = {e.id: e for e in (Entity(id=f"country:{c}", type="Country", name=c, identifier=c)
                                  for c in ("KZ", "CN", "RU", "TR"))}

    def met(doc, recipient, location=None, date="2025-05-14"):
        return GraphClaim(id=f"{doc}-meet-{recipient[-2:]}", predicate="meet", agent="country:KZ", recipient=recipient,
                          location=location, date=date, document=f"doc:{doc}",
                          evidence=Evidence(start=0, end=4, exact="meet"))

    # one trigger, three parties: multilateral; a meeting in Turkey of Kazakhstan and China: third-party
    claims = [met("a", "country:CN"), met("a", "country:RU"), met("b", "country:CN", "country:TR", "2025-09-01")]
    documents = {f"doc:{d}": GraphDocument(id=f"doc:{d}") for d in "ab"}
    events = happenings(mentions_of(claims, entities, documents), entities)
    modes = {(e.first.claim.document, e.first.actor2): (e.mode, e.recipients) for e in events}
    assert modes[("doc:a", "country:RU")] == ("multilateral", ["country:CN", "country:RU"])
    assert modes[("doc:b", "country:CN")] == ("third-party", ["country:CN"])


def test_the_events_csv_writes_a_place_geonames_id_as_a_whole_number(tmp_path):
    src = tmp_path / "visit.txt"
    src.write_text("date 2025-05-14\nҚазақстан Президенті Асхат Серікбаев Мәскеуге сапармен барды. "
                   "Жапония Қытайға алғыс айтты.\n",  # an event with no place beside it
                   encoding="utf-8")
    result = runner.invoke(app, ["run", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = _export(tmp_path / "out" / "graph.jsonld", "events", tmp_path / "events.csv")
    with open(out, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    visits = [r for r in rows if r["EventCode"] == "042"]
    assert visits and visits[0]["ActionGeo_FullName"] == "Мәскеу"
    assert visits[0]["ActionGeo_FeatureID"] == "524901"  # GeoNames' Moscow, not "524901.0"
