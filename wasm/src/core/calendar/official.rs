//! Official per-year holiday schedules for state agencies (cán bộ, công chức, viên chức), as
//! data. Only arrangements confirmed from published announcements are here; every other
//! year/occasion is computed from the Labour Code and marked `estimated`.
//!
//! Each entry replaces the computed days of one occasion of one year. Holidays are listed even on a
//! weekend; plain weekend days inside a break are not (they are weekly rest anyway).
use super::{DayKind, Occasion};

/// One occasion's official arrangement.
#[derive(Debug, Clone, Copy)]
pub struct OfficialOccasion {
    /// Year.
    pub year: i32,
    /// Occasion.
    pub occasion: Occasion,
    /// Where it comes from.
    pub source: &'static str,
    /// (month, day, kind) of every non-weekend day off and every worked Saturday.
    pub days: &'static [(u8, u8, DayKind)],
}

use DayKind::{Compensatory as C, Holiday as H, MovedDayOff as M, WorkedSaturday as W};

/// The encoded official schedules.
pub static OFFICIAL: &[OfficialOccasion] = &[
    OfficialOccasion {
        year: 2024,
        occasion: Occasion::Tet,
        source: "Thông báo của Bộ Lao động - Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2024 (Chinhphu.vn đưa tin): nghỉ từ thứ Năm 08/02 đến hết thứ Tư 14/02/2024, gồm 5 ngày Tết và 2 ngày nghỉ bù theo khoản 3 Điều 111 Bộ luật Lao động",
        days: &[
            (2, 8, H),
            (2, 9, H),
            (2, 10, H),
            (2, 11, H),
            (2, 12, H),
            (2, 13, C),
            (2, 14, C),
        ],
    },
    OfficialOccasion {
        year: 2024,
        occasion: Occasion::AprilMay,
        source: "Công văn số 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ: hoán đổi ngày làm việc thứ Hai 29/4 sang thứ Bảy 04/5/2024; nghỉ liên tục từ thứ Bảy 27/4 đến hết thứ Tư 01/5/2024",
        days: &[(4, 29, M), (4, 30, H), (5, 1, H), (5, 4, W)],
    },
    OfficialOccasion {
        year: 2024,
        occasion: Occasion::NationalDay,
        source: "Thông báo của Bộ Lao động - Thương binh và Xã hội về lịch nghỉ Tết Âm lịch và Quốc khánh năm 2024: nghỉ Quốc khánh từ thứ Bảy 31/8 đến hết thứ Ba 03/9/2024 (ngày 2/9 và ngày liền kề sau 3/9)",
        days: &[(9, 2, H), (9, 3, H)],
    },
    OfficialOccasion {
        year: 2025,
        occasion: Occasion::Tet,
        source: "Thông báo của Bộ Lao động - Thương binh và Xã hội về lịch nghỉ Tết Âm lịch năm 2025 (Thủ tướng đồng ý): nghỉ từ thứ Bảy 25/01 đến hết Chủ nhật 02/02/2025, gồm 5 ngày Tết và 4 ngày nghỉ hằng tuần",
        days: &[(1, 27, H), (1, 28, H), (1, 29, H), (1, 30, H), (1, 31, H)],
    },
    OfficialOccasion {
        year: 2025,
        occasion: Occasion::AprilMay,
        source: "Thủ tướng Chính phủ đồng ý đề xuất của Bộ Lao động - Thương binh và Xã hội (nay là Bộ Nội vụ), 2025: hoán đổi ngày làm việc thứ Sáu 02/5 sang thứ Bảy 26/4/2025; nghỉ từ 30/4 đến hết 04/5/2025",
        days: &[(4, 26, W), (4, 30, H), (5, 1, H), (5, 2, M)],
    },
    OfficialOccasion {
        year: 2025,
        occasion: Occasion::NationalDay,
        source: "Lịch nghỉ Quốc khánh năm 2025 theo thông báo của Bộ Lao động - Thương binh và Xã hội: nghỉ từ thứ Bảy 30/8 đến hết thứ Ba 02/9/2025 (ngày liền kề trước: thứ Hai 01/9)",
        days: &[(9, 1, H), (9, 2, H)],
    },
    OfficialOccasion {
        year: 2026,
        occasion: Occasion::Tet,
        source: "Phương án nghỉ Tết Âm lịch năm 2026 do Bộ Nội vụ trình, Thủ tướng Chính phủ đồng ý: công chức, viên chức nghỉ từ thứ Bảy 14/02 (27 tháng Chạp) đến hết Chủ nhật 22/02/2026 (mùng 6 tháng Giêng), 9 ngày liên tục",
        days: &[(2, 16, H), (2, 17, H), (2, 18, H), (2, 19, H), (2, 20, H)],
    },
    OfficialOccasion {
        year: 2026,
        occasion: Occasion::HungKings,
        source: "Giỗ Tổ Hùng Vương 2026 rơi vào Chủ nhật 26/4; nghỉ bù thứ Hai 27/4/2026 (khoản 3 Điều 111 Bộ luật Lao động; Thanh Niên, 23/02/2026)",
        days: &[(4, 26, H), (4, 27, C)],
    },
    OfficialOccasion {
        year: 2026,
        occasion: Occasion::AprilMay,
        source: "Lịch nghỉ 30/4 và 1/5/2026 (thứ Năm, thứ Sáu), không hoán đổi: nghỉ từ 30/4 đến hết 03/5/2026 (Thanh Niên, 23/02/2026)",
        days: &[(4, 30, H), (5, 1, H)],
    },
];
