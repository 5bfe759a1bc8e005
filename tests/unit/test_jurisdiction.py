"""Which court hears the claim: the basic court's real name for an address (each exception
sourced in a comment in domain/court_names.py), the domicile at and just past a year's
residence, the payment order's court, the agreed and the performance courts."""

from datetime import date

import pytest

from legal_flows.domain.jurisdiction import basic_court_for, choose_court

# address as a 户籍 or residence is written -> the basic court's name as courts print it.
COURTS = [
    ("浙江省温州市永嘉县上塘镇1号", "永嘉县人民法院"),
    ("江苏省苏州市昆山市前进路1号", "昆山市人民法院"),
    ("浙江省杭州市滨江区江南大道1号", "杭州市滨江区人民法院"),
    ("浙江省杭州市钱塘区白杨街道1号", "杭州市钱塘区人民法院"),
    ("浙江省杭州市江干区凯旋路1号", "杭州市上城区人民法院"),
    ("浙江省杭州市江干区下沙街道1号", "杭州市钱塘区人民法院"),
    ("浙江省杭州市余杭区临平街道1号", "杭州市临平区人民法院"),
    ("浙江省丽水市景宁畲族自治县红星街道1号", "景宁畲族自治县人民法院"),
    ("北京市朝阳区建国路1号", "北京市朝阳区人民法院"),
    ("北京市崇文区天坛路1号", "北京市东城区人民法院"),
    ("北京市密云县鼓楼街道1号", "北京市密云区人民法院"),
    ("北京市密云区鼓楼街道1号", "北京市密云区人民法院"),
    ("上海市浦东新区陆家嘴环路100号", "上海市浦东新区人民法院"),
    ("上海市闸北区共和新路1号", "上海市静安区人民法院"),
    ("上海市崇明县城桥镇1号", "上海市崇明区人民法院"),
    ("天津市滨海新区第三大街1号", "天津市滨海新区人民法院"),
    ("天津市塘沽区解放路1号", "天津市滨海新区人民法院"),
    ("重庆市渝中区解放碑1号", "重庆市渝中区人民法院"),
    ("重庆市石柱土家族自治县南宾街道1号", "重庆市石柱土家族自治县人民法院"),
    ("重庆市綦江区万盛街道1号", "重庆市綦江区人民法院"),
    ("广东省东莞市南城街道1号", "东莞市第一人民法院"),
    ("广东省东莞市长安镇1号", "东莞市第二人民法院"),
    ("广东省东莞市塘厦镇1号", "东莞市第三人民法院"),
    ("广东省中山市小榄镇1号", "中山市第二人民法院"),
    ("广东省中山市石岐街道1号", "中山市第一人民法院"),
    ("广东省深圳市深汕特别合作区鹅埠镇1号", "深圳深汕特别合作区人民法院"),
    ("广东省珠海市香洲区横琴镇1号", "横琴粤澳深度合作区人民法院"),
    ("广东省广州市南沙区港前大道1号", "广州市南沙区人民法院"),
    ("广东省广州市天河区中山路5号", "广州市天河区人民法院"),
    ("广东省汕尾市城区香洲街道1号", "汕尾市城区人民法院"),
    ("江苏省苏州工业园区星湖街1号", "苏州工业园区人民法院"),
    ("江苏省苏州市吴江市松陵镇1号", "苏州市吴江区人民法院"),
    ("江苏省苏州市沧浪区人民路1号", "苏州市姑苏区人民法院"),
    ("江苏省无锡市崇安区中山路1号", "无锡市梁溪区人民法院"),
    ("河南省郑州市管城回族区紫荆山路1号", "郑州市管城回族区人民法院"),
    ("河南省济源市济水大街1号", "济源市人民法院"),
    ("湖北省神农架林区松柏镇1号", "神农架林区人民法院"),
    ("湖北省仙桃市沔阳大道1号", "仙桃市人民法院"),
    ("湖北省十堰市丹江口市均州路1号", "丹江口市人民法院"),
    ("四川省成都市双流区华阳街道1号", "四川天府新区成都片区人民法院"),
    ("吉林省延边朝鲜族自治州延吉市光明街1号", "延吉市人民法院"),
    ("黑龙江省伊春市伊春区新兴路1号", "伊春市伊美区人民法院"),
    ("内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路1号", "锡林浩特市人民法院"),
    ("内蒙古自治区锡林郭勒盟苏尼特左旗满都拉图镇1号", "苏尼特左旗人民法院"),
    ("内蒙古自治区鄂尔多斯市鄂托克旗乌兰镇1号", "鄂托克旗人民法院"),
    ("内蒙古自治区呼伦贝尔市鄂伦春自治旗阿里河镇1号", "鄂伦春自治旗人民法院"),
    ("贵州省六盘水市六枝特区平寨镇1号", "六枝特区人民法院"),
    ("甘肃省嘉峪关市雄关区1号", "嘉峪关市城区人民法院"),
    ("甘肃省嘉峪关市新华中路1号", "嘉峪关市城区人民法院"),
    ("海南省儋州市那大镇1号", "儋州市人民法院"),
    ("海南省三亚市吉阳区迎宾路1号", "三亚市城郊人民法院"),
    ("海南省琼海市嘉积镇1号", "琼海市人民法院"),
    ("海南省陵水黎族自治县椰林镇1号", "陵水黎族自治县人民法院"),
    ("新疆维吾尔自治区乌鲁木齐市天山区解放路1号", "乌鲁木齐市天山区人民法院"),
    ("新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路1号", "伊宁市人民法院"),
    ("新疆维吾尔自治区石河子市北四路1号", "石河子市人民法院"),
    ("黑龙江省大兴安岭地区加格达奇区红旗路1号", "加格达奇区人民法院"),
    ("广西壮族自治区南宁市青秀区民族大道1号", "南宁市青秀区人民法院"),
    ("西藏自治区拉萨市城关区北京路1号", "拉萨市城关区人民法院"),
    ("浙江省杭州市西湖区人民路1号", "杭州市西湖区人民法院"),
]


@pytest.mark.parametrize(("address", "court"), COURTS)
def test_an_address_names_the_basic_court_as_the_court_calls_itself(address, court):
    assert basic_court_for(address) == court


def test_a_county_level_court_is_named_without_its_prefecture():
    assert basic_court_for("浙江省温州市永嘉县上塘镇") == "永嘉县人民法院"
    assert not basic_court_for("江苏省苏州市昆山市前进路").startswith("苏州市")


def test_unreadable_address_names_no_court():
    assert basic_court_for("某某村三组") is None


def test_a_dongguan_address_without_a_known_town_names_no_court():
    # 东莞 has no districts: the town decides between its three courts, never a guess.
    assert basic_court_for("广东省东莞市某某工业区1号") is None


URUMQI = "新疆维吾尔自治区乌鲁木齐市天山区解放路1号"
BINJIANG = "浙江省杭州市滨江区江南大道1号"
FILED = date(2026, 12, 1)


def chosen(**given):
    facts = {
        "court": None,
        "agreed_court": None,
        "terms_notice_proven": False,
        "registered_address": URUMQI,
        "residence_address": None,
        "residence_since": None,
        "filed_on": FILED,
    }
    return choose_court(**{**facts, **given})


def test_a_residence_of_exactly_a_year_at_filing_is_the_domicile():
    found = chosen(residence_address=BINJIANG, residence_since=date(2025, 12, 1))
    assert found.court == "杭州市滨江区人民法院"
    assert "经常居住地" in found.basis
    assert "第四条" in found.basis


def test_a_residence_one_day_short_of_a_year_leaves_the_huji_court():
    found = chosen(residence_address=BINJIANG, residence_since=date(2025, 12, 2))
    assert found.court == "乌鲁木齐市天山区人民法院"
    assert found.unsettled is None


def test_a_residence_elsewhere_without_a_date_is_for_a_person_to_confirm():
    found = chosen(residence_address=BINJIANG)
    assert found.court is None
    assert "经常居住地" in (found.unsettled or "")


def test_a_residence_in_the_same_court_area_needs_no_date():
    found = chosen(residence_address="新疆维吾尔自治区乌鲁木齐市天山区幸福路9号")
    assert (found.court, found.unsettled) == ("乌鲁木齐市天山区人民法院", None)


def test_a_payment_order_goes_to_the_domicile_whatever_was_agreed():
    found = chosen(
        agreed_court="北京市西城区人民法院",
        terms_notice_proven=True,
        payment_order=True,
        performance_court="北京市西城区人民法院",
    )
    assert found.court == "乌鲁木齐市天山区人民法院"
    assert "第二十三条" in found.basis


def test_agreed_court_is_used_only_when_the_clause_was_brought_to_attention():
    shown = chosen(agreed_court="北京市西城区人民法院", terms_notice_proven=True)
    assert shown.court == "北京市西城区人民法院"
    assert "第三十五条" in shown.basis
    hidden = chosen(agreed_court="北京市西城区人民法院")
    assert hidden.court == "乌鲁木齐市天山区人民法院"
    assert "第二十二条" in hidden.basis


def test_the_place_of_performance_is_used_only_when_the_creditor_chose_it():
    found = chosen(performance_court="上海市浦东新区人民法院")
    assert found.court == "上海市浦东新区人民法院"
    assert "第二十四条" in found.basis
    assert "第十八条" in found.basis
    assert chosen().court == "乌鲁木齐市天山区人民法院"


def test_a_court_set_by_the_lawyer_wins():
    found = chosen(court="北京互联网法院", payment_order=True, residence_address=BINJIANG)
    assert found.court == "北京互联网法院"
