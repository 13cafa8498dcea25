//! The 47 prefectures with their regions (the eight 地方区分) and how many municipalities
//! each has (市町村 and Tokyo's 23 特別区: 1,741 in all), and the municipalities of a set:
//! all of them, or a seeded sample spread over the country.

use rand_core::RngCore;

/// A prefecture: its name, its region, and its number of municipalities.
const PREFECTURES: [(&str, &str, usize); 47] = [
    ("北海道", "北海道", 179),
    ("青森県", "東北", 40),
    ("岩手県", "東北", 33),
    ("宮城県", "東北", 35),
    ("秋田県", "東北", 25),
    ("山形県", "東北", 35),
    ("福島県", "東北", 59),
    ("茨城県", "関東", 44),
    ("栃木県", "関東", 25),
    ("群馬県", "関東", 35),
    ("埼玉県", "関東", 63),
    ("千葉県", "関東", 54),
    ("東京都", "関東", 62),
    ("神奈川県", "関東", 33),
    ("新潟県", "中部", 30),
    ("富山県", "中部", 15),
    ("石川県", "中部", 19),
    ("福井県", "中部", 17),
    ("山梨県", "中部", 27),
    ("長野県", "中部", 77),
    ("岐阜県", "中部", 42),
    ("静岡県", "中部", 35),
    ("愛知県", "中部", 54),
    ("三重県", "近畿", 29),
    ("滋賀県", "近畿", 19),
    ("京都府", "近畿", 26),
    ("大阪府", "近畿", 43),
    ("兵庫県", "近畿", 41),
    ("奈良県", "近畿", 39),
    ("和歌山県", "近畿", 30),
    ("鳥取県", "中国", 19),
    ("島根県", "中国", 19),
    ("岡山県", "中国", 27),
    ("広島県", "中国", 23),
    ("山口県", "中国", 19),
    ("徳島県", "四国", 24),
    ("香川県", "四国", 17),
    ("愛媛県", "四国", 20),
    ("高知県", "四国", 34),
    ("福岡県", "九州・沖縄", 60),
    ("佐賀県", "九州・沖縄", 20),
    ("長崎県", "九州・沖縄", 21),
    ("熊本県", "九州・沖縄", 45),
    ("大分県", "九州・沖縄", 18),
    ("宮崎県", "九州・沖縄", 26),
    ("鹿児島県", "九州・沖縄", 43),
    ("沖縄県", "九州・沖縄", 41),
];

/// Every municipality of the country.
pub const ALL: usize = 1741;

/// One municipality of a set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Municipality {
    /// A code in the form of the 全国地方公共団体コード: the prefecture's two digits and three more.
    pub code: String,
    /// Its name in the set (generated: the prefecture and a number).
    pub name: String,
    /// Its prefecture.
    pub prefecture: &'static str,
    /// Its region.
    pub region: &'static str,
}

/// `count` municipalities (at most [`ALL`]): all of them, or a sample drawn with `rng`, in code order.
pub fn municipalities(count: usize, rng: &mut impl RngCore) -> Vec<Municipality> {
    let mut every = Vec::with_capacity(ALL);
    for (index, (prefecture, region, number)) in PREFECTURES.iter().enumerate() {
        for n in 1..=*number {
            let kind = if n <= number / 4 + 1 {
                "市"
            } else if n % 5 == 0 {
                "村"
            } else {
                "町"
            };
            every.push(Municipality {
                code: format!("{:02}{:03}", index + 1, n * 2),
                name: format!("{}第{n}{kind}", prefecture.trim_end_matches(['県', '府', '都'])),
                prefecture,
                region,
            });
        }
    }
    let count = count.min(ALL);
    // A partial Fisher–Yates shuffle picks the sample; the set keeps code order.
    for index in 0..count {
        let pick = index + (rng.next_u64() % (ALL - index) as u64) as usize;
        every.swap(index, pick);
    }
    every.truncate(count);
    every.sort_by(|a, b| a.code.cmp(&b.code));
    every
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::SeedableRng;

    #[test]
    fn the_country_has_1741_municipalities_in_47_prefectures() {
        assert_eq!(PREFECTURES.iter().map(|p| p.2).sum::<usize>(), ALL);
        let every = municipalities(ALL, &mut rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(1));
        assert_eq!(every.len(), ALL);
        let codes: std::collections::BTreeSet<_> = every.iter().map(|m| &m.code).collect();
        assert_eq!(codes.len(), ALL, "codes are unique");
    }
}
