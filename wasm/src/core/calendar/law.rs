//! The law of public holidays, versioned by the Labour Code in force (like
//! [`crate::core::rules::RulesVersion`] for the circular): which occasions are days off, how
//! many days each, and where a holiday on a weekly rest day is compensated. Each rule cites its
//! article.
//!
//! | code | in force | Tết Âm lịch | Quốc khánh | articles |
//! |---|---|---|---|---|
//! | 1994 (as amended by Luật 84/2007/QH11) | 01/01/1995–30/04/2013 | 4 days (1 before, 3 after) | 1 day | Điều 73 |
//! | 2012 (10/2012/QH13) | 01/05/2013–31/12/2020 | 5 days | 1 day | Điều 115 |
//! | 2019 (45/2019/QH14) | from 01/01/2021 | 5 days | 2 days | Điều 112, Điều 111 khoản 3 |
//!
//! In-force dates: the Bộ LĐTBXH's page on the 2019 code (boluatlaodong2019.molisa.gov.vn:
//! 1994 code from 01/01/1995, 2019 code from 01/01/2021) and Sở TT&TT Đồng Tháp (2012 code from
//! 01/05/2013, replacing the 1994 code and its amendments 35/2002, 74/2006, 84/2007).
//!
//! An occasion follows the code in force on its own (first) day: Tết 2013 (10/02/2013), Giỗ
//! Tổ 2013 (19/04/2013) and 30/4/2013 fall under the 1994 code, Quốc khánh 2013 under the
//! 2012 code; the second Quốc khánh day exists only from 2021 (3/9/2019 was a working day).
//!
//! A new holiday enacted later is one more [`OccasionRule`] line in the code that enacts it,
//! with the first year it applies (`since`); a [`Proposal`] for the same day then stops being
//! shown by itself.
use super::Occasion;
use crate::core::date::Date;

/// How an occasion's statutory days are found in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Fixed solar days: (month, day, name of the day).
    Solar(&'static [(u8, u8, &'static str)]),
    /// A lunar day (month, day) and the name of the day.
    Lunar {
        /// Lunar month.
        month: u8,
        /// Lunar day.
        day: u8,
        /// Name, e.g. "Giỗ Tổ Hùng Vương (10/3 âm lịch)".
        name: &'static str,
    },
    /// Tết Âm lịch: `days` days, the first `before` of them at the end of the old lunar year.
    Tet {
        /// Days at the end of the old year.
        before: u8,
        /// Days in all.
        days: u8,
    },
    /// Quốc khánh: 2/9 and `days - 1` adjacent day(s), before or after.
    NationalDay {
        /// Days in all.
        days: u8,
    },
}

/// One occasion of a Labour Code.
#[derive(Debug, Clone, Copy)]
pub struct OccasionRule {
    /// The occasion.
    pub occasion: Occasion,
    /// Its statutory days.
    pub rule: Rule,
    /// Article, e.g. "Điều 112 khoản 1 điểm b".
    pub article: &'static str,
    /// First year it applies under this code (a holiday added by an amendment).
    pub since: i32,
}

/// Where the compensatory day of a Tết day on a weekly rest day goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TetCompensation {
    /// On the next working days after the break (the 1994 code: "nghỉ bù vào ngày tiếp theo").
    After,
    /// A Saturday's on the working day before the break, a Sunday's after it. This is how the
    /// Prime Minister placed them in every schedule of 2014–2026 (2017, 2018, 2020, 2021,
    /// 2023, 2024, 2025 began on 29 tháng Chạp or earlier because of it); it is the estimate
    /// for years not yet announced, checked against those schedules by the tests.
    SaturdayBeforeSundayAfter,
}

/// A Labour Code version.
#[derive(Debug, Clone, Copy)]
pub struct LabourCode {
    /// Id, e.g. "blld-2019".
    pub id: &'static str,
    /// Name, e.g. "Bộ luật Lao động 2019".
    pub name: &'static str,
    /// Number and in-force clause.
    pub number: &'static str,
    /// First day it governs (`None`: every day before the next version).
    pub from: Option<Date>,
    /// The holidays.
    pub occasions: &'static [OccasionRule],
    /// Article of the compensatory day for a holiday on a weekly rest day.
    pub compensatory_article: &'static str,
    /// Article that lets the Prime Minister fix the Tết days (and, from 2021, the Quốc khánh
    /// adjacent day), if any.
    pub schedule_article: Option<&'static str>,
    /// Compensation of Tết days on a weekend.
    pub tet_compensation: TetCompensation,
}

/// Tết Dương lịch.
pub const NEW_YEAR: Occasion = Occasion {
    id: "new_year",
    name: "Tết Dương lịch",
    short: "Tết Dương lịch",
};
/// Tết Âm lịch.
pub const TET: Occasion = Occasion {
    id: "tet",
    name: "Tết Âm lịch",
    short: "Tết Âm lịch",
};
/// Giỗ Tổ Hùng Vương.
pub const HUNG_KINGS: Occasion = Occasion {
    id: "hung_kings",
    name: "Giỗ Tổ Hùng Vương",
    short: "Giỗ Tổ Hùng Vương",
};
/// Ngày Chiến thắng (30/4) and Ngày Quốc tế lao động (1/5), one occasion: their swaps are
/// decided together.
pub const APRIL_MAY: Occasion = Occasion {
    id: "april_may",
    name: "Ngày Chiến thắng và Ngày Quốc tế lao động",
    short: "lễ 30/4 – 1/5",
};
/// Quốc khánh.
pub const NATIONAL_DAY: Occasion = Occasion {
    id: "national_day",
    name: "Quốc khánh",
    short: "Quốc khánh",
};

const NEW_YEAR_DAY: &[(u8, u8, &str)] = &[(1, 1, "Tết Dương lịch (1/1)")];
const APRIL_MAY_DAYS: &[(u8, u8, &str)] = &[
    (4, 30, "Ngày Chiến thắng (30/4)"),
    (5, 1, "Ngày Quốc tế lao động (1/5)"),
];
const HUNG: Rule = Rule::Lunar {
    month: 3,
    day: 10,
    name: "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
};

/// Bộ luật Lao động 1994, Điều 73 as amended by Luật 84/2007/QH11 (Giỗ Tổ added).
pub static BLLD_1994: LabourCode = LabourCode {
    id: "blld-1994",
    name: "Bộ luật Lao động 1994",
    number: "Bộ luật Lao động ngày 23/6/1994, hiệu lực từ 01/01/1995; Điều 73 sửa đổi bởi Luật số 84/2007/QH11 ngày 02/4/2007",
    from: Some(Date::ymd(1995, 1, 1)),
    occasions: &[
        OccasionRule {
            occasion: NEW_YEAR,
            rule: Rule::Solar(NEW_YEAR_DAY),
            article: "Điều 73",
            since: 1995,
        },
        OccasionRule {
            occasion: TET,
            rule: Rule::Tet { before: 1, days: 4 },
            article: "Điều 73 (bốn ngày: một ngày cuối năm và ba ngày đầu năm âm lịch)",
            since: 1995,
        },
        OccasionRule {
            occasion: HUNG_KINGS,
            rule: HUNG,
            article: "Điều 73 (sửa đổi bởi Luật số 84/2007/QH11)",
            since: 2007,
        },
        OccasionRule {
            occasion: APRIL_MAY,
            rule: Rule::Solar(APRIL_MAY_DAYS),
            article: "Điều 73",
            since: 1995,
        },
        OccasionRule {
            occasion: NATIONAL_DAY,
            rule: Rule::NationalDay { days: 1 },
            article: "Điều 73",
            since: 1995,
        },
    ],
    compensatory_article: "Điều 73 (nghỉ bù vào ngày tiếp theo)",
    schedule_article: None,
    tet_compensation: TetCompensation::After,
};

/// Bộ luật Lao động 2012 (10/2012/QH13), Điều 115.
pub static BLLD_2012: LabourCode = LabourCode {
    id: "blld-2012",
    name: "Bộ luật Lao động 2012",
    number: "Luật số 10/2012/QH13, hiệu lực từ 01/05/2013",
    from: Some(Date::ymd(2013, 5, 1)),
    occasions: &[
        OccasionRule {
            occasion: NEW_YEAR,
            rule: Rule::Solar(NEW_YEAR_DAY),
            article: "Điều 115 khoản 1 điểm a",
            since: 2013,
        },
        OccasionRule {
            occasion: TET,
            rule: Rule::Tet { before: 1, days: 5 },
            article: "Điều 115 khoản 1 điểm b",
            since: 2013,
        },
        OccasionRule {
            occasion: HUNG_KINGS,
            rule: HUNG,
            article: "Điều 115 khoản 1 điểm e",
            since: 2013,
        },
        OccasionRule {
            occasion: APRIL_MAY,
            rule: Rule::Solar(APRIL_MAY_DAYS),
            article: "Điều 115 khoản 1 điểm c, d",
            since: 2013,
        },
        OccasionRule {
            occasion: NATIONAL_DAY,
            rule: Rule::NationalDay { days: 1 },
            article: "Điều 115 khoản 1 điểm đ",
            since: 2013,
        },
    ],
    compensatory_article: "Điều 115 khoản 3",
    schedule_article: None,
    tet_compensation: TetCompensation::SaturdayBeforeSundayAfter,
};

/// Bộ luật Lao động 2019 (45/2019/QH14), Điều 112 and Điều 111 khoản 3.
pub static BLLD_2019: LabourCode = LabourCode {
    id: "blld-2019",
    name: "Bộ luật Lao động 2019",
    number: "Luật số 45/2019/QH14, hiệu lực từ 01/01/2021",
    from: Some(Date::ymd(2021, 1, 1)),
    occasions: &[
        OccasionRule {
            occasion: NEW_YEAR,
            rule: Rule::Solar(NEW_YEAR_DAY),
            article: "Điều 112 khoản 1 điểm a",
            since: 2021,
        },
        OccasionRule {
            occasion: TET,
            rule: Rule::Tet { before: 1, days: 5 },
            article: "Điều 112 khoản 1 điểm b",
            since: 2021,
        },
        OccasionRule {
            occasion: HUNG_KINGS,
            rule: HUNG,
            article: "Điều 112 khoản 1 điểm e",
            since: 2021,
        },
        OccasionRule {
            occasion: APRIL_MAY,
            rule: Rule::Solar(APRIL_MAY_DAYS),
            article: "Điều 112 khoản 1 điểm c, d",
            since: 2021,
        },
        OccasionRule {
            occasion: NATIONAL_DAY,
            rule: Rule::NationalDay { days: 2 },
            article: "Điều 112 khoản 1 điểm đ",
            since: 2021,
        },
        // A holiday enacted later is one line here, e.g. (not enacted, see PROPOSALS):
        // OccasionRule { occasion: CULTURE_DAY, rule: Rule::Solar(&[(11, 24, "Ngày Văn hóa Việt Nam (24/11)")]), article: "Điều 112 khoản 1 (sửa đổi bởi …)", since: 2027 },
    ],
    compensatory_article: "Điều 111 khoản 3",
    schedule_article: Some("Điều 112 khoản 3"),
    tet_compensation: TetCompensation::SaturdayBeforeSundayAfter,
};

/// Every version, oldest first.
pub static CODES: [&LabourCode; 3] = [&BLLD_1994, &BLLD_2012, &BLLD_2019];

/// The code in force on `d`.
pub fn code_on(d: Date) -> &'static LabourCode {
    code_in(&CODES, d)
}

pub(crate) fn code_in(codes: &[&'static LabourCode], d: Date) -> &'static LabourCode {
    let mut found = codes[0];
    for &c in codes {
        if c.from.is_none_or(|f| f <= d) {
            found = c;
        }
    }
    found
}

/// A day proposed as a holiday but not enacted: not a day off, shown as a dated note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposal {
    /// Month.
    pub month: u8,
    /// Day.
    pub day: u8,
    /// Name.
    pub name: &'static str,
    /// What is proposed and by which texts.
    pub basis: &'static str,
    /// First year the note is shown.
    pub from_year: i32,
    /// The day the sources were last checked for an enactment.
    pub checked: Date,
}

/// Proposals known to the data. When the day is enacted, add its [`OccasionRule`] to the code
/// (one line): the note then disappears for the years it applies.
pub static PROPOSALS: &[Proposal] = &[Proposal {
    month: 11,
    day: 24,
    name: "Ngày Văn hóa Việt Nam",
    basis: "Nghị quyết 80-NQ/TW của Bộ Chính trị (01/2026) chủ trương là ngày nghỉ hưởng nguyên lương; Nghị quyết 30/NQ-CP (02/2026) giao sửa khoản 1 Điều 112 Bộ luật Lao động. Chưa có văn bản luật nào quy định",
    from_year: 2026,
    checked: Date::ymd(2026, 12, 4),
}];

impl Proposal {
    /// "24/11 — Ngày Văn hóa Việt Nam: đề xuất, chưa có hiệu lực — kiểm tra ngày 04/12/2026 (…).
    /// Không tính là ngày nghỉ."
    pub fn note(&self) -> String {
        let mut s = String::new();
        crate::core::text::push_u64(&mut s, self.day as u64);
        s.push('/');
        crate::core::text::push_u64(&mut s, self.month as u64);
        s.push_str(" — ");
        s.push_str(self.name);
        s.push_str(": đề xuất, chưa có hiệu lực — kiểm tra ngày ");
        s.push_str(&self.checked.dmy());
        s.push_str(" (");
        s.push_str(self.basis);
        s.push_str("). Không tính là ngày nghỉ.");
        s
    }
}

/// The proposals to show for `year` under `codes`: those not enacted by the code in force on
/// their day.
pub(crate) fn proposals_in(
    codes: &[&'static LabourCode],
    proposals: &'static [Proposal],
    year: i32,
) -> Vec<&'static Proposal> {
    proposals
        .iter()
        .filter(|p| year >= p.from_year)
        .filter(|p| {
            let on = Date::ymd(year, p.month, p.day);
            let code = code_in(codes, on);
            !code.occasions.iter().any(|o| {
                year >= o.since
                    && matches!(o.rule, Rule::Solar(days) if days.iter().any(|&(m, d, _)| m == p.month && d == p.day))
            })
        })
        .collect()
}

/// The proposals to show for `year`.
pub fn proposals(year: i32) -> Vec<&'static Proposal> {
    proposals_in(&CODES, PROPOSALS, year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_by_date_labour_code_2012_from_1_may_2013_and_2019_from_1_january_2021() {
        assert_eq!(code_on(Date::ymd(2013, 2, 10)).id, "blld-1994");
        assert_eq!(code_on(Date::ymd(2013, 4, 30)).id, "blld-1994");
        assert_eq!(code_on(Date::ymd(2013, 5, 1)).id, "blld-2012");
        assert_eq!(code_on(Date::ymd(2020, 12, 31)).id, "blld-2012");
        assert_eq!(code_on(Date::ymd(2021, 1, 1)).id, "blld-2019");
    }

    static CULTURE: Occasion = Occasion {
        id: "culture_day",
        name: "Ngày Văn hóa Việt Nam",
        short: "Ngày Văn hóa Việt Nam",
    };
    static ENACTED: LabourCode = LabourCode {
        id: "test-enacted",
        name: "test",
        number: "test",
        from: Some(Date::ymd(2027, 1, 1)),
        occasions: &[OccasionRule {
            occasion: CULTURE,
            rule: Rule::Solar(&[(11, 24, "Ngày Văn hóa Việt Nam (24/11)")]),
            article: "test",
            since: 2027,
        }],
        compensatory_article: "test",
        schedule_article: None,
        tet_compensation: TetCompensation::After,
    };

    #[test]
    fn proposal_note_nghi_quyet_80_is_dated_and_disappears_once_enacted() {
        let shown = proposals(2026);
        assert_eq!(shown.len(), 1);
        let note = shown[0].note();
        assert!(
            note.starts_with(
                "24/11 — Ngày Văn hóa Việt Nam: đề xuất, chưa có hiệu lực — kiểm tra ngày 04/12/2026"
            ),
            "{note}"
        );
        assert!(proposals(2025).is_empty());
        // A code that has the day (one added line) stops the note for its years.
        let codes = [&BLLD_1994, &BLLD_2012, &BLLD_2019, &ENACTED];
        assert_eq!(proposals_in(&codes, PROPOSALS, 2026).len(), 1);
        assert!(proposals_in(&codes, PROPOSALS, 2027).is_empty());
    }
}
