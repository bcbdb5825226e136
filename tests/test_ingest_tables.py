"""`import --table NAME`: every domain table loaded from a small handmade CSV with the schema's
column names, on DuckDB and PostgreSQL.

- the chain of imports (customers, products, orders, their lines, then every domain table)
  lights up the pages, tabs and cards that cockpit.coverage says need each table;
- wrong values, missing columns, values a code column does not allow, unknown references and
  repeated keys are rejected naming the column and the line, and the warehouse is unchanged;
- a re-import changes nothing, `--mode replace` empties the one table, undo removes an
  import's rows, a dry run writes nothing;
- monthly targets imported give the weekly review its plan and attainment;
- the CLI exits 0, 2 or 3 and never prints a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import chdb_url

from cockpit import coverage
from cockpit.filters import Filters
from cockpit.ingest import history
from cockpit.ingest.cells import ReadOptions
from cockpit.ingest.outcome import FileResult, ImportOptions
from cockpit.ingest.pipeline import run_import
from cockpit.ingest.problems import IngestError
from cockpit.ingest.table_import import run_table_import
from cockpit.ingest.undo import undo_import
from cockpit.review.kpis import week_kpis
from cockpit.warehouse import clickhouse, read_engine
from cockpit.warehouse.schema import METADATA

CLI_TIMEOUT_S = 180


def csv(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def wide(header: dict[str, str], *rows: dict[str, str]) -> str:
    """A CSV of `header`'s columns: each row is the header's values with some replaced."""
    return csv(",".join(header), *(",".join({**header, **row}.values()) for row in rows))


MINUTE = {"live_session_id": "1", "minute_index": "0", "minute_at": "2024-03-05 20:00:00",
          "segment": "product_explanation", "featured_product_id": "SKU-A",
          "online_viewers": "120", "entries": "30", "exits": "5", "entries_feed": "10",
          "entries_paid": "5", "entries_short_video": "5", "entries_followers": "10",
          "comments": "8", "likes": "40", "shares": "2", "new_followers": "3",
          "product_exposures": "90", "product_clicks": "12", "orders_created": "2",
          "orders": "1", "gmv_cny": "¥25.00", "wecom_adds": "1"}
SHIPMENT = {"shipment_id": "1", "order_id": "O1", "warehouse_id": "1", "mode": "electric_van",
            "route": "domestic", "line_haul_km": "120.5", "last_mile_km": "3.2",
            "weight_kg": "1.4", "packaging_type": "minimal", "packaging_weight_kg": "0.1",
            "packaging_cost_cny": "1.20", "parcels_per_stop": "2", "is_cold_chain": "是",
            "shipped_at": "2024-03-05 18:00:00", "delivered_at": "2024-03-06 10:00:00",
            "customs_clearance_hours": ""}
ORDERS = csv("order_id,customer_id,ordered_at,total,status",
             "O1,C1,2024-03-05 10:00:00,200,paid", "O2,C2,2024-03-06 11:00:00,150,paid")

# table, file, coverage keys that need the table (or are richer with it)
CHAIN: list[tuple[str, str, tuple[str, ...]]] = [
    ("customers", csv("customer_id,signup_date,city,region,acquisition_channel,"
                      "acquisition_domain,member_tier",
                      "C1,2023-01-05,上海,east,douyin,public,gold",
                      "C2,2023/2/1,北京,north,referral,private,"), ("segments.playbooks",)),
    ("products", csv("sku,name_zh,category,price_cny,cost_cny,weight_kg,is_sustainable,"
                     "sustainable_attribute,is_c2m,c2m_counterpart_id,needs_cold_chain,"
                     "launched_on",
                     "SKU-A,牛奶,fresh,¥12.50,8,1.0,是,organic,否,,是,2023-01-01",
                     "SKU-B,定制卫衣,apparel,\"1,199.00\",90,0.5,false,,true,SKU-A,false,"),
     ("segments.c2m",)),
    ("orders", ORDERS, ("overview", "segments", "forecast")),
    ("order_items", csv("order_id,line_number,product_id,quantity,unit_price_cny,amount_cny",
                        "O1,1,SKU-A,2,12.5,25", "O1,2,SKU-B,1,175,175",
                        "O2,1,SKU-A,12,12.5,150"), ("segments.c2m",)),
    ("live_sessions", csv("live_session_id,title,host_name,host_type,started_at,ended_at,"
                          "unique_viewers,impressions",
                          "1,春季上新,小李,brand_self,2024-03-05 20:00:00,2024-03-05 22:00,"
                          "\"1,200\",50000"), ("live",)),
    ("live_minutes", wide(MINUTE, {}, {"minute_index": "1", "minute_at": "2024-03-05 20:01",
                                       "segment": "benefits", "featured_product_id": ""}),
     ("live",)),
    ("stores", csv("store_id,name_zh,name_en,city,latitude,longitude,store_format,opened_on,"
                   "floor_area_sqm", "1,上海体验店,Shanghai Experience,上海,31.2304,121.4737,"
                   "experience,2023-05-01,850.5"), ("o2o",)),
    ("store_visits", csv("visit_id,store_id,customer_id,visited_at,dwell_minutes,"
                         "category_experienced,is_bought_offline",
                         "1,1,C1,2024-03-05 15:00:00,22.5,fresh,是",
                         "2,1,,2024-03-06 16:00:00,5,,否"), ("o2o",)),
    ("cities", csv("city,city_en,province,region,grid_region,city_tier,latitude,longitude",
                   "上海,Shanghai,上海,east,east,1,31.2304,121.4737"), ("o2o.halo",)),
    ("warehouses", csv("warehouse_id,name_zh,name_en,warehouse_type,city,latitude,longitude,"
                       "lead_time_days,lead_time_sd_days,holding_cost_cny_per_unit_day",
                       "1,嘉兴仓,Jiaxing DC,central,嘉兴,30.75,120.76,5,1.5,0.02"),
     ("forecast.series.sku_warehouse",)),
    ("inventory_daily", csv("snapshot_date,warehouse_id,product_id,on_hand_units,"
                            "inbound_units,outbound_units", "2024-03-05,1,SKU-A,500,100,14",
                            "2024-03-05,1,SKU-B,40,0,1"), ("forecast.inventory",)),
    ("shipments", wide(SHIPMENT, {}, {"shipment_id": "2", "order_id": "O2",
                                      "is_cold_chain": "否", "mode": "diesel_van"}),
     ("logistics",)),
    ("cold_chain_readings", csv("shipment_id,read_at,temperature_c",
                                "1,2024-03-05 18:00:00,2.5", "1,2024-03-05 18:30:00,-0.5"),
     ("logistics.kpi.compliance",)),
    ("marketing_spend", csv("spend_date,channel,spend_cny,impressions,clicks",
                            "2024-03-05,douyin,\"¥1,000.00\",20000,400"),
     ("overview.kpi.cac",)),
    ("service_tickets", csv("ticket_id,customer_id,order_id,opened_at,topic,resolved_by,"
                            "minutes_to_resolve,satisfaction",
                            "1,C1,O1,2024-03-06 09:00:00,logistics,ai,3.5,5",
                            "2,C2,,2024-03-07 09:00:00,invoice,human,30,"),
     ("overview.kpi.ai_resolution_rate",)),
    ("reviews", csv("review_id,order_id,customer_id,product_id,created_at,rating,text_zh",
                    "1,O1,C1,SKU-A,2024-03-08 12:00:00,5,很新鲜"), ("segments.personas",)),
    ("monthly_targets", csv("month,channel,gmv_target_cny,orders_target",
                            "2024-03-01,all,3100,62"), ()),
]


class Target:
    """A warehouse on one dialect, its app store and a folder for the files."""

    def __init__(self, url: str, app_url: str, folder: Path) -> None:
        self.url, self.app_url, self.folder = url, app_url, folder

    def file(self, name: str, text: str) -> Path:
        path = self.folder / name
        path.write_text(text, encoding="utf-8")
        return path

    def run(self, table: str, text: str, **options) -> FileResult:
        path = self.file(f"{table}.csv", text)
        chosen = ImportOptions(read=ReadOptions(), **options)
        if table == "orders":
            result, = run_import([path], chosen, self.url, self.app_url)
        else:
            result, = run_table_import(table, [path], chosen, self.url, self.app_url)
        return result

    def read(self, sql: str) -> list[tuple]:
        engine = read_engine(self.url)
        try:
            with engine.connect() as conn:
                return [tuple(r) for r in conn.execute(sa.text(sql))]
        finally:
            engine.dispose()

    def present(self) -> frozenset[str]:
        engine = read_engine(self.url)
        try:
            with engine.connect() as conn:
                return coverage.tables_with_rows(conn)
        finally:
            engine.dispose()

    def snapshot(self, skip: tuple[str, ...] = ()) -> dict[str, list[str]]:
        """Every table's rows as sorted text."""
        return {name: sorted(map(str, self.read(f'select * from "{name}"')))
                for name in METADATA.tables if name not in skip}


@pytest.fixture
def target(empty_warehouse: sa.Engine, tmp_path: Path) -> Target:
    url = empty_warehouse.url.render_as_string(hide_password=False)
    empty_warehouse.dispose()
    folder = tmp_path / "files"
    folder.mkdir()
    return Target(url, f"sqlite:///{tmp_path / 'app.sqlite'}", folder)


def _chain(target: Target, upto: str | None = None) -> None:
    for table, text, _ in CHAIN:
        target.run(table, text)
        if table == upto:
            return


def _absent(key: str, present: frozenset[str]) -> set[str]:
    return set(coverage.missing_for(key, present)) | set(coverage.optional_missing(key, present))


def test_every_importable_table_is_in_the_chain() -> None:
    from cockpit.ingest.tables import TABLE_CHOICES
    from cockpit.warehouse.schema import MART_TABLES

    assert sorted(TABLE_CHOICES) == sorted(t for t, _, _ in CHAIN)
    assert not set(MART_TABLES) & set(TABLE_CHOICES)  # marts are derived, never imported


def test_each_table_lights_up_its_pages(target: Target) -> None:
    for table, text, keys in CHAIN:
        before = target.present()
        result = target.run(table, text)
        assert result.rows_written[table] == text.count("\n") - 1, table
        after = target.present()
        for key in keys:
            assert table in _absent(key, before), (table, key)
            assert table not in _absent(key, after), (table, key)
    present = target.present()
    for _, _, keys in CHAIN:
        for key in keys:
            assert coverage.missing_for(key, present) == (), key
    assert target.read("select count(*) from emission_factors")[0][0] > 0


def test_values_and_keys_land_as_written(target: Target) -> None:
    _chain(target)
    products = dict(target.read("select sku, product_id from products"))
    assert target.read("select sku, price_cny, is_sustainable, is_c2m, c2m_counterpart_id "
                       "from products order by sku") == [
        ("SKU-A", 12.5, True, False, None), ("SKU-B", 1199.0, False, True, products["SKU-A"])]
    customers = dict(target.read(
        "select external_id, internal_id from external_ids where entity = 'customer'"))
    assert set(customers) == {"C1", "C2"}
    assert target.read("select customer_id, member_tier from customers order by customer_id"
                       ) == [(customers["C1"], "gold"), (customers["C2"], None)]
    orders = dict(target.read(
        "select external_id, internal_id from external_ids where entity = 'order'"))
    assert sorted(target.read("select order_id, product_id, quantity from order_items")) == \
        sorted([(orders["O1"], products["SKU-A"], 2), (orders["O1"], products["SKU-B"], 1),
                (orders["O2"], products["SKU-A"], 12)])
    assert target.read("select unique_viewers from live_sessions") == [(1200,)]
    assert target.read("select temperature_c from cold_chain_readings order by read_at") == [
        (2.5,), (-0.5,)]
    assert target.read("select spend_cny from marketing_spend") == [(1000.0,)]
    assert sorted(target.read("select customer_id, order_id, satisfaction "
                              "from service_tickets")) == [
        (customers["C1"], orders["O1"], 5), (customers["C2"], None, None)]


REJECTED = [
    # table, file, rule, column, line, sample
    ("stores", csv("store_id,name_zh,name_en,city,latitude,longitude,store_format,opened_on,"
                   "floor_area_sqm", "2,杭州店,Hangzhou,杭州,30.27,120.15,standard,2023-01-01,90",
                   "3,南京店,Nanjing,南京,abc,118.8,standard,2023-01-01,90"),
     "not_a_number", "latitude", 3, "abc"),
    ("stores", csv("store_id,name_zh,name_en,city,latitude,longitude,store_format,opened_on,"
                   "floor_area_sqm", "2,杭州店,Hangzhou,杭州,inf,120.15,standard,2023-01-01,90"),
     "not_a_number", "latitude", 2, "inf"),
    ("stores", csv("store_id,name_zh,name_en,city,latitude,longitude,opened_on,floor_area_sqm",
                   "2,杭州店,Hangzhou,杭州,30.27,120.15,2023-01-01,90"),
     "missing_column", None, 1, None),
    ("stores", csv("store_id,name_zh,name_en,city,latitude,longitude,store_format,opened_on,"
                   "floor_area_sqm", "2,杭州店,Hangzhou,杭州,30.27,120.15,megastore,2023-01-01,90"),
     "not_allowed", "stores.store_format", 2, "megastore"),
    ("stores", csv("store_id,name_zh,name_en,city,latitude,longitude,store_format,opened_on,"
                   "floor_area_sqm", "2,杭州店,Hangzhou,杭州,30.27,120.15,standard,2023-13-45,90"),
     "invalid_date", "opened_on", 2, "2023-13-45"),
    ("stores", csv("store_id,name_zh,name_en,city,latitude,longitude,store_format,opened_on,"
                   "floor_area_sqm", "2,杭州店,Hangzhou,杭州,30.27,120.15,standard,2023-01-01,90",
                   "2,杭州店,Hangzhou,杭州,30.27,120.15,standard,2023-01-01,90"),
     "duplicate_key", "stores.store_id", 2, "2"),
    ("store_visits", csv("visit_id,store_id,customer_id,visited_at,dwell_minutes,"
                         "category_experienced,is_bought_offline",
                         "5,1,C1,2024-03-05 15:00:00,22.5,fresh,是",
                         "6,9,C1,2024-03-05 15:00:00,22.5,fresh,是"),
     "unknown_reference", "store_id", 3, "9"),
    ("store_visits", csv("visit_id,store_id,customer_id,visited_at,dwell_minutes,"
                         "category_experienced,is_bought_offline",
                         "5,1,C404,2024-03-05 15:00:00,22.5,fresh,是"),
     "unknown_reference", "customer_id", 2, "C404"),
    ("store_visits", csv("visit_id,store_id,customer_id,visited_at,dwell_minutes,"
                         "category_experienced,is_bought_offline",
                         "5,1,C1,2024-03-05 15:00:00,22.5,fresh,maybe"),
     "not_yes_no", "is_bought_offline", 2, "maybe"),
    ("service_tickets", csv("ticket_id,customer_id,order_id,opened_at,topic,resolved_by,"
                            "minutes_to_resolve,satisfaction",
                            "7,C1,O404,2024-03-06 09:00:00,logistics,ai,3.5,5"),
     "unknown_reference", "order_id", 2, "O404"),
    ("inventory_daily", csv("snapshot_date,warehouse_id,product_id,on_hand_units,"
                            "inbound_units,outbound_units", "2024-03-06,1,SKU-A,1.5,0,0"),
     "not_whole", "on_hand_units", 2, "1.5"),
]


@pytest.mark.parametrize("case", REJECTED, ids=[f"{c[0]}-{c[2]}-{c[4]}" for c in REJECTED])
def test_rejected_with_column_and_line_and_nothing_written(target: Target, case) -> None:
    _chain(target, upto="store_visits")
    target.run("warehouses", CHAIN[9][1])
    before = target.snapshot()
    table, text, rule, column, line, sample = case
    with pytest.raises(IngestError) as caught:
        target.run(table, text)
    found = [p for p in caught.value.errors if p.rule == rule]
    assert found, caught.value.report()
    assert found[0].column == column and line in found[0].lines, caught.value.report()
    if sample is not None:
        assert sample in found[0].samples
    if rule == "missing_column":
        assert "store_format" in found[0].message
    if rule == "unknown_reference":
        assert "first" in found[0].hint
    assert target.snapshot() == before


def test_extra_columns_are_a_warning_that_lists_them(target: Target) -> None:
    result = target.run("marketing_spend", csv("spend_date,channel,spend_cny,impressions,clicks,"
                                               "备注", "2024-03-05,douyin,100,10,1,test"))
    assert result.rows_written["marketing_spend"] == 1
    assert [w.rule for w in result.warnings] == ["unknown_columns"]
    assert "'备注'" in result.warnings[0].message


def test_a_mapping_file_renames_columns(target: Target) -> None:
    mapping = target.file("spend.toml", '[columns]\nspend_date = "日期"\nspend_cny = "花费"\n')
    result = target.run("marketing_spend", csv("日期,channel,花费,impressions,clicks",
                                               "2024年3月5日,douyin,¥88,10,1"),
                        mapping_file=str(mapping))
    assert result.mapping["spend_cny"] == "花费"
    assert target.read("select spend_cny from marketing_spend") == [(88.0,)]
    bad = target.file("bad.toml", '[columns]\nspend = "花费"\n')
    with pytest.raises(IngestError) as caught:
        target.run("marketing_spend", csv("x"), mapping_file=str(bad))
    assert "not a column of marketing_spend" in caught.value.report()


def test_reimport_changes_nothing(target: Target) -> None:
    _chain(target)
    before = target.snapshot(skip=("warehouse_info",))
    for table, text, _ in CHAIN:
        if table == "orders":
            continue
        again = target.run(table, text)
        assert again.rows_written[table] == 0, table
        assert again.already_imported == text.count("\n") - 1, table
    assert target.snapshot(skip=("warehouse_info",)) == before


def test_undo_removes_the_rows_and_waits_for_dependents(target: Target) -> None:
    _chain(target, upto="customers")
    before = target.snapshot(skip=("warehouse_info",))
    stores = target.run("stores", CHAIN[6][1])
    visits = target.run("store_visits", CHAIN[7][1])
    with pytest.raises(IngestError) as caught:
        undo_import(stores.import_id, target.url, target.app_url)
    assert caught.value.errors[0].rule == "undo_dependents"
    assert f"undo {visits.import_id} first" in caught.value.report()
    assert undo_import(visits.import_id, target.url, target.app_url)["store_visits"] == 2
    assert undo_import(stores.import_id, target.url, target.app_url)["stores"] == 1
    assert target.snapshot(skip=("warehouse_info",)) == before
    entry = history.entry(target.app_url, stores.import_id)
    assert entry["status"] == "undone" and entry["table_name"] == "stores"
    assert entry["rows_read"] == 1


def test_replace_empties_only_the_table(target: Target) -> None:
    _chain(target, upto="customers")
    first = target.run("marketing_spend", csv("spend_date,channel,spend_cny,impressions,clicks",
                                              "2024-03-05,douyin,100,10,1",
                                              "2024-03-06,douyin,100,10,1"))
    target.run("marketing_spend", csv("spend_date,channel,spend_cny,impressions,clicks",
                                      "2024-04-01,referral,5,1,1"), mode="replace")
    assert target.read("select channel from marketing_spend") == [("referral",)]
    assert target.read("select count(*) from customers") == [(2,)]
    assert history.entry(target.app_url, first.import_id)["status"] == "undone"
    target.run("stores", CHAIN[6][1])
    target.run("store_visits", CHAIN[7][1])
    with pytest.raises(IngestError) as caught:
        target.run("stores", CHAIN[6][1], mode="replace")
    assert "store_visits refer to rows of stores" in caught.value.report()


def test_replacing_the_orders_is_refused_while_table_imports_refer_to_them(
        target: Target) -> None:
    _chain(target)  # orders, customers, products ... and shipments, reviews, tickets
    before = target.snapshot(skip=("warehouse_info",))
    with pytest.raises(IngestError) as caught:
        target.run("orders", ORDERS, mode="replace")
    report = caught.value.report()
    assert caught.value.errors[0].rule == "replace_referenced"
    assert "shipments" in report and "reviews" in report and "append instead" in report
    assert target.snapshot(skip=("warehouse_info",)) == before  # nothing written


def test_an_order_replace_leaves_unrelated_table_imports_standing(target: Target) -> None:
    orders = target.run("orders", ORDERS)
    spend = target.run("marketing_spend", csv("spend_date,channel,spend_cny,impressions,"
                                              "clicks", "2024-03-05,douyin,100,10,1"))
    target.run("orders", ORDERS, mode="replace")
    assert history.entry(target.app_url, orders.import_id)["status"] == "undone"
    assert history.entry(target.app_url, spend.import_id)["status"] == "imported"
    assert target.read("select count(*) from marketing_spend") == [(1,)]


def test_a_table_the_order_imports_fill_cannot_be_replaced_alone(target: Target) -> None:
    _chain(target, upto="order_items")
    with pytest.raises(IngestError) as caught:
        target.run("order_items", CHAIN[[t for t, _, _ in CHAIN].index("order_items")][1],
                   mode="replace")
    assert caught.value.errors[0].rule == "replace_order_rows"
    assert "replace the order import" in caught.value.report()


def test_dry_run_writes_nothing(target: Target) -> None:
    _chain(target, upto="customers")
    before = target.snapshot()
    result = target.run("stores", CHAIN[6][1], dry_run=True)
    assert result.dry_run and result.import_id is None
    assert result.rows_written == {"stores": 1}
    assert target.snapshot() == before


def test_monthly_targets_give_the_review_its_attainment(target: Target) -> None:
    target.run("orders", ORDERS)
    week = Filters(start=date(2024, 3, 4), end=date(2024, 3, 10))
    engine = read_engine(target.url)
    try:
        with engine.connect() as conn:
            without, _ = week_kpis(conn, week)
        target.run("monthly_targets", CHAIN[-1][1])
        with engine.connect() as conn:
            kpis, _ = week_kpis(conn, week)
    finally:
        engine.dispose()
    assert without.set_index("kpi")["plan"].isna().all()
    row = kpis.set_index("kpi").loc["gmv"]
    assert row["value"] == pytest.approx(350.0)
    assert row["plan"] == pytest.approx(700.0)  # 3,100 for March: 100 a day
    assert row["attainment"] == pytest.approx(0.5)
    assert kpis.set_index("kpi").loc["orders", "plan"] == pytest.approx(14.0)


def _cli(target: Target, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COCKPIT_APP_DB_URL": target.app_url, "COCKPIT_DB_URL": target.url}
    done = subprocess.run([sys.executable, "-m", "cockpit", "import", *args, "--quiet"],
                          capture_output=True, text=True, env=env, timeout=CLI_TIMEOUT_S,
                          stdin=subprocess.DEVNULL)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


def test_cli_table_exit_codes(target: Target, tmp_path: Path) -> None:
    if clickhouse.embedded_path(target.url):
        # chDB runs one engine per folder and this process holds the target's: the command
        # gets a folder of its own, which it creates as an import into a missing warehouse
        target = Target(chdb_url(str(tmp_path / "cli_chdb"), "cli"), target.app_url,
                        target.folder)
    good = target.file("stores.csv", CHAIN[6][1])
    bad = target.file("bad.csv", REJECTED[3][1])
    done = _cli(target, str(good), "--table", "stores")
    assert done.returncode == 0 and "wrote 1 stores" in done.stdout, done.stderr
    again = _cli(target, str(good), "--table", "stores")
    assert again.returncode == 0 and "1 stores rows were already in the warehouse" in again.stdout
    refused = _cli(target, str(bad), "--table", "stores")
    assert refused.returncode == 3 and "line 2: 'megastore'" in refused.stderr
    assert _cli(target, str(good), "--table", "forecast_runs").returncode == 2
