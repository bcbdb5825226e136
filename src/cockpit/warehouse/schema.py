"""The warehouse contract: every table the cockpit reads or writes, as SQLAlchemy metadata.

Each table states its grain in `info["grain"]`; each column carries its meaning, unit and
allowed values in `comment`. docs/warehouse.md is generated from this module
(`python -m cockpit docs`) and a test fails when the two drift apart.

`METADATA` holds what the app reads. `TRUTH_METADATA` holds the demo generator's ground truth
(true personas, planted effect sizes): tests read it, pages never do.
"""

from __future__ import annotations

import sqlalchemy as sa

METADATA = sa.MetaData()
TRUTH_METADATA = sa.MetaData()

CHANNELS = ("app", "mini_program", "live_stream", "short_video", "offline_store", "wecom")
ORDER_STATUSES = ("paid", "returned", "refunded", "cancelled", "unpaid", "closed")
# Statuses whose amount counts as GMV (less any refunded_cny); cancelled, unpaid and closed
# orders never do. Import profiles map each platform's statuses onto ORDER_STATUSES.
SALE_STATUSES = ("paid", "returned", "refunded")
PLATFORMS = ("own_app", "taobao", "tmall", "douyin", "jd", "pinduoduo", "kuaishou",
             "xiaohongshu", "wechat_shop", "shopify", "woocommerce", "offline", "other")
UNKNOWN = "unknown"  # filter code for a dimension an export lacks (NULL in the warehouse)
WAREHOUSE_KINDS = ("demo", "imported")
RETURN_REASONS = (
    "quality", "size_fit", "not_as_described", "damaged", "late_delivery",
    "temperature_excursion", "changed_mind",
)
COUPON_TYPES = ("none", "full_reduction", "percent_off", "new_customer", "member", "live_exclusive")
ACQUISITION_CHANNELS = (
    "douyin", "xiaohongshu", "search_ads", "wecom_group", "referral", "official_account",
    "offline_store",
)
ACQUISITION_DOMAINS = ("public", "private", "offline")
MEMBER_TIERS = ("regular", "silver", "gold", "platinum")
AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55+")
REGIONS = ("north", "northeast", "east", "central", "south", "southwest", "northwest")
CATEGORIES = (
    "fresh", "snacks", "nut_gifts", "appliances", "apparel", "beauty", "sports", "home",
    "baby", "imported",
)
SUSTAINABLE_ATTRIBUTES = ("organic", "recycled_material", "carbon_neutral")
LIVE_HOST_TYPES = ("brand_self", "influencer")
LIVE_SEGMENTS = ("product_explanation", "interaction", "benefits")
STORE_FORMATS = ("experience", "flagship", "standard")
WAREHOUSE_TYPES = ("forward", "central", "bonded")
SHIPMENT_MODES = (
    "diesel_van", "electric_van", "e_bike", "cold_chain_truck", "cross_border_air",
    "cross_border_sea",
)
PACKAGING_TYPES = ("standard", "minimal", "degradable", "reusable")
SHIPMENT_ROUTES = ("domestic", "eu_cn_postal", "eu_cn_direct_mail", "us_cn_air", "jp_cn_sea")
TICKET_TOPICS = ("logistics", "refund", "product_question", "invoice", "account", "complaint")
TICKET_RESOLVERS = ("ai", "human")


def _allowed(values: tuple[str, ...]) -> str:
    return "one of: " + ", ".join(values)


def _col(name: str, type_: sa.types.TypeEngine, comment: str,
         allowed: tuple[str, ...] | None = None, **kw) -> sa.Column:
    """A column; not nullable unless said, with its documentation in `comment` and, for a
    code column, its allowed values in `info["allowed"]` (the import validates them)."""
    kw.setdefault("nullable", False)
    if allowed is not None:
        kw["info"] = {**kw.get("info", {}), "allowed": allowed}
    kw.setdefault("autoincrement", False)  # keys come from the loader, never from SERIAL
    return sa.Column(name, type_, comment=comment, **kw)


def _fk(name: str, target: str, comment: str, **kw) -> sa.Column:
    kw.setdefault("nullable", False)
    kw.setdefault("autoincrement", False)
    return sa.Column(name, sa.BigInteger, sa.ForeignKey(target), comment=comment, **kw)


def _table(name: str, grain: str, doc: str, *cols: sa.Column, md: sa.MetaData = METADATA):
    return sa.Table(name, md, *cols, comment=doc, info={"grain": grain})


def _imported() -> sa.Column:
    """The import that wrote the row (`python -m cockpit import --undo` removes by it)."""
    return _col("import_id", sa.BigInteger, "Import that wrote the row; null for demo data",
                nullable=True)


ID = sa.BigInteger
TEXT = sa.String
MONEY = sa.Numeric(14, 2, asdecimal=False)
FLOAT = sa.Double


cities = _table(
    "cities", "one row per city", "Cities the demo platform serves, with real coordinates.",
    _col("city", TEXT, "City name in Chinese, e.g. 上海", primary_key=True),
    _col("city_en", TEXT, "City name in English, e.g. Shanghai"),
    _col("province", TEXT, "Province in Chinese"),
    _col("region", TEXT, "Sales region; " + _allowed(REGIONS), allowed=REGIONS),
    _col("grid_region", TEXT, "Power-grid region for electricity emission factors, e.g. east"),
    _col("city_tier", sa.SmallInteger, "Commercial city tier, 1 (largest) to 4"),
    _col("latitude", FLOAT, "Latitude of the city centre, degrees (WGS-84)"),
    _col("longitude", FLOAT, "Longitude of the city centre, degrees (WGS-84)"),
    _imported(),
)

customers = _table(
    "customers", "one row per registered customer",
    "Everyone with an account, one id across online and offline channels.",
    _col("customer_id", ID, "Customer key, unique across all channels", primary_key=True),
    _col("signup_date", sa.Date, "Date the account was created; null when unknown",
         nullable=True),
    _col("city", TEXT, "Home city (Chinese name); null when unknown", nullable=True),
    _col("region", TEXT, "Home sales region; " + _allowed(REGIONS) + "; null when unknown",
         nullable=True, allowed=REGIONS),
    _col("home_latitude", FLOAT, "Approximate home latitude, degrees (for distance to "
         "stores); null when unknown", nullable=True),
    _col("home_longitude", FLOAT, "Approximate home longitude, degrees; null when unknown",
         nullable=True),
    _col("age_band", TEXT, "Age band; " + _allowed(AGE_BANDS) + "; null when unknown",
         nullable=True, allowed=AGE_BANDS),
    _col("acquisition_channel", TEXT, "Channel that brought the customer; "
         + _allowed(ACQUISITION_CHANNELS) + "; null when unknown", nullable=True,
         allowed=ACQUISITION_CHANNELS),
    _col("acquisition_domain", TEXT, "Traffic domain of the acquisition channel; "
         + _allowed(ACQUISITION_DOMAINS) + "; null when unknown", nullable=True,
         allowed=ACQUISITION_DOMAINS),
    _col("member_tier", TEXT, "Membership tier today; " + _allowed(MEMBER_TIERS)
         + "; null when unknown", nullable=True, allowed=MEMBER_TIERS),
    _col("wecom_joined_at", sa.DateTime, "When the customer joined the private domain (WeCom "
         "group or official account); null if never", nullable=True),
    _col("wecom_live_session_id", ID, "Live session whose stream brought the WeCom add; null "
         "if none", nullable=True),
    _col("import_id", ID, "Import that wrote the row (see the import history); null for "
         "demo data", nullable=True),
)

marketing_spend = _table(
    "marketing_spend", "one row per day and acquisition channel",
    "Paid acquisition and private-domain operating spend, to compute acquisition cost.",
    _col("spend_date", sa.Date, "Day of spend", primary_key=True),
    _col("channel", TEXT, "Acquisition channel; " + _allowed(ACQUISITION_CHANNELS),
         primary_key=True, allowed=ACQUISITION_CHANNELS),
    _col("spend_cny", MONEY, "Spend on the day, CNY (¥)"),
    _col("impressions", ID, "Ad or content impressions, count"),
    _col("clicks", ID, "Clicks or profile visits, count"),
    _imported(),
)

products = _table(
    "products", "one row per SKU", "The catalogue.",
    _col("product_id", ID, "Product key", primary_key=True),
    _col("sku", TEXT, "Stock-keeping unit code, unique", unique=True),
    _col("name_zh", TEXT, "Product name in Chinese"),
    _col("name_en", TEXT, "Product name in English; null when unknown", nullable=True),
    _col("category", TEXT, "Category code (the demo's: " + ", ".join(CATEGORIES)
         + "; an import keeps its own); null when unknown", nullable=True),
    _col("price_cny", MONEY, "List price per unit, CNY (¥); null when unknown", nullable=True),
    _col("cost_cny", MONEY, "Landed cost per unit, CNY (¥); null when unknown", nullable=True),
    _col("weight_kg", FLOAT, "Shipping weight per unit, kg; null when unknown", nullable=True),
    _col("is_sustainable", sa.Boolean, "True when the product carries a sustainability claim"),
    _col("sustainable_attribute", TEXT, "The claim; " + _allowed(SUSTAINABLE_ATTRIBUTES)
         + "; null when not sustainable", nullable=True, allowed=SUSTAINABLE_ATTRIBUTES),
    _col("is_c2m", sa.Boolean, "True for custom-made (consumer-to-manufacturer, C2M) products"),
    _col("c2m_counterpart_id", ID, "For a C2M product: the regular product it was designed "
         "against; null otherwise", nullable=True),
    _col("needs_cold_chain", sa.Boolean, "True when the product must ship at 0–4 °C"),
    _col("launched_on", sa.Date, "First day the product was on sale; null when unknown",
         nullable=True),
    _col("import_id", ID, "Import that wrote the row; null for demo data", nullable=True),
)

live_sessions = _table(
    "live_sessions", "one row per live-stream session", "Live-commerce broadcasts.",
    _col("live_session_id", ID, "Live session key", primary_key=True),
    _col("title", TEXT, "Session title in Chinese"),
    _col("host_name", TEXT, "Host (anchor) name"),
    _col("host_type", TEXT, "Who broadcast; " + _allowed(LIVE_HOST_TYPES), allowed=LIVE_HOST_TYPES),
    _col("started_at", sa.DateTime, "Broadcast start (local time, Asia/Shanghai)"),
    _col("ended_at", sa.DateTime, "Broadcast end (local time)"),
    _col("unique_viewers", ID, "Distinct viewers over the whole session, count"),
    _col("impressions", ID, "Times the stream was shown in a feed (曝光), count"),
    _imported(),
)

live_minutes = _table(
    "live_minutes", "one row per live session and minute on air",
    "Per-minute live-room metrics for the replay timeline.",
    _fk("live_session_id", "live_sessions.live_session_id", "Live session", primary_key=True),
    _col("minute_index", sa.Integer, "Minutes since start, 0-based", primary_key=True),
    _col("minute_at", sa.DateTime, "Start of the minute (local time)"),
    _col("segment", TEXT, "Script segment on air; " + _allowed(LIVE_SEGMENTS),
         allowed=LIVE_SEGMENTS),
    _fk("featured_product_id", "products.product_id", "Product on the podium; null when none",
        nullable=True),
    _col("online_viewers", sa.Integer, "Viewers in the room at the minute, count"),
    _col("entries", sa.Integer, "Viewers who entered during the minute (views, 进入), count"),
    _col("exits", sa.Integer, "Viewers who left during the minute, count"),
    _col("entries_feed", sa.Integer, "Entries from the recommendation feed, count"),
    _col("entries_paid", sa.Integer, "Entries from paid traffic, count"),
    _col("entries_short_video", sa.Integer, "Entries from short videos, count"),
    _col("entries_followers", sa.Integer, "Entries by followers (follow tab, notifications)"),
    _col("comments", sa.Integer, "Comments posted, count"),
    _col("likes", sa.Integer, "Likes, count"),
    _col("shares", sa.Integer, "Shares, count"),
    _col("new_followers", sa.Integer, "New followers of the account, count"),
    _col("product_exposures", sa.Integer, "Product-card exposures (商品曝光), count"),
    _col("product_clicks", sa.Integer, "Product-card clicks, count"),
    _col("orders_created", sa.Integer, "Orders created (创建订单), count"),
    _col("orders", sa.Integer, "Orders paid (成交), count"),
    _col("gmv_cny", MONEY, "Paid order value in the minute, CNY (¥)"),
    _col("wecom_adds", sa.Integer, "Viewers who joined WeCom from the room, count"),
    _imported(),
)

stores = _table(
    "stores", "one row per offline store", "Offline stores run as experience centres.",
    _col("store_id", ID, "Store key", primary_key=True),
    _col("name_zh", TEXT, "Store name in Chinese"),
    _col("name_en", TEXT, "Store name in English"),
    _col("city", TEXT, "City (Chinese name), references cities.city"),
    _col("latitude", FLOAT, "Store latitude, degrees (WGS-84)"),
    _col("longitude", FLOAT, "Store longitude, degrees (WGS-84)"),
    _col("store_format", TEXT, "Format; " + _allowed(STORE_FORMATS), allowed=STORE_FORMATS),
    _col("opened_on", sa.Date, "Opening date"),
    _col("floor_area_sqm", FLOAT, "Floor area, square metres"),
    _imported(),
)

store_visits = _table(
    "store_visits", "one row per store visit", "Visits counted at the door or by member scan.",
    _col("visit_id", ID, "Visit key", primary_key=True),
    _fk("store_id", "stores.store_id", "Store visited"),
    _fk("customer_id", "customers.customer_id", "Visitor when identified (member scan); "
        "null for anonymous visitors", nullable=True),
    _col("visited_at", sa.DateTime, "Arrival time (local)"),
    _col("dwell_minutes", FLOAT, "Time spent in the store, minutes"),
    _col("category_experienced", TEXT, "Category the visitor tried in the experience zone; "
         + _allowed(CATEGORIES) + "; null if none", nullable=True, allowed=CATEGORIES),
    _col("is_bought_offline", sa.Boolean, "True when the visit ended with an in-store purchase"),
    _imported(),
)

warehouses = _table(
    "warehouses", "one row per warehouse", "Fulfilment network.",
    _col("warehouse_id", ID, "Warehouse key", primary_key=True),
    _col("name_zh", TEXT, "Warehouse name in Chinese"),
    _col("name_en", TEXT, "Warehouse name in English"),
    _col("warehouse_type", TEXT, "Role; " + _allowed(WAREHOUSE_TYPES), allowed=WAREHOUSE_TYPES),
    _col("city", TEXT, "City (Chinese name), references cities.city"),
    _col("latitude", FLOAT, "Latitude, degrees (WGS-84)"),
    _col("longitude", FLOAT, "Longitude, degrees (WGS-84)"),
    _col("lead_time_days", FLOAT, "Mean replenishment lead time from suppliers, days"),
    _col("lead_time_sd_days", FLOAT, "Standard deviation of the replenishment lead time, days"),
    _col("holding_cost_cny_per_unit_day", MONEY, "Cost to hold one unit for one day, CNY (¥)"),
    _imported(),
)

inventory_daily = _table(
    "inventory_daily", "one row per day, warehouse and product stocked there",
    "End-of-day stock positions (the most recent 180 days).",
    _col("snapshot_date", sa.Date, "Day of the snapshot", primary_key=True),
    _fk("warehouse_id", "warehouses.warehouse_id", "Warehouse", primary_key=True),
    _fk("product_id", "products.product_id", "Product", primary_key=True),
    _col("on_hand_units", sa.Integer, "Units on hand at end of day"),
    _col("inbound_units", sa.Integer, "Units received during the day"),
    _col("outbound_units", sa.Integer, "Units shipped during the day"),
    _imported(),
)

orders = _table(
    "orders", "one row per order", "Orders from every channel, online and offline.",
    _col("order_id", ID, "Order key", primary_key=True),
    _fk("customer_id", "customers.customer_id", "Buyer (customer key)"),
    _col("ordered_at", sa.DateTime, "When the order was placed (local time)"),
    _col("order_date", sa.Date, "Calendar day of ordered_at (for fast daily grouping)"),
    _col("platform", TEXT, "Where it was sold (shop platform); " + _allowed(PLATFORMS),
         allowed=PLATFORMS),
    _col("channel", TEXT, "Sales channel; " + _allowed(CHANNELS) + "; null when unknown",
         nullable=True, allowed=CHANNELS),
    _col("city", TEXT, "Delivery (or store) city, Chinese name; null when unknown",
         nullable=True),
    _col("region", TEXT, "Delivery (or store) region; " + _allowed(REGIONS)
         + "; null when unknown", nullable=True, allowed=REGIONS),
    _fk("store_id", "stores.store_id", "Store for offline_store orders; null otherwise",
        nullable=True),
    _fk("live_session_id", "live_sessions.live_session_id", "Live session for live_stream "
        "orders; null otherwise", nullable=True),
    _fk("warehouse_id", "warehouses.warehouse_id", "Shipping warehouse; null for carry-out "
        "offline orders", nullable=True),
    _col("item_count", sa.Integer, "Number of order lines; null when unknown", nullable=True),
    _col("subtotal_cny", MONEY, "Sum of line list values (unit price × quantity), CNY (¥); "
         "null when unknown", nullable=True),
    _col("discount_cny", MONEY, "Sum of line discounts, CNY (¥); null when unknown",
         nullable=True),
    _col("total_cny", MONEY, "Amount paid: subtotal_cny − discount_cny, CNY (¥)"),
    _col("refunded_cny", MONEY, "Amount refunded, CNY (¥), subtracted from GMV; null when "
         "none was recorded", nullable=True),
    _col("coupon_type", TEXT, "Coupon applied; " + _allowed(COUPON_TYPES)
         + "; null when unknown", nullable=True, allowed=COUPON_TYPES),
    _col("status", TEXT, "Final status; " + _allowed(ORDER_STATUSES) + ". GMV counts "
         + ", ".join(SALE_STATUSES) + " (less refunded_cny)", allowed=ORDER_STATUSES),
    _col("return_reason", TEXT, "For returned orders; " + _allowed(RETURN_REASONS)
         + "; null otherwise", nullable=True, allowed=RETURN_REASONS),
    _col("import_id", ID, "Import that wrote the row; null for demo data", nullable=True),
)

order_items = _table(
    "order_items", "one row per order line", "What each order contained.",
    _fk("order_id", "orders.order_id", "Order the line belongs to", primary_key=True),
    _col("line_number", sa.SmallInteger, "Line number within the order, 1-based",
         primary_key=True),
    _fk("product_id", "products.product_id", "Product"),
    _col("category", TEXT, "Product category, copied from products for fast filtering; "
         "null when unknown", nullable=True),
    _col("quantity", sa.Integer, "Units bought on the line"),
    _col("unit_price_cny", MONEY, "List price per unit at order time, CNY (¥); null when "
         "unknown", nullable=True),
    _col("discount_cny", MONEY, "Discount on the line, CNY (¥); null when unknown",
         nullable=True),
    _col("amount_cny", MONEY, "Amount paid for the line: unit_price × quantity − discount, ¥"),
    _col("import_id", ID, "Import that wrote the row; null for demo data", nullable=True),
)

reviews = _table(
    "reviews", "one row per product review", "Ratings and Chinese review text.",
    _col("review_id", ID, "Review key", primary_key=True),
    _fk("order_id", "orders.order_id", "Order reviewed"),
    _fk("customer_id", "customers.customer_id", "Reviewer"),
    _fk("product_id", "products.product_id", "Product reviewed"),
    _col("created_at", sa.DateTime, "When the review was posted"),
    _col("rating", sa.SmallInteger, "Stars, 1 (worst) to 5 (best)"),
    _col("text_zh", TEXT, "Review text in Chinese"),
    _imported(),
)

service_tickets = _table(
    "service_tickets", "one row per customer-service ticket", "Customer-service contacts.",
    _col("ticket_id", ID, "Ticket key", primary_key=True),
    _fk("customer_id", "customers.customer_id", "Customer"),
    _fk("order_id", "orders.order_id", "Order concerned; null when none", nullable=True),
    _col("opened_at", sa.DateTime, "When the ticket was opened"),
    _col("topic", TEXT, "Topic; " + _allowed(TICKET_TOPICS), allowed=TICKET_TOPICS),
    _col("resolved_by", TEXT, "Who closed it; " + _allowed(TICKET_RESOLVERS),
         allowed=TICKET_RESOLVERS),
    _col("minutes_to_resolve", FLOAT, "Time from opening to resolution, minutes"),
    _col("satisfaction", sa.SmallInteger, "Post-contact rating 1–5; null when not rated",
         nullable=True),
    _imported(),
)

shipments = _table(
    "shipments", "one row per shipment (one per shipped order)", "Deliveries and their footprint.",
    _col("shipment_id", ID, "Shipment key", primary_key=True),
    _fk("order_id", "orders.order_id", "Order shipped"),
    _fk("warehouse_id", "warehouses.warehouse_id", "Origin warehouse"),
    _col("mode", TEXT, "Delivery mode of the last leg; " + _allowed(SHIPMENT_MODES),
         allowed=SHIPMENT_MODES),
    _col("route", TEXT, "Route; " + _allowed(SHIPMENT_ROUTES), allowed=SHIPMENT_ROUTES),
    _col("line_haul_km", FLOAT, "Distance from origin to the delivery station, km"),
    _col("last_mile_km", FLOAT, "Distance attributed to this parcel on the last leg, km"),
    _col("weight_kg", FLOAT, "Gross parcel weight including packaging, kg"),
    _col("packaging_type", TEXT, "Packaging; " + _allowed(PACKAGING_TYPES),
         allowed=PACKAGING_TYPES),
    _col("packaging_weight_kg", FLOAT, "Packaging material weight, kg"),
    _col("packaging_cost_cny", MONEY, "Packaging material cost, CNY (¥)"),
    _col("parcels_per_stop", sa.SmallInteger, "Parcels delivered at the same stop "
         "(consolidation), count"),
    _col("is_cold_chain", sa.Boolean, "True when shipped at 0–4 °C"),
    _col("shipped_at", sa.DateTime, "Left the warehouse (local time)"),
    _col("delivered_at", sa.DateTime, "Delivered to the customer (local time)"),
    _col("customs_clearance_hours", FLOAT, "Customs clearance time for cross-border routes, "
         "hours; null for domestic", nullable=True),
    _imported(),
)

cold_chain_readings = _table(
    "cold_chain_readings", "one row per cold-chain shipment and reading",
    "Temperature logger readings, every 30 minutes in transit.",
    _fk("shipment_id", "shipments.shipment_id", "Cold-chain shipment", primary_key=True),
    _col("read_at", sa.DateTime, "Reading time (local)", primary_key=True),
    _col("temperature_c", FLOAT, "Temperature in the parcel, °C (target 0–4 °C)"),
    _imported(),
)

emission_factors = _table(
    "emission_factors", "one row per activity and region",
    "Emission factors loaded from src/cockpit/data/emission_factors.csv, with source and year.",
    _col("factor_id", TEXT, "Factor key, e.g. diesel_van_vkm", primary_key=True),
    _col("activity", TEXT, "What the factor applies to, e.g. diesel_van, grid_electricity"),
    _col("basis", TEXT, "Unit of activity: tkm (tonne-km), vkm (vehicle-km), kwh, kg"),
    _col("region", TEXT, "Grid region for electricity, or 'all'"),
    _col("kg_co2e_per_unit", FLOAT, "Emissions per unit of activity, kg CO2e (well-to-wheel)"),
    _col("source", TEXT, "Publication the figure comes from"),
    _col("source_year", sa.SmallInteger, "Year of the figure"),
)

warehouse_info = _table(
    "warehouse_info", "one row per fact about the warehouse itself",
    "What the warehouse holds: kind (demo or imported), when it was built or last loaded.",
    _col("key", TEXT, "Fact name: kind (" + _allowed(WAREHOUSE_KINDS) + "), built_at, "
         "last_import_at", primary_key=True),
    _col("value", TEXT, "Fact value as text (timestamps ISO 8601, UTC)"),
)

external_ids = _table(
    "external_ids", "one row per imported entity id",
    "The ids an export used, kept exactly as text (#1001, 买家会员名, C2M-HOODIE-01), and the "
    "integer key the warehouse gave each.",
    _col("entity", TEXT, "What the id names; one of: order, customer, product",
         primary_key=True),
    _col("platform", TEXT, "Platform the id comes from; " + _allowed(PLATFORMS),
         primary_key=True, allowed=PLATFORMS),
    _col("external_id", TEXT, "The id as the export wrote it (or its salted hash when buyer "
         "ids are hashed)", primary_key=True),
    _col("internal_id", ID, "The warehouse key: orders.order_id, customers.customer_id or "
         "products.product_id"),
    _col("import_id", ID, "Import that first wrote it"),
)

order_revisions = _table(
    "order_revisions", "one row per order and import that changed it",
    "Orders a later export restated (paid → 退款成功, a new refund, a corrected amount): the "
    "values before and after, so that `python -m cockpit import --undo` puts the old ones back.",
    _fk("order_id", "orders.order_id", "Order changed", primary_key=True),
    _col("import_id", ID, "Import that changed it", primary_key=True),
    _col("before_status", TEXT, "Status before the import; " + _allowed(ORDER_STATUSES),
         allowed=ORDER_STATUSES),
    _col("after_status", TEXT, "Status the import wrote; " + _allowed(ORDER_STATUSES),
         allowed=ORDER_STATUSES),
    _col("before_total_cny", MONEY, "Amount paid before the import, CNY (¥)"),
    _col("after_total_cny", MONEY, "Amount paid the import wrote, CNY (¥)"),
    _col("before_refunded_cny", MONEY, "Amount refunded before the import, CNY (¥); null "
         "when none was recorded", nullable=True),
    _col("after_refunded_cny", MONEY, "Amount refunded the import wrote, CNY (¥); null when "
         "none was recorded", nullable=True),
)

monthly_targets = _table(
    "monthly_targets", "one row per month and channel",
    "The plan: GMV and order targets by month and channel (channel 'all' for the total).",
    _col("month", sa.Date, "First day of the month", primary_key=True),
    _col("channel", TEXT, "Sales channel, or all; " + _allowed(CHANNELS), primary_key=True,
         allowed=(*CHANNELS, "all")),
    _col("gmv_target_cny", MONEY, "GMV target for the month, CNY (¥)"),
    _col("orders_target", ID, "Order target for the month, count; null when not planned",
         nullable=True),
    _col("import_id", ID, "Import that wrote the row; null for demo data", nullable=True),
)

customer_facts = _table(
    "customer_facts", "one row per customer with at least one sale order",
    "Derived from orders by every load (demo build, import, undo; cockpit.marts): "
    "each buyer's first and second sale order, last order day, order count and GMV, so that "
    "new-customer and repurchase figures read 1 row per customer instead of ranking every "
    "order. A sale order has a status in " + ", ".join(SALE_STATUSES) + "; ties in time are "
    "broken by order_id.",
    _col("customer_id", ID, "Buyer (customers.customer_id)", primary_key=True),
    _col("first_order_id", ID, "The customer's first sale order (orders.order_id)"),
    _col("first_ordered_at", sa.DateTime, "When the first sale order was placed (local time)"),
    _col("first_order_date", sa.Date, "Calendar day of the first sale order"),
    _col("first_platform", TEXT, "Platform of the first sale order; " + _allowed(PLATFORMS),
         allowed=PLATFORMS),
    _col("first_channel", TEXT, "Channel of the first sale order; null when unknown",
         nullable=True, allowed=CHANNELS),
    _col("first_region", TEXT, "Region of the first sale order; null when unknown",
         nullable=True, allowed=REGIONS),
    _col("first_city", TEXT, "City of the first sale order; null when unknown", nullable=True),
    _col("second_ordered_at", sa.DateTime, "When the second sale order was placed; null for "
         "one-time buyers", nullable=True),
    _col("last_order_date", sa.Date, "Calendar day of the latest sale order"),
    _col("sale_orders", ID, "Sale orders, count (frequency)"),
    _col("sale_amount_cny", MONEY, "GMV of the sale orders (paid less refunded), CNY (¥) "
         "(monetary)"),
)

shipment_co2e = _table(
    "shipment_co2e", "one row per shipment",
    "Derived from shipments, orders, warehouses, cities and emission_factors by every load "
    "(cockpit.logistics.co2e): each shipment's kg CO2e by component, with its order's day and "
    "dimensions, so that the footprint of a selection reads one table instead of joining "
    "every shipment to its order and six factor lookups.",
    _col("shipment_id", ID, "Shipment (shipments.shipment_id)", primary_key=True),
    _col("order_id", ID, "Order shipped (orders.order_id)"),
    _col("order_date", sa.Date, "The order's calendar day"),
    _col("platform", TEXT, "The order's platform", allowed=PLATFORMS),
    _col("channel", TEXT, "The order's channel; null when unknown", nullable=True,
         allowed=CHANNELS),
    _col("region", TEXT, "The order's delivery region; null when unknown", nullable=True,
         allowed=REGIONS),
    _col("city", TEXT, "The order's delivery city; null when unknown", nullable=True),
    _col("mode", TEXT, "Delivery mode of the last leg", allowed=SHIPMENT_MODES),
    _col("warehouse_id", ID, "Origin warehouse (warehouses.warehouse_id)"),
    _col("packaging_type", TEXT, "Packaging", allowed=PACKAGING_TYPES),
    _col("packaging_weight_kg", FLOAT, "Packaging material weight, kg"),
    _col("packaging_cost_cny", FLOAT, "Packaging material cost, CNY (¥)"),
    _col("last_mile_km", FLOAT, "Distance attributed to this parcel on the last leg, km"),
    _col("parcels_per_stop", sa.SmallInteger, "Parcels delivered at the same stop, count"),
    *(_col(name, FLOAT, f"{what}, kg CO2e; null when a factor is missing", nullable=True)
      for name, what in (("line_haul_kg", "Line haul"), ("last_mile_kg", "Last mile"),
                         ("packaging_kg", "Packaging material"),
                         ("cold_chain_kg", "Refrigeration in transit"),
                         ("total_kg", "All four components"))),
)

forecast_runs = _table(
    "forecast_runs", "one row per batch forecast run", "Batch forecast jobs (python -m cockpit "
    "forecast).",
    _col("run_id", ID, "Run key", primary_key=True),
    _col("created_at", sa.DateTime, "When the run finished"),
    _col("level", TEXT, "Series level, e.g. category_region or sku_warehouse"),
    _col("horizon_days", sa.Integer, "Forecast horizon, days"),
    _col("history_end", sa.Date, "Last day of history used"),
    _col("series_count", sa.Integer, "Series fitted, count"),
)

forecast_points = _table(
    "forecast_points", "one row per run, series and future day", "Forecast values.",
    _fk("run_id", "forecast_runs.run_id", "Forecast run", primary_key=True),
    _col("series_key", TEXT, "Series identifier within the level", primary_key=True),
    _col("ds", sa.Date, "Forecast day", primary_key=True),
    _col("yhat", FLOAT, "Forecast units"),
    _col("yhat_lower", FLOAT, "Lower bound of the 80% interval, units"),
    _col("yhat_upper", FLOAT, "Upper bound of the 80% interval, units"),
    _col("model", TEXT, "Model used: prophet or a named baseline"),
)

forecast_metrics = _table(
    "forecast_metrics", "one row per run, series and metric", "Backtest accuracy.",
    _fk("run_id", "forecast_runs.run_id", "Forecast run", primary_key=True),
    _col("series_key", TEXT, "Series identifier", primary_key=True),
    _col("metric", TEXT, "Metric: mape, wape, mase", primary_key=True),
    _col("model", TEXT, "Model evaluated", primary_key=True),
    _col("value", FLOAT, "Metric value (mape, wape as fractions; mase as a ratio)"),
)

truth_customers = _table(
    "truth_customers", "one row per customer", "Generator ground truth: true persona.",
    _col("customer_id", ID, "Customer", primary_key=True),
    _col("persona", TEXT, "Planted persona"),
    md=TRUTH_METADATA,
)

truth_effects = _table(
    "truth_effects", "one row per planted effect", "Generator ground truth: effect sizes.",
    _col("effect", TEXT, "Effect name", primary_key=True),
    _col("value", FLOAT, "Planted value"),
    _col("unit", TEXT, "Unit of the value"),
    _col("description", TEXT, "What was planted"),
    md=TRUTH_METADATA,
)



truth_events = _table(
    "truth_events", "one row per planted event",
    "Generator ground truth: dated events such as planted live drop-offs or a route opening.",
    _col("event", TEXT, "Event name, e.g. live_dropoff, direct_mail_opened"),
    _col("entity_id", ID, "Entity concerned (e.g. live_session_id); null when none",
         nullable=True),
    _col("occurred_at", sa.DateTime, "When it happened; null when undated", nullable=True),
    _col("value", FLOAT, "Size of the event in its own unit; null when none", nullable=True),
    md=TRUTH_METADATA,
)

FACT_TABLES = ("orders", "order_items", "live_minutes", "store_visits", "shipments",
               "cold_chain_readings", "inventory_daily", "reviews", "service_tickets")
REQUIRED_TABLES = tuple(t for t in METADATA.tables if not t.startswith("forecast_"))
# Tables every load derives from the others (cockpit.marts); never imported.
MART_TABLES = ("customer_facts", "shipment_co2e")


def generated_columns(table: sa.Table) -> list[str]:
    """The columns the demo generator fills: all but import_id (which only imports set)."""
    return [c.name for c in table.columns if c.name != "import_id"]
