//! The official schedules of 2013–2026 for state agencies (cán bộ, công chức, viên chức), as
//! data: every occasion of every year, each with the text that decides it.
//!
//! - An occasion the Prime Minister arranged (Tết, swaps, from 2021 the Quốc khánh adjacent day)
//!   cites the Văn phòng Chính phủ dispatch or the ministry's announcement. Where only a
//!   report of it was found, the source says so and names the report.
//! - An occasion with nothing to decide (a fixed holiday, its compensatory day) cites the
//!   Labour Code in force; no swap was made for it in that year's schedule.
//!
//! Each entry lists every holiday (also on a weekend), compensatory day, moved day off and
//! worked Saturday; plain weekend days inside a break are not listed (they are weekly rest
//! anyway). Dates may lie in a neighbouring year (the 2013 New Year moved 31/12/2012 off).
//! Every other year is estimated from the law (see [`super::law`]) and marked so.
use super::DayKind;
use crate::core::date::Date;

/// One occasion's official arrangement in one year.
#[derive(Debug, Clone, Copy)]
pub struct OfficialOccasion {
    /// Year of the occasion.
    pub year: i32,
    /// Occasion id ([`super::Occasion::id`]).
    pub occasion: &'static str,
    /// Where it comes from.
    pub source: &'static str,
    /// Every listed day and its kind.
    pub days: &'static [(Date, DayKind)],
}

use DayKind::{Compensatory as C, Holiday as H, MovedDayOff as M, WorkedSaturday as W};

const fn d(y: i32, m: u8, dd: u8) -> Date {
    Date::ymd(y, m, dd)
}

/// First and last year with every occasion encoded.
pub const FIRST_OFFICIAL_YEAR: i32 = 2013;
/// See [`FIRST_OFFICIAL_YEAR`].
pub const LAST_OFFICIAL_YEAR: i32 = 2026;

const LAW_1994: &str = "Bộ luật Lao động 1994, Điều 73 (sửa đổi bởi Luật số 84/2007/QH11): ngày lễ cố định, không có hoán đổi trong năm";
const LAW_2012: &str = "Bộ luật Lao động 2012, Điều 115 khoản 1 (ngày lễ) và khoản 3 (nghỉ bù ngày lễ trùng ngày nghỉ hằng tuần): ngày cố định theo luật, không có hoán đổi trong năm";
const LAW_2019: &str = "Bộ luật Lao động 2019, Điều 112 khoản 1 (ngày lễ) và Điều 111 khoản 3 (nghỉ bù ngày lễ trùng ngày nghỉ hằng tuần): ngày cố định theo luật, không có hoán đổi trong năm";

const VPCP_9570: &str = "Công văn số 9570/VPCP-KGVX ngày 23/11/2012 của Văn phòng Chính phủ (Thủ tướng đồng ý Tờ trình 72/TTr-LĐTBXH ngày 08/11/2012) về hoán đổi ngày nghỉ hằng tuần dịp lễ, tết năm 2013";
const VPCP_10525: &str = "Công văn số 10525/VPCP-KGVX ngày 12/12/2013 của Văn phòng Chính phủ về nghỉ Tết Âm lịch và hoán đổi ngày nghỉ hằng tuần vào dịp nghỉ lễ năm 2014 (theo Tờ trình 89/TTr-LĐTBXH ngày 21/11/2013)";
const TB_2015: &str = "Thủ tướng Chính phủ đồng ý ngày 01/12/2014 đề nghị tại Tờ trình 89/TTr-LĐTBXH ngày 20/11/2014 của Bộ Lao động - Thương binh và Xã hội về nghỉ Tết Âm lịch và hoán đổi ngày nghỉ hằng tuần năm 2015; thông báo của Bộ (số hiệu thông báo chưa xác minh)";
const TB_4659: &str = "Thông báo số 4659/TB-LĐTBXH ngày 13/11/2015 của Bộ Lao động - Thương binh và Xã hội về nghỉ lễ, tết năm 2016: Tết từ 06/02 đến hết 14/02/2016, các ngày 07/02–11/02 là ngày lễ, không hoán đổi";
const VPCP_9794: &str = "Công văn số 9794/VPCP-KGVX ngày 14/11/2016 của Văn phòng Chính phủ; thông báo của Bộ Lao động - Thương binh và Xã hội ngày 24/11/2016: nghỉ Tết 26/01–30/01/2017, nghỉ bù 31/01 và 01/02/2017";
const TB_573: &str = "Thông báo số 573/TB-VPCP ngày 14/12/2017 của Văn phòng Chính phủ về nghỉ Tết và các ngày lễ năm 2018";
const VPCP_6519: &str = "Công văn số 6519/VPCP-KGVX ngày 11/7/2018 của Văn phòng Chính phủ về nghỉ lễ, tết năm 2019 đối với cán bộ, công chức, viên chức (Bộ LĐTBXH thông báo tại Thông báo 3238/TB-LĐTBXH)";
const TB_4544: &str = "Thông báo số 4544/TB-LĐTBXH ngày 25/10/2019 của Bộ Lao động - Thương binh và Xã hội: nghỉ Tết từ 23/01 đến hết 29/01/2020, nghỉ bù 28/01 và 29/01 cho mùng 1, mùng 2 trùng thứ Bảy, Chủ nhật";
const VPCP_9895: &str = "Công văn số 9895/VPCP-KGVX ngày 26/11/2020 của Văn phòng Chính phủ về nghỉ Tết Âm lịch và Quốc khánh năm 2021 (nghỉ Tết 10/02–16/02/2021; Quốc khánh 02/9–05/9/2021)";
const VPCP_245: &str = "Công văn số 245/VPCP-KGVX ngày 11/01/2022 của Văn phòng Chính phủ về nghỉ Tết Nguyên đán và Quốc khánh năm 2022 (Tết 31/01–04/02/2022; Quốc khánh 01/9–02/9/2022)";
const VPCP_8056: &str = "Công văn số 8056/VPCP-KGVX ngày 01/12/2022 của Văn phòng Chính phủ về nghỉ Tết Âm lịch và nghỉ lễ Quốc khánh năm 2023 (Tết 20/01–26/01/2023: 5 ngày Tết và 2 ngày nghỉ bù; Quốc khánh 01/9–04/9/2023)";
const TB_2024: &str = "Thông báo của Bộ Lao động - Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2024 (Chinhphu.vn đưa tin; số hiệu chưa xác minh): Tết từ thứ Năm 08/02 đến hết thứ Tư 14/02/2024, gồm 5 ngày Tết và 2 ngày nghỉ bù theo khoản 3 Điều 111; Quốc khánh 02/9 và 03/9/2024";
const VPCP_2450: &str = "Công văn số 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ: hoán đổi ngày làm việc thứ Hai 29/4 sang thứ Bảy 04/5/2024; nghỉ liên tục từ thứ Bảy 27/4 đến hết thứ Tư 01/5/2024";
const VPCP_8726: &str = "Văn bản số 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ về nghỉ Tết Âm lịch và một số dịp nghỉ lễ năm 2025; Thông báo 6150/TB-BLĐTBXH: Tết từ thứ Bảy 25/01 đến hết Chủ nhật 02/02/2025, gồm 5 ngày Tết và 4 ngày nghỉ hằng tuần";
const TB_2025_APRIL: &str = "Phương án năm 2025 Thủ tướng Chính phủ đồng ý (Văn bản 8726/VPCP-KGVX ngày 26/11/2024, các dịp nghỉ lễ năm 2025) theo đề xuất của Bộ Lao động - Thương binh và Xã hội: hoán đổi ngày làm việc thứ Sáu 02/5 sang thứ Bảy 26/4/2025; nghỉ từ 30/4 đến hết 04/5/2025 (nguyên văn đoạn này chưa đối chiếu)";
const TB_2025_SEPT: &str = "Lịch nghỉ Quốc khánh năm 2025 theo thông báo của Bộ Lao động - Thương binh và Xã hội (Văn bản 8726/VPCP-KGVX, các dịp nghỉ lễ năm 2025): nghỉ từ thứ Bảy 30/8 đến hết thứ Ba 02/9/2025, ngày liền kề trước là thứ Hai 01/9";
const VPCP_12729: &str = "Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (Phó Thủ tướng Phạm Thị Thanh Trà đồng ý đề xuất của Bộ Nội vụ): nghỉ từ thứ Năm 01/01 đến hết Chủ nhật 04/01/2026; hoán đổi ngày làm việc thứ Sáu 02/01 sang thứ Bảy 10/01/2026";
const TET_2026: &str = "Văn bản của Văn phòng Chính phủ ngày 13/10/2025 truyền đạt ý kiến Thủ tướng đồng ý đề xuất của Bộ Nội vụ về nghỉ Tết Âm lịch và Quốc khánh năm 2026 (số hiệu chưa xác minh; Thanh Niên, Kiến Thức 13/10/2025 đưa tin). Tết từ thứ Bảy 14/02 (27 tháng Chạp) đến hết Chủ nhật 22/02/2026 (mùng 6 tháng Giêng): 5 ngày Tết và 4 ngày nghỉ hằng tuần";
const SEPT_2026: &str = "Văn bản của Văn phòng Chính phủ ngày 13/10/2025 truyền đạt ý kiến Thủ tướng đồng ý đề xuất của Bộ Nội vụ về nghỉ Tết Âm lịch và Quốc khánh năm 2026 (số hiệu chưa xác minh; Thanh Niên, Kiến Thức 13/10/2025 đưa tin). Quốc khánh 2026: nghỉ 02/9 và ngày liền kề trước 01/9; hoán đổi ngày làm việc thứ Hai 31/8 sang thứ Bảy 22/8/2026; nghỉ từ thứ Bảy 29/8 đến hết thứ Tư 02/9/2026";

macro_rules! occ {
    ($year:expr, $occ:expr, $src:expr, [$($y:expr, $m:expr, $d:expr, $k:expr);* $(;)?]) => {
        OfficialOccasion {
            year: $year,
            occasion: $occ,
            source: $src,
            days: &[$((d($y, $m, $d), $k)),*],
        }
    };
}

/// The encoded official schedules, by year then occasion.
pub static OFFICIAL: &[OfficialOccasion] = &[
    // 2013: Tết Dương lịch, Tết Âm lịch and Giỗ Tổ under the 1994 code (4 Tết days); 30/4 on.
    occ!(2013, "new_year", VPCP_9570, [2012, 12, 31, M; 2013, 1, 1, H; 2013, 1, 5, W]),
    occ!(2013, "tet", VPCP_9570, [
        2013, 2, 9, H; 2013, 2, 10, H; 2013, 2, 11, H; 2013, 2, 12, H;
        2013, 2, 13, C; 2013, 2, 14, C; 2013, 2, 15, M; 2013, 2, 23, W
    ]),
    occ!(2013, "hung_kings", LAW_1994, [2013, 4, 19, H]),
    occ!(2013, "april_may", VPCP_9570, [2013, 4, 29, M; 2013, 4, 30, H; 2013, 5, 1, H; 2013, 5, 4, W]),
    occ!(2013, "national_day", LAW_2012, [2013, 9, 2, H]),
    // 2014
    occ!(2014, "new_year", LAW_2012, [2014, 1, 1, H]),
    occ!(2014, "tet", VPCP_10525, [
        2014, 1, 25, W; 2014, 1, 28, M; 2014, 1, 29, M; 2014, 1, 30, H; 2014, 1, 31, H;
        2014, 2, 1, H; 2014, 2, 2, H; 2014, 2, 3, H; 2014, 2, 4, C; 2014, 2, 5, C; 2014, 2, 8, W
    ]),
    occ!(2014, "hung_kings", LAW_2012, [2014, 4, 9, H]),
    occ!(2014, "april_may", VPCP_10525, [2014, 4, 26, W; 2014, 4, 30, H; 2014, 5, 1, H; 2014, 5, 2, M]),
    occ!(2014, "national_day", VPCP_10525, [2014, 9, 1, M; 2014, 9, 2, H; 2014, 9, 6, W]),
    // 2015
    occ!(2015, "new_year", TB_2015, [2014, 12, 27, W; 2015, 1, 1, H; 2015, 1, 2, M]),
    occ!(2015, "tet", TB_2015, [
        2015, 2, 14, W; 2015, 2, 16, M; 2015, 2, 17, H; 2015, 2, 18, H; 2015, 2, 19, H;
        2015, 2, 20, H; 2015, 2, 21, H; 2015, 2, 23, C
    ]),
    occ!(2015, "hung_kings", LAW_2012, [2015, 4, 28, H]),
    occ!(2015, "april_may", TB_2015, [2015, 4, 25, W; 2015, 4, 29, M; 2015, 4, 30, H; 2015, 5, 1, H]),
    occ!(2015, "national_day", LAW_2012, [2015, 9, 2, H]),
    // 2016: no swap in the year (Bộ LĐTBXH).
    occ!(2016, "new_year", LAW_2012, [2016, 1, 1, H]),
    occ!(2016, "tet", TB_4659, [
        2016, 2, 7, H; 2016, 2, 8, H; 2016, 2, 9, H; 2016, 2, 10, H; 2016, 2, 11, H; 2016, 2, 12, C
    ]),
    occ!(2016, "hung_kings", LAW_2012, [2016, 4, 16, H; 2016, 4, 18, C]),
    occ!(2016, "april_may", LAW_2012, [2016, 4, 30, H; 2016, 5, 1, H; 2016, 5, 2, C; 2016, 5, 3, C]),
    occ!(2016, "national_day", LAW_2012, [2016, 9, 2, H]),
    // 2017
    occ!(2017, "new_year", LAW_2012, [2017, 1, 1, H; 2017, 1, 2, C]),
    occ!(2017, "tet", VPCP_9794, [
        2017, 1, 26, H; 2017, 1, 27, H; 2017, 1, 28, H; 2017, 1, 29, H; 2017, 1, 30, H;
        2017, 1, 31, C; 2017, 2, 1, C
    ]),
    occ!(2017, "hung_kings", LAW_2012, [2017, 4, 6, H]),
    occ!(2017, "april_may", LAW_2012, [2017, 4, 30, H; 2017, 5, 1, H; 2017, 5, 2, C]),
    occ!(2017, "national_day", LAW_2012, [2017, 9, 2, H; 2017, 9, 4, C]),
    // 2018
    occ!(2018, "new_year", LAW_2012, [2018, 1, 1, H]),
    occ!(2018, "tet", TB_573, [
        2018, 2, 14, H; 2018, 2, 15, H; 2018, 2, 16, H; 2018, 2, 17, H; 2018, 2, 18, H;
        2018, 2, 19, C; 2018, 2, 20, C
    ]),
    occ!(2018, "hung_kings", LAW_2012, [2018, 4, 25, H]),
    occ!(2018, "april_may", LAW_2012, [2018, 4, 30, H; 2018, 5, 1, H]),
    occ!(2018, "national_day", TB_573, [2018, 9, 2, H; 2018, 9, 3, C]),
    // 2019
    occ!(2019, "new_year", VPCP_6519, [2018, 12, 31, M; 2019, 1, 1, H; 2019, 1, 5, W]),
    occ!(2019, "tet", VPCP_6519, [
        2019, 2, 4, H; 2019, 2, 5, H; 2019, 2, 6, H; 2019, 2, 7, H; 2019, 2, 8, H
    ]),
    occ!(2019, "hung_kings", LAW_2012, [2019, 4, 14, H; 2019, 4, 15, C]),
    occ!(2019, "april_may", VPCP_6519, [2019, 4, 29, M; 2019, 4, 30, H; 2019, 5, 1, H; 2019, 5, 4, W]),
    occ!(2019, "national_day", LAW_2012, [2019, 9, 2, H]),
    // 2020
    occ!(2020, "new_year", LAW_2012, [2020, 1, 1, H]),
    occ!(2020, "tet", TB_4544, [
        2020, 1, 23, H; 2020, 1, 24, H; 2020, 1, 25, H; 2020, 1, 26, H; 2020, 1, 27, H;
        2020, 1, 28, C; 2020, 1, 29, C
    ]),
    occ!(2020, "hung_kings", LAW_2012, [2020, 4, 2, H]),
    occ!(2020, "april_may", LAW_2012, [2020, 4, 30, H; 2020, 5, 1, H]),
    occ!(2020, "national_day", LAW_2012, [2020, 9, 2, H]),
    // 2021: the 2019 code (Quốc khánh 2 days).
    occ!(2021, "new_year", LAW_2019, [2021, 1, 1, H]),
    occ!(2021, "tet", VPCP_9895, [
        2021, 2, 10, H; 2021, 2, 11, H; 2021, 2, 12, H; 2021, 2, 13, H; 2021, 2, 14, H;
        2021, 2, 15, C; 2021, 2, 16, C
    ]),
    occ!(2021, "hung_kings", LAW_2019, [2021, 4, 21, H]),
    occ!(2021, "april_may", LAW_2019, [2021, 4, 30, H; 2021, 5, 1, H; 2021, 5, 3, C]),
    occ!(2021, "national_day", VPCP_9895, [2021, 9, 2, H; 2021, 9, 3, H]),
    // 2022
    occ!(2022, "new_year", LAW_2019, [2022, 1, 1, H; 2022, 1, 3, C]),
    occ!(2022, "tet", VPCP_245, [
        2022, 1, 31, H; 2022, 2, 1, H; 2022, 2, 2, H; 2022, 2, 3, H; 2022, 2, 4, H
    ]),
    occ!(2022, "hung_kings", LAW_2019, [2022, 4, 10, H; 2022, 4, 11, C]),
    occ!(2022, "april_may", LAW_2019, [2022, 4, 30, H; 2022, 5, 1, H; 2022, 5, 2, C; 2022, 5, 3, C]),
    occ!(2022, "national_day", VPCP_245, [2022, 9, 1, H; 2022, 9, 2, H]),
    // 2023
    occ!(2023, "new_year", LAW_2019, [2023, 1, 1, H; 2023, 1, 2, C]),
    occ!(2023, "tet", VPCP_8056, [
        2023, 1, 20, H; 2023, 1, 21, H; 2023, 1, 22, H; 2023, 1, 23, H; 2023, 1, 24, H;
        2023, 1, 25, C; 2023, 1, 26, C
    ]),
    // Giỗ Tổ (Saturday 29/4) and 30/4 (Sunday): compensatory days 2/5 and 3/5.
    occ!(2023, "hung_kings", LAW_2019, [2023, 4, 29, H; 2023, 5, 2, C]),
    occ!(2023, "april_may", LAW_2019, [2023, 4, 30, H; 2023, 5, 1, H; 2023, 5, 3, C]),
    occ!(2023, "national_day", VPCP_8056, [2023, 9, 1, H; 2023, 9, 2, H; 2023, 9, 4, C]),
    // 2024
    occ!(2024, "new_year", LAW_2019, [2024, 1, 1, H]),
    occ!(2024, "tet", TB_2024, [
        2024, 2, 8, H; 2024, 2, 9, H; 2024, 2, 10, H; 2024, 2, 11, H; 2024, 2, 12, H;
        2024, 2, 13, C; 2024, 2, 14, C
    ]),
    occ!(2024, "hung_kings", LAW_2019, [2024, 4, 18, H]),
    occ!(2024, "april_may", VPCP_2450, [2024, 4, 29, M; 2024, 4, 30, H; 2024, 5, 1, H; 2024, 5, 4, W]),
    occ!(2024, "national_day", TB_2024, [2024, 9, 2, H; 2024, 9, 3, H]),
    // 2025
    occ!(2025, "new_year", LAW_2019, [2025, 1, 1, H]),
    occ!(2025, "tet", VPCP_8726, [
        2025, 1, 27, H; 2025, 1, 28, H; 2025, 1, 29, H; 2025, 1, 30, H; 2025, 1, 31, H
    ]),
    occ!(2025, "hung_kings", LAW_2019, [2025, 4, 7, H]),
    occ!(2025, "april_may", TB_2025_APRIL, [2025, 4, 26, W; 2025, 4, 30, H; 2025, 5, 1, H; 2025, 5, 2, M]),
    occ!(2025, "national_day", TB_2025_SEPT, [2025, 9, 1, H; 2025, 9, 2, H]),
    // 2026
    occ!(2026, "new_year", VPCP_12729, [2026, 1, 1, H; 2026, 1, 2, M; 2026, 1, 10, W]),
    occ!(2026, "tet", TET_2026, [
        2026, 2, 16, H; 2026, 2, 17, H; 2026, 2, 18, H; 2026, 2, 19, H; 2026, 2, 20, H
    ]),
    occ!(2026, "hung_kings", LAW_2019, [2026, 4, 26, H; 2026, 4, 27, C]),
    occ!(2026, "april_may", LAW_2019, [2026, 4, 30, H; 2026, 5, 1, H]),
    occ!(2026, "national_day", SEPT_2026, [
        2026, 8, 22, W; 2026, 8, 31, M; 2026, 9, 1, H; 2026, 9, 2, H
    ]),
];

/// The official arrangement of `occasion` in `year`, if encoded.
pub fn find(year: i32, occasion: &str) -> Option<&'static OfficialOccasion> {
    OFFICIAL
        .iter()
        .find(|o| o.year == year && o.occasion == occasion)
}
