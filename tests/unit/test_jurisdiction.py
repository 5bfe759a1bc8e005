import pytest

from legal_flows.domain.jurisdiction import basic_court_for, choose_court


@pytest.mark.parametrize(
    ("address", "court"),
    [
        ("北京市朝阳区建国路1号", "北京市朝阳区人民法院"),
        ("上海市浦东新区陆家嘴环路100号", "上海市浦东新区人民法院"),
        ("广东省广州市天河区中山路5号", "广州市天河区人民法院"),
        ("浙江省杭州市西湖区人民路1号", "杭州市西湖区人民法院"),
        ("广西壮族自治区南宁市青秀区民族大道1号", "南宁市青秀区人民法院"),
        ("江苏省苏州市昆山市前进路1号", "苏州市昆山市人民法院"),
    ],
)
def test_basic_court_follows_the_district_of_the_address(address, court):
    assert basic_court_for(address) == court


def test_unreadable_address_names_no_court():
    assert basic_court_for("某某村三组") is None


def test_agreed_court_is_used_only_when_the_clause_was_brought_to_attention():
    shown = choose_court(
        court=None,
        agreed_court="北京市西城区人民法院",
        terms_notice_proven=True,
        domicile="上海市浦东新区x",
    )
    assert shown.court == "北京市西城区人民法院"
    assert "第三十五条" in shown.basis
    hidden = choose_court(
        court=None,
        agreed_court="北京市西城区人民法院",
        terms_notice_proven=False,
        domicile="上海市浦东新区x",
    )
    assert hidden.court == "上海市浦东新区人民法院"
    assert "第二十二条" in hidden.basis


def test_a_court_set_by_the_lawyer_wins():
    assert (
        choose_court(
            court="北京互联网法院",
            agreed_court=None,
            terms_notice_proven=False,
            domicile="上海市浦东新区x",
        ).court
        == "北京互联网法院"
    )
