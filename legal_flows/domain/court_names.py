"""The basic people's court (基层人民法院) of an address, by its official name.

A court is named after the county-level division it serves: a county, county-level city,
autonomous county, 旗, 特区 or 林区 court carries that division's name alone (永嘉县人民法院,
昆山市人民法院, 鄂托克旗人民法院), never its prefecture; a district (市辖区) court carries its
city (杭州市滨江区人民法院), since district names repeat across cities; a district or county
of a municipality carries the municipality (北京市朝阳区人民法院, 重庆市石柱土家族自治县人民
法院). The short form, without the province, is printed ("此致 永嘉县人民法院"): the SPC's
e-service system and judgment database use it, and a complaint's 此致 line has no fixed form.
Sources and the exceptions below: research notes (court websites, 中国裁判文书网 court lists,
人民法院民事裁判文书制作规范 法〔2016〕221号), kept in the table's comments; names marked
UNVERIFIED follow the pattern and were not seen on a court's own page.

Addresses that name a division merged since (an ID card is not reissued) are mapped to the
court that serves it now; a division split between two courts, or a city whose courts are
split by town, is resolved by the town, or left to a person to confirm (`None`).
"""

import re
from dataclasses import dataclass

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_PROVINCE = re.compile(
    r"^(?P<province>北京市|天津市|上海市|重庆市|内蒙古自治区|广西壮族自治区|西藏自治区"
    r"|宁夏回族自治区|新疆维吾尔自治区|香港特别行政区|澳门特别行政区|[^省]{2,3}省)"
)
# A prefecture-level unit: a city, an autonomous prefecture, a 地区 or a 盟.
_PREFECTURE = re.compile(r"^(?P<prefecture>[^\d县区镇乡街路]{2,12}?(?:自治州|地区|盟|市))")
# A county-level unit, the shortest name that ends like one (双江拉祜族佤族布朗族傣族自治县
# has fifteen characters).
_COUNTY = re.compile(r"^(?P<county>[^\d]{1,16}?(?:自治县|自治旗|特区|林区|新区|区|县|市|旗))")
# A town, township or street inside what looked like a county's name: it was not one.
_TOWN_INSIDE = re.compile(r"(?:镇|乡|街道|路|号|村).")
_TOWN_IN_NAME = ("东乡族自治县",)  # county names that hold such a character mid-name

# A division no longer on the map, or renamed: the court that serves it now.
MERGED = {
    "北京市崇文区": "北京市东城区人民法院",  # 2010 merger
    "北京市宣武区": "北京市西城区人民法院",  # 2010 merger
    "北京市密云县": "北京市密云区人民法院",  # county → district 2015
    "北京市延庆县": "北京市延庆区人民法院",  # county → district 2015
    "上海市闸北区": "上海市静安区人民法院",  # 2015 merger
    "上海市卢湾区": "上海市黄浦区人民法院",  # 2011 merger
    "上海市南汇区": "上海市浦东新区人民法院",  # 2009 merger
    "上海市崇明县": "上海市崇明区人民法院",  # county → district 2016
    "天津市塘沽区": "天津市滨海新区人民法院",  # 2009 merger
    "天津市汉沽区": "天津市滨海新区人民法院",
    "天津市大港区": "天津市滨海新区人民法院",
    "天津市蓟县": "天津市蓟州区人民法院",  # county → district 2016 (UNVERIFIED name)
    "苏州市平江区": "苏州市姑苏区人民法院",  # 2012 merger
    "苏州市沧浪区": "苏州市姑苏区人民法院",
    "苏州市金阊区": "苏州市姑苏区人民法院",
    "苏州市吴江市": "苏州市吴江区人民法院",  # city → district 2012
    "无锡市崇安区": "无锡市梁溪区人民法院",  # 2015 merger
    "无锡市南长区": "无锡市梁溪区人民法院",
    "无锡市北塘区": "无锡市梁溪区人民法院",
    "宁波市江东区": "宁波市鄞州区人民法院",  # 2016 merger
    "广州市萝岗区": "广州市黄埔区人民法院",  # 2014 merger
    "杭州市下城区": "杭州市拱墅区人民法院",  # 2021 merger
    "伊春市伊春区": "伊春市伊美区人民法院",  # 2019 reform (人民法院报 via thepaper.cn)
}
# A district split between two courts by the 2021 reform: only its street decides.
SPLIT = {
    # 江干区: 下沙 and 白杨 streets went to 钱塘区, the rest to 上城区.
    "杭州市江干区": (("下沙", "白杨"), "杭州市钱塘区人民法院", "杭州市上城区人民法院"),
    # 2021: 临平区 was cut out of 余杭区 (国函〔2021〕25号); old 户籍 addresses still say 余杭区.
    "杭州市余杭区": (
        tuple("临平 东湖 南苑 星桥 运河 乔司 崇贤 塘栖".split()),
        "杭州市临平区人民法院",
        "杭州市余杭区人民法院",
    ),
    # 横琴 (香洲区) is the 合作区's own court's area since 2022.
    "珠海市香洲区": (("横琴",), "横琴粤澳深度合作区人民法院", "珠海市香洲区人民法院"),
    # 天府新区直管区 streets in 双流区 (cdfy.scssfw.gov.cn 2018-12-28 names 华阳; the other
    # streets are from the 直管区 list, UNVERIFIED against a court notice).
    "成都市双流区": (
        tuple("华阳 万安 兴隆 正兴 煎茶".split()),
        "四川天府新区成都片区人民法院",
        "成都市双流区人民法院",
    ),
}
# Cities without districts whose basic courts are split by town (镇/街道).
BY_TOWN = {
    "东莞市": (
        (tuple("长安 虎门 厚街 沙田 大朗 大岭山".split()), "东莞市第二人民法院"),
        (
            tuple("塘厦 清溪 凤岗 樟木头 黄江 谢岗 常平 桥头 横沥 东坑".split()),
            "东莞市第三人民法院",
        ),
        (
            tuple(
                "莞城 东城 南城 万江 道滘 洪梅 望牛墩 麻涌 中堂 高埗 石碣 石排 企石 石龙 茶山 "
                "寮步 松山湖".split()
            ),
            "东莞市第一人民法院",
        ),
    ),
    "中山市": (
        (tuple("小榄 东升 黄圃 南头 三角 东凤 阜沙 古镇 横栏".split()), "中山市第二人民法院"),
        (
            # UNVERIFIED: the first court's towns are those the second court's notice leaves.
            tuple(
                "石岐 东区 西区 南区 五桂山 火炬 港口 沙溪 大涌 三乡 坦洲 神湾 板芙 南朗 民众 "
                "翠亨".split()
            ),
            "中山市第一人民法院",
        ),
    ),
}
# Cities and divisions whose one basic court is not named after them.
ONE_COURT = {
    "嘉峪关市": "嘉峪关市城区人民法院",  # 甘肃: a city without districts
    "儋州市": "儋州市人民法院",  # 海南: a city without districts
    "三亚市": "三亚市城郊人民法院",  # 海南: four districts, one basic court
}
# Zones with a court of their own, recognised when the address names the zone.
ZONES = {
    "苏州工业园区": "苏州工业园区人民法院",
    "深圳前海": "深圳前海合作区人民法院",
    "深汕特别合作区": "深圳深汕特别合作区人民法院",
    "横琴粤澳深度合作区": "横琴粤澳深度合作区人民法院",
}


@dataclass(frozen=True)
class Divisions:
    """An address's administrative divisions as written, and what follows them."""

    province: str | None
    prefecture: str | None
    county: str | None
    rest: str


def divisions(address: str) -> Divisions | None:
    """Province, prefecture and county-level division of an address (None: none readable)."""
    text = "".join(address.split())  # whitespace out: str.split knows the same spaces as re's \s
    province = prefecture = county = None
    if match := _PROVINCE.match(text):
        province, text = match["province"], text[match.end() :]
    if province not in MUNICIPALITIES and (match := _PREFECTURE.match(text)):
        prefecture, text = match["prefecture"], text[match.end() :]
    if (match := _COUNTY.match(text)) and _is_county(match["county"]):
        county, text = match["county"], text[match.end() :]
    if county is None and prefecture is None:
        return None
    return Divisions(province, prefecture, county, text)


def _is_county(name: str) -> bool:
    return name in _TOWN_IN_NAME or not _TOWN_INSIDE.search(name[1:-1])


def basic_court_for(address: str) -> str | None:
    """The basic court of the place an address names, by its official short name; None when
    the address does not show it or only a person can tell (a split district, unknown town)."""
    found = divisions(address)
    if found is None:
        return None
    for zone, court in ZONES.items():
        if zone in address:
            return court
    city = found.province if found.province in MUNICIPALITIES else found.prefecture
    place = f"{city or ''}{found.county or ''}"
    if place in MERGED:
        return MERGED[place]
    if place in SPLIT:
        streets, then, otherwise = SPLIT[place]
        return then if any(s in found.rest for s in streets) else otherwise
    if found.prefecture in BY_TOWN:
        tail = f"{found.county or ''}{found.rest}"
        for towns, court in BY_TOWN[found.prefecture]:
            if any(tail.startswith(t) for t in towns):
                return court
        return None
    if found.prefecture in ONE_COURT:
        return ONE_COURT[found.prefecture]
    return _named(found, city)


def _named(found: Divisions, city: str | None) -> str | None:
    county = found.county
    if county is None:
        # A county-level city directly under its province (湖北省仙桃市, 河南省济源市).
        return f"{found.prefecture}人民法院" if found.province and found.prefecture else None
    if found.province in MUNICIPALITIES:
        return f"{found.province}{county}人民法院"
    is_district = county.endswith("区") and not county.endswith(("特区", "林区"))
    if is_district and (city is None or city.endswith("市")):
        # A city's district needs the city: alone its name is ambiguous (鼓楼区, 朝阳区…).
        return f"{city}{county}人民法院" if city else None
    # Counties, county-level cities, 旗, 特区, 林区 (and the districts of a 地区, such as
    # 大兴安岭地区加格达奇区: UNVERIFIED) carry their own name only.
    return f"{county}人民法院"
