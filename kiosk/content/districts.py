"""Seoul's 25 autonomous districts (gu): the ids content is aimed at, with their names.

Standard library only, like kiosk/choices.py: the server's commands and the admin pages name
districts the same way the kiosk does. Ids are the romanized names, lowercase.
"""

from __future__ import annotations

DISTRICTS: dict[str, dict[str, str]] = {
    "jongno": {"ko": "종로구", "ja": "鍾路区", "en": "Jongno-gu"},
    "jung": {"ko": "중구", "ja": "中区", "en": "Jung-gu"},
    "yongsan": {"ko": "용산구", "ja": "龍山区", "en": "Yongsan-gu"},
    "seongdong": {"ko": "성동구", "ja": "城東区", "en": "Seongdong-gu"},
    "gwangjin": {"ko": "광진구", "ja": "広津区", "en": "Gwangjin-gu"},
    "dongdaemun": {"ko": "동대문구", "ja": "東大門区", "en": "Dongdaemun-gu"},
    "jungnang": {"ko": "중랑구", "ja": "中浪区", "en": "Jungnang-gu"},
    "seongbuk": {"ko": "성북구", "ja": "城北区", "en": "Seongbuk-gu"},
    "gangbuk": {"ko": "강북구", "ja": "江北区", "en": "Gangbuk-gu"},
    "dobong": {"ko": "도봉구", "ja": "道峰区", "en": "Dobong-gu"},
    "nowon": {"ko": "노원구", "ja": "蘆原区", "en": "Nowon-gu"},
    "eunpyeong": {"ko": "은평구", "ja": "恩平区", "en": "Eunpyeong-gu"},
    "seodaemun": {"ko": "서대문구", "ja": "西大門区", "en": "Seodaemun-gu"},
    "mapo": {"ko": "마포구", "ja": "麻浦区", "en": "Mapo-gu"},
    "yangcheon": {"ko": "양천구", "ja": "陽川区", "en": "Yangcheon-gu"},
    "gangseo": {"ko": "강서구", "ja": "江西区", "en": "Gangseo-gu"},
    "guro": {"ko": "구로구", "ja": "九老区", "en": "Guro-gu"},
    "geumcheon": {"ko": "금천구", "ja": "衿川区", "en": "Geumcheon-gu"},
    "yeongdeungpo": {"ko": "영등포구", "ja": "永登浦区", "en": "Yeongdeungpo-gu"},
    "dongjak": {"ko": "동작구", "ja": "銅雀区", "en": "Dongjak-gu"},
    "gwanak": {"ko": "관악구", "ja": "冠岳区", "en": "Gwanak-gu"},
    "seocho": {"ko": "서초구", "ja": "瑞草区", "en": "Seocho-gu"},
    "gangnam": {"ko": "강남구", "ja": "江南区", "en": "Gangnam-gu"},
    "songpa": {"ko": "송파구", "ja": "松坡区", "en": "Songpa-gu"},
    "gangdong": {"ko": "강동구", "ja": "江東区", "en": "Gangdong-gu"},
}


def check_district(value: str) -> str:
    """The id itself, or ValueError naming the ids there are (also for a Korean name given)."""
    if value in DISTRICTS:
        return value
    by_name = next((key for key, names in DISTRICTS.items() if value in names.values()), None)
    hint = f" ('{value}' is written '{by_name}')" if by_name else ""
    raise ValueError(f"'{value}' is not a Seoul district id{hint}; use one of: {', '.join(DISTRICTS)}")
