"""A deterministic (seeded) synthetic portfolio of escalated card accounts, in the intake format.

Every eligibility branch occurs: time-barred, expiring, waived limitation, deceased, bankrupt,
disputed, below the minimum, above the review threshold, blank complaint data, unproven terms,
charges above the cap, each procedure, payment-order and criminal-referral candidates.
"""

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from legal_flows.domain.dates import add_months, add_years
from legal_flows.domain.identity import id_check_digit, luhn_check_digit, uscc_check_char
from legal_flows.services.intake import fields

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文辉鹏宇浩然子轩梓涵欣怡"
EMPLOYERS = ("某某科技有限公司", "某某商贸有限公司", "某某物流有限公司", "个体经营")
OCCUPATIONS = ("职员", "销售经理", "司机", "技术员")
ETHNICITIES = ["汉族"] * 18 + ["回族", "满族", "壮族", "蒙古族"]
# (region code, province, city and district): real GB/T 2260 codes.
REGIONS = [
    ("110105", "北京市朝阳区"),
    ("110108", "北京市海淀区"),
    ("110101", "北京市东城区"),
    ("310115", "上海市浦东新区"),
    ("440106", "广东省广州市天河区"),
    ("440305", "广东省深圳市南山区"),
    ("330106", "浙江省杭州市西湖区"),
    ("510107", "四川省成都市武侯区"),
    ("320102", "江苏省南京市玄武区"),
    ("420106", "湖北省武汉市武昌区"),
]
STREETS = ["建国路", "中关村大街", "人民路", "解放路", "长安街", "天府大道", "中山路", "和平街"]
BANKS = ["中国工商银行", "中国建设银行", "中国农业银行", "招商银行"]
BINS = ["622202", "622848", "625907", "622588", "621700", "628888"]
PROFILES = [
    ("ordinary", 46),
    ("time_barred", 6),
    ("expiring", 5),
    ("waived", 2),
    ("deceased", 3),
    ("bankrupt", 2),
    ("disputed", 4),
    ("below_minimum", 5),
    ("above_threshold", 2),
    ("missing_data", 5),
    ("whereabouts_unknown", 4),
    ("cost_above_cap", 5),
    ("terms_unproven", 5),
    ("criminal", 6),
]
# The accounts file's header, in the order its columns are declared.
ACCOUNT_COLUMNS = [c.name for c in fields.ACCOUNT_COLUMNS]
COLLECTION_COLUMNS = (
    "account_id occurred_on kind delivered receipt_confirmed amount staff_id note".split()
)

CREDITORS_TOML = """\
[[creditor]]
code = "BJ01"
name = "示例银行股份有限公司北京分行"
address = "北京市西城区金融大街1号"
credit_code = "91110000100000000{bj}"
head_name = "张三"
head_title = "行长"
phone = "010-00000000"
entity_type = "股份有限公司分支机构"

[[creditor.agent]]
name = "李四"
firm = "北京示例律师事务所"
licence_no = "11101200000000001"
phone = "13800000001"

[[creditor.agent]]
name = "王五"
firm = "北京示例律师事务所"
licence_no = "11101200000000002"
phone = "13800000002"

[[creditor]]
code = "CC01"
name = "示例银行股份有限公司信用卡中心"
address = "上海市浦东新区陆家嘴环路100号"
credit_code = "91310000200000000{cc}"
head_name = "赵六"
head_title = "总经理"
phone = "021-00000000"
entity_type = "股份有限公司分支机构"

[[creditor.agent]]
name = "钱七"
firm = "上海示例律师事务所"
licence_no = "13101200000000003"
phone = "13900000003"
""".format(bj=uscc_check_char("91110000100000000"), cc=uscc_check_char("91310000200000000"))


@dataclass(frozen=True)
class Portfolio:
    accounts: Path
    collections: Path
    creditors: Path
    count: int


class _Maker:
    def __init__(self, seed: int, as_of: date) -> None:
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.profiles = [p for p, w in PROFILES for _ in range(w)]
        self.rng.shuffle(self.profiles)
        self.used_ids: set[str] = set()
        # Fields added later draw from their own stream, so a seed's cases stay as they were.
        self.later = random.Random(seed + 7919)

    def money(self, low: int, high: int) -> Decimal:
        return Decimal(self.rng.randint(low * 100, high * 100)) / 100

    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max((end - start).days, 0)))

    def person(self) -> dict[str, str]:
        while True:  # one ID number, one person: never hand a second name the same ID
            code, place = self.rng.choice(REGIONS)
            born = self.day_between(date(1962, 1, 1), date(2000, 12, 31))
            first17 = f"{code}{born:%Y%m%d}{self.rng.randint(0, 999):03d}"
            if first17 not in self.used_ids:
                self.used_ids.add(first17)
                break
        street = f"{place}{self.rng.choice(STREETS)}{self.rng.randint(1, 300)}号"
        name = self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.randint(1, 2)))
        return {
            "holder_name": name,
            "id_number": first17 + id_check_digit(first17),
            "ethnicity": self.rng.choice(ETHNICITIES),
            "registered_address": street,
            "residence_address": "" if self.rng.random() < 0.7 else street.replace("号", "号院"),
            "phone": f"1{self.rng.choice('3456789')}{self.rng.randint(0, 999_999_999):09d}",
            "email": ""
            if self.rng.random() < 0.6
            else f"user{self.rng.randint(1, 10**6)}@example.cn",
            **self.work(),
        }

    def work(self) -> dict[str, str]:
        if self.later.random() < 0.5:
            return {"employer": "", "occupation": ""}
        return {
            "employer": self.later.choice(EMPLOYERS),
            "occupation": self.later.choice(OCCUPATIONS),
        }

    def card(self) -> str:
        payload = self.rng.choice(BINS) + f"{self.rng.randint(0, 10**9 - 1):09d}"
        return payload + luhn_check_digit(payload)

    def account(self, index: int) -> tuple[dict[str, str], list[dict[str, str]]]:
        profile = self.profiles[index % len(self.profiles)]
        rng, as_of = self.rng, self.as_of
        overdue = self.day_between(as_of - timedelta(days=720), as_of - timedelta(days=120))
        principal = self.money(8_000, 150_000)
        row = {
            "account_id": f"ACC{index + 1:08d}",
            "creditor_code": rng.choice(["BJ01", "CC01"]),
            "card_number": self.card(),
            **self.person(),
            "credit_limit": str(Decimal(rng.choice([20, 50, 80, 100, 200]) * 1000)),
            "terms_notice_proven": "true",
            "annual_rate": "0.1825",
            "penalty": "",
            "fees": "",
            "last_payment_on": "",
            "agreed_court": "",
            "asset_leads": "",
        }
        events: list[tuple[date, str, bool, bool, str]] = []
        flags = {"deceased": "", "bankrupt": "", "disputed": "", "whereabouts_unknown": ""}
        if profile == "time_barred":
            overdue = self.day_between(as_of - timedelta(days=2600), as_of - timedelta(days=1900))
            events.append((overdue + timedelta(days=20), "sms", True, False, ""))
            events.append((as_of - timedelta(days=200), "letter", False, False, ""))  # undelivered
        elif profile == "expiring":
            overdue = add_years(as_of, -3) + timedelta(days=rng.randint(20, 70))
        elif profile == "waived":
            overdue = as_of - timedelta(days=2400)
            events.append((as_of - timedelta(days=300), "sms", True, False, ""))
            events.append((as_of - timedelta(days=100), "repayment_promise", False, True, ""))
        elif profile in flags:
            flags[profile] = "true"
        elif profile == "below_minimum":
            principal = self.money(1_000, 4_200)
        elif profile == "above_threshold":
            principal = self.money(1_100_000, 2_500_000)
        elif profile == "missing_data":
            row["ethnicity" if rng.random() < 0.7 else "phone"] = ""
        elif profile == "terms_unproven":
            row["terms_notice_proven"] = "false"
        elif profile == "criminal":
            principal = self.money(55_000, 240_000)
            overdue = as_of - timedelta(days=rng.randint(400, 700))
            first = overdue + timedelta(days=rng.randint(10, 40))
            events.append((first, "phone", False, True, "接通并确认欠款"))
            events.append((first + timedelta(days=rng.randint(31, 60)), "letter", True, True, ""))
        days = (as_of - overdue).days
        rate = Decimal("0.1825")
        interest = (principal * rate * days / 365).quantize(Decimal("0.01"))
        if profile == "cost_above_cap":
            interest = (principal * Decimal("0.30") * days / 365).quantize(Decimal("0.01"))
            row["penalty"] = str((principal * Decimal("0.05")).quantize(Decimal("0.01")))
        if rng.random() < 0.15:  # some accounts come with known assets: preservation
            row["asset_leads"] = f"{rng.choice(BANKS)}账户尾号{rng.randint(1000, 9999)}"
        row.update(flags)
        row.update(
            {
                "principal": str(principal),
                "interest": str(interest),
                "balance_date": as_of.isoformat(),
                "card_issued_on": add_months(overdue, -rng.randint(12, 90)).isoformat(),
                "overdue_since": overdue.isoformat(),
                "gender": "",
                "birth_date": "",
            }
        )
        if profile not in ("time_barred", "expiring", "waived", "criminal"):
            for _ in range(rng.randint(1, 5)):
                when = self.day_between(overdue + timedelta(days=5), as_of - timedelta(days=3))
                kind = rng.choice(["sms", "sms", "phone", "letter", "email", "visit"])
                events.append((when, kind, rng.random() < 0.8, rng.random() < 0.3, ""))
            if rng.random() < 0.3:
                paid = self.day_between(overdue, as_of - timedelta(days=30))
                row["last_payment_on"] = paid.isoformat()
        collections = [
            {
                "account_id": row["account_id"],
                "occurred_on": on.isoformat(),
                "kind": kind,
                "delivered": "true" if delivered else "false",
                "receipt_confirmed": "true" if receipt else "false",
                "amount": "",
                "staff_id": f"S{rng.randint(100, 999)}",
                "note": note,
            }
            for on, kind, delivered, receipt, note in events
        ]
        return row, collections


def write_portfolio(folder: Path, *, count: int, seed: int, as_of: date) -> Portfolio:
    """Write accounts.csv, collections.csv and creditors.toml for `count` accounts."""
    folder.mkdir(parents=True, exist_ok=True)
    maker = _Maker(seed, as_of)
    accounts = folder / "accounts.csv"
    collections = folder / "collections.csv"
    with (
        accounts.open("w", newline="", encoding="utf-8") as a,
        collections.open("w", newline="", encoding="utf-8") as c,
    ):
        account_writer = csv.DictWriter(a, ACCOUNT_COLUMNS)
        collection_writer = csv.DictWriter(c, COLLECTION_COLUMNS)
        account_writer.writeheader()
        collection_writer.writeheader()
        for i in range(count):
            row, events = maker.account(i)
            account_writer.writerow(row)
            collection_writer.writerows(events)
    creditors = folder / "creditors.toml"
    creditors.write_text(CREDITORS_TOML, encoding="utf-8")
    return Portfolio(accounts, collections, creditors, count)
