//! Circular 09/2012/TT-BYT (Bộ Y tế, 24/5/2012), Mục 4 and Mục 5 (Điều 13–26), as data.
//! Source: `docs/seeds/002_…` (verbatim copy of the seed). Replaced by Circular 07/2023/TT-BYT (in force 01/06/2023).
use super::*;

const fn md(month: u8, day: u8) -> MonthDay {
    MonthDay { month, day }
}

// ---- Units (Điều 22–26) ----------------------------------------------------------------

/// Trạm Y tế xã.
pub const TRAM_Y_TE_XA: Unit = Unit {
    id: "tram_y_te_xa",
    name: "Trạm Y tế xã",
    level: Level::Xa,
};
/// Private clinics of the commune.
pub const CO_SO_TU_NHAN: Unit = Unit {
    id: "co_so_tu_nhan",
    name: "Cơ sở khám bệnh, chữa bệnh tư nhân trên địa bàn",
    level: Level::Xa,
};
/// Independent district hospital.
pub const BENH_VIEN_HUYEN: Unit = Unit {
    id: "benh_vien_huyen",
    name: "Bệnh viện huyện (huyện có bệnh viện huyện độc lập)",
    level: Level::Huyen,
};
/// HIV/AIDS outpatient clinic.
pub const PHONG_KHAM_NGOAI_TRU: Unit = Unit {
    id: "phong_kham_ngoai_tru",
    name: "Phòng khám ngoại trú HIV/AIDS",
    level: Level::Huyen,
};
/// Voluntary counselling and testing.
pub const TU_VAN_XET_NGHIEM: Unit = Unit {
    id: "tu_van_xet_nghiem",
    name: "Phòng tư vấn, xét nghiệm HIV tự nguyện",
    level: Level::Huyen,
};
/// District preventive-medicine focal unit (Điều 22 khoản 3 điểm d).
pub const YTDP_HUYEN: Unit = Unit {
    id: "ytdp_huyen",
    name: "Đơn vị đầu mối về y tế dự phòng huyện",
    level: Level::Huyen,
};
/// Provincial public health facilities.
pub const CO_SO_TINH: Unit = Unit {
    id: "co_so_tinh",
    name: "Các cơ sở y tế nhà nước tuyến tỉnh",
    level: Level::Tinh,
};
/// Ministry institutes and hospitals located in the province, as Điều 23 khoản 3 điểm a names
/// them among the senders of tuyến tỉnh.
pub const VIEN_BV_BO_DIA_BAN: Unit = Unit {
    id: "vien_bv_bo",
    name: "Các viện, bệnh viện trực thuộc Bộ Y tế đóng trên địa bàn tỉnh",
    level: Level::Tinh,
};
/// The same institutes and hospitals as Điều 25 khoản 5 names them (without the qualifier).
/// One unit id, one level: Điều 23 khoản 3 places them at tuyến tỉnh and Điều 25 khoản 5 gives
/// no tier, so their Điều 25 khoản 5 report is at tuyến tỉnh too (`--unit tinh` lists it).
pub const VIEN_BV_BO: Unit = Unit {
    id: "vien_bv_bo",
    name: "Các viện, bệnh viện trực thuộc Bộ Y tế",
    level: Level::Tinh,
};
/// Sector health units.
pub const Y_TE_NGANH: Unit = Unit {
    id: "y_te_nganh",
    name: "Đơn vị y tế ngành đóng trên địa bàn tỉnh",
    level: Level::Tinh,
};
/// Provincial HIV/AIDS focal unit.
pub const HIV_TINH: Unit = Unit {
    id: "hiv_tinh",
    name: "Đơn vị đầu mối về phòng, chống HIV/AIDS tỉnh",
    level: Level::Tinh,
};
/// Provincial dermatology focal unit.
pub const DA_LIEU_TINH: Unit = Unit {
    id: "da_lieu_tinh",
    name: "Đơn vị đầu mối về da liễu tỉnh",
    level: Level::Tinh,
};
/// HIV/AIDS focal unit of another province (where the person lives).
pub const HIV_TINH_KHAC: Unit = Unit {
    id: "hiv_tinh_khac",
    name: "Cơ quan đầu mối về phòng, chống HIV/AIDS tuyến tỉnh nơi người nhiễm HIV cư trú",
    level: Level::Tinh,
};
/// National and regional institutes.
pub const VIEN_KHU_VUC: Unit = Unit {
    id: "vien_khu_vuc",
    name: "Viện Vệ sinh dịch tễ trung ương, Viện Pasteur Nha Trang, Viện Pasteur thành phố Hồ Chí Minh, Viện Vệ sinh dịch tễ Tây Nguyên",
    level: Level::TrungUong,
};
/// National Institute of Hygiene and Epidemiology.
pub const VIEN_VSDT_TU: Unit = Unit {
    id: "vien_vsdt_tu",
    name: "Viện Vệ sinh dịch tễ trung ương",
    level: Level::TrungUong,
};
/// Regional institute.
pub const VIEN_KHU_VUC_PHU_TRACH: Unit = Unit {
    id: "vien_khu_vuc_phu_trach",
    name: "Viện khu vực",
    level: Level::TrungUong,
};
/// National Hospital of Dermatology.
pub const BV_DA_LIEU_TU: Unit = Unit {
    id: "bv_da_lieu_tu",
    name: "Bệnh viện Da liễu trung ương",
    level: Level::TrungUong,
};
/// VAAC.
pub const CUC_AIDS: Unit = Unit {
    id: "cuc_aids",
    name: "Cục Phòng, chống HIV/AIDS - Bộ Y tế",
    level: Level::TrungUong,
};
/// Online reporting system (receiver of Điều 23 khoản 4–5).
pub const HE_THONG_TRUC_TUYEN: Unit = Unit {
    id: "he_thong_truc_tuyen",
    name: "Hệ thống báo cáo trực tuyến (theo hướng dẫn của Bộ Y tế)",
    level: Level::TrungUong,
};

// ---- Groups (Điều 14–18) ----------------------------------------------------------------

const RANGE_150_300: SampleRange = SampleRange { min: 150, max: 300 };
const FIXED_400: SampleRange = SampleRange { min: 400, max: 400 };
const BLOOD: &[Specimen] = &[Specimen::Blood];
const PERIOD: Period = Period {
    start: Some(md(6, 1)),
    end: md(9, 30),
};
const PERIOD_RECRUITS: Period = Period {
    start: None,
    end: md(12, 31),
};

/// The groups of Điều 14 khoản 1 with their rules.
pub static GROUPS: [GroupRule; 9] = [
    GroupRule {
        id: GroupId::Idu,
        name: "Nam nghiện chích ma túy",
        article: "Điều 14 khoản 1 điểm a",
        sample_size: Cited {
            value: RANGE_150_300,
            article: "Điều 18 khoản 1 điểm a",
        },
        method: Cited {
            value: Method::DistrictProportional,
            article: "Điều 18 khoản 1 điểm b",
        },
        site_kind: Cited {
            value: SiteKind::Commune,
            article: "Điều 18 khoản 1 điểm b",
        },
        max_districts: Some(Cited {
            value: 5,
            article: "Điều 16 khoản 1",
        }),
        district_choice: DistrictChoice::Largest {
            of: "số người nghiện chích ma túy trong cộng đồng",
        },
        area_kinds: None,
        conditions: &[],
        eligibility: Cited {
            value: &[
                "Có ít nhất một lần tiêm chích ma túy trong 1 tháng trước thời điểm thu thập mẫu.",
            ],
            article: "Điều 17 khoản 2 điểm a",
        },
        specimens: Cited {
            value: Specimens {
                always: BLOOD,
                with_sti_surveillance: &[],
            },
            article: "Điều 18 khoản 1 điểm c",
        },
        stis: &[Cited {
            value: Disease::Syphilis,
            article: "Điều 14 khoản 2 điểm a",
        }],
        period: Cited {
            value: PERIOD,
            article: "Điều 15 khoản 1",
        },
    },
    GroupRule {
        id: GroupId::Fsw,
        name: "Phụ nữ bán dâm",
        article: "Điều 14 khoản 1 điểm b",
        sample_size: Cited {
            value: RANGE_150_300,
            article: "Điều 18 khoản 2 điểm a",
        },
        method: Cited {
            value: Method::DistrictProportional,
            article: "Điều 18 khoản 2 điểm b",
        },
        site_kind: Cited {
            value: SiteKind::Hotspot,
            article: "Điều 16 khoản 2",
        },
        max_districts: Some(Cited {
            value: 5,
            article: "Điều 16 khoản 2",
        }),
        district_choice: DistrictChoice::Largest {
            of: "số phụ nữ bán dâm trong cộng đồng",
        },
        area_kinds: None,
        conditions: &[],
        eligibility: Cited {
            value: &[
                "Đã từng bán dâm qua quan hệ tình dục bằng đường âm đạo hoặc hậu môn ít nhất một lần trong 1 tháng trước thời điểm thu thập mẫu tại địa bàn tỉnh.",
            ],
            article: "Điều 17 khoản 2 điểm b",
        },
        specimens: Cited {
            value: Specimens {
                always: BLOOD,
                with_sti_surveillance: &[Specimen::CervicalSwab, Specimen::VaginalSwab],
            },
            article: "Điều 18 khoản 2 điểm c",
        },
        stis: &[
            Cited {
                value: Disease::Syphilis,
                article: "Điều 14 khoản 2 điểm a",
            },
            Cited {
                value: Disease::Gonorrhoea,
                article: "Điều 14 khoản 2 điểm b",
            },
            Cited {
                value: Disease::Chlamydia,
                article: "Điều 14 khoản 2 điểm c",
            },
            Cited {
                value: Disease::Trichomonas,
                article: "Điều 14 khoản 2 điểm d",
            },
        ],
        period: Cited {
            value: PERIOD,
            article: "Điều 15 khoản 1",
        },
    },
    GroupRule {
        id: GroupId::StiMen,
        name: "Nam mắc các nhiễm trùng lây truyền qua đường tình dục",
        article: "Điều 14 khoản 1 điểm c",
        sample_size: Cited {
            value: RANGE_150_300,
            article: "Điều 18 khoản 3 điểm a",
        },
        method: Cited {
            value: Method::ConsecutiveAllClinics,
            article: "Điều 18 khoản 3 điểm b",
        },
        site_kind: Cited {
            value: SiteKind::StiClinic,
            article: "Điều 16 khoản 3",
        },
        max_districts: None,
        district_choice: DistrictChoice::Unspecified,
        area_kinds: None,
        conditions: &[],
        eligibility: Cited {
            value: &[
                "Đã được chẩn đoán mắc các nhiễm trùng lây truyền qua đường tình dục theo căn nguyên hoặc theo hội chứng.",
                "Hiện đang cư trú tại tỉnh.",
            ],
            article: "Điều 17 khoản 2 điểm c",
        },
        specimens: Cited {
            value: Specimens {
                always: BLOOD,
                with_sti_surveillance: &[Specimen::UrethralSwab],
            },
            article: "Điều 18 khoản 3 điểm c",
        },
        stis: &[
            Cited {
                value: Disease::Syphilis,
                article: "Điều 14 khoản 2 điểm a",
            },
            Cited {
                value: Disease::Gonorrhoea,
                article: "Điều 14 khoản 2 điểm b",
            },
            Cited {
                value: Disease::Chlamydia,
                article: "Điều 14 khoản 2 điểm c",
            },
        ],
        period: Cited {
            value: PERIOD,
            article: "Điều 15 khoản 1",
        },
    },
    GroupRule {
        id: GroupId::PregnantUrban,
        name: "Phụ nữ mang thai cư trú ở thành thị",
        article: "Điều 14 khoản 1 điểm d",
        sample_size: Cited {
            value: FIXED_400,
            article: "Điều 18 khoản 4 điểm a",
        },
        method: Cited {
            value: Method::ConsecutiveProvincialHospital,
            article: "Điều 18 khoản 4 điểm b",
        },
        site_kind: Cited {
            value: SiteKind::ProvincialHospital,
            article: "Điều 16 khoản 4 điểm a",
        },
        max_districts: None,
        district_choice: DistrictChoice::Unspecified,
        area_kinds: None,
        conditions: &[],
        eligibility: Cited {
            value: &[
                "Đang mang thai (không phân biệt phụ nữ đến nạo phá thai hoặc khám thai hoặc đến đẻ).",
                "Hiện đang cư trú tại tỉnh.",
            ],
            article: "Điều 17 khoản 2 điểm d",
        },
        specimens: Cited {
            value: Specimens {
                always: BLOOD,
                with_sti_surveillance: &[],
            },
            article: "Điều 18 khoản 4 điểm c",
        },
        stis: &[Cited {
            value: Disease::Syphilis,
            article: "Điều 14 khoản 2 điểm a",
        }],
        period: Cited {
            value: PERIOD,
            article: "Điều 15 khoản 1",
        },
    },
    GroupRule {
        id: GroupId::PregnantRural,
        name: "Phụ nữ mang thai cư trú ở nông thôn",
        article: "Điều 14 khoản 1 điểm d",
        sample_size: Cited {
            value: FIXED_400,
            article: "Điều 18 khoản 4 điểm a",
        },
        method: Cited {
            value: Method::ConsecutiveDistrictHospitals,
            article: "Điều 18 khoản 4 điểm b",
        },
        site_kind: Cited {
            value: SiteKind::DistrictHospital,
            article: "Điều 16 khoản 4 điểm b",
        },
        max_districts: Some(Cited {
            value: 5,
            article: "Điều 16 khoản 4 điểm b",
        }),
        district_choice: DistrictChoice::Largest { of: "số dân" },
        area_kinds: None,
        conditions: &[],
        eligibility: Cited {
            value: &[
                "Đang mang thai (không phân biệt phụ nữ đến nạo phá thai hoặc khám thai hoặc đến đẻ).",
                "Hiện đang cư trú tại tỉnh.",
            ],
            article: "Điều 17 khoản 2 điểm d",
        },
        specimens: Cited {
            value: Specimens {
                always: BLOOD,
                with_sti_surveillance: &[],
            },
            article: "Điều 18 khoản 4 điểm c",
        },
        stis: &[Cited {
            value: Disease::Syphilis,
            article: "Điều 14 khoản 2 điểm a",
        }],
        period: Cited {
            value: PERIOD,
            article: "Điều 15 khoản 1",
        },
    },
    GroupRule {
        id: GroupId::RecruitsUrban,
        name: "Nam thanh niên khám sơ tuyển nghĩa vụ quân sự cư trú ở thành thị",
        article: "Điều 14 khoản 1 điểm đ",
        sample_size: Cited {
            value: FIXED_400,
            article: "Điều 18 khoản 5 điểm a",
        },
        method: Cited {
            value: Method::RandomWards,
            article: "Điều 18 khoản 5 điểm b",
        },
        site_kind: Cited {
            value: SiteKind::Ward,
            article: "Điều 18 khoản 5 điểm b",
        },
        max_districts: Some(Cited {
            value: 5,
            article: "Điều 16 khoản 5 điểm a",
        }),
        district_choice: DistrictChoice::Unspecified,
        area_kinds: Some(Cited {
            value: &[AreaKind::Quan, AreaKind::ThiXa, AreaKind::ThanhPho],
            article: "Điều 16 khoản 5 điểm a",
        }),
        conditions: &[],
        eligibility: Cited {
            value: &["Nam thanh niên tham gia khám sơ tuyển nghĩa vụ quân sự tại địa phương."],
            article: "Điều 17 khoản 2 điểm đ",
        },
        specimens: Cited {
            value: Specimens {
                always: BLOOD,
                with_sti_surveillance: &[],
            },
            article: "Điều 18 khoản 5 điểm c",
        },
        stis: &[Cited {
            value: Disease::Syphilis,
            article: "Điều 14 khoản 2 điểm a",
        }],
        period: Cited {
            value: PERIOD_RECRUITS,
            article: "Điều 15 khoản 2",
        },
    },
    GroupRule {
        id: GroupId::RecruitsRural,
        name: "Nam thanh niên khám sơ tuyển nghĩa vụ quân sự cư trú ở nông thôn",
        article: "Điều 14 khoản 1 điểm đ",
        sample_size: Cited {
            value: FIXED_400,
            article: "Điều 18 khoản 5 điểm a",
        },
        method: Cited {
            value: Method::RandomWards,
            article: "Điều 18 khoản 5 điểm b",
        },
        site_kind: Cited {
            value: SiteKind::RuralCommune,
            article: "Điều 18 khoản 5 điểm b",
        },
        max_districts: Some(Cited {
            value: 5,
            article: "Điều 16 khoản 5 điểm b",
        }),
        district_choice: DistrictChoice::Unspecified,
        area_kinds: None,
        conditions: &[],
        eligibility: Cited {
            value: &["Nam thanh niên tham gia khám sơ tuyển nghĩa vụ quân sự tại địa phương."],
            article: "Điều 17 khoản 2 điểm đ",
        },
        specimens: Cited {
            value: Specimens {
                always: BLOOD,
                with_sti_surveillance: &[],
            },
            article: "Điều 18 khoản 5 điểm c",
        },
        stis: &[Cited {
            value: Disease::Syphilis,
            article: "Điều 14 khoản 2 điểm a",
        }],
        period: Cited {
            value: PERIOD_RECRUITS,
            article: "Điều 15 khoản 2",
        },
    },
    GroupRule {
        id: GroupId::Msm,
        name: "Nam có quan hệ tình dục đồng giới",
        article: "Điều 14 khoản 1 điểm e",
        sample_size: Cited {
            value: RANGE_150_300,
            article: "Điều 18 khoản 6 điểm a",
        },
        method: Cited {
            value: Method::DistrictProportional,
            article: "Điều 18 khoản 6 điểm b",
        },
        site_kind: Cited {
            value: SiteKind::Hotspot,
            article: "Điều 16 khoản 6",
        },
        max_districts: Some(Cited {
            value: 5,
            article: "Điều 16 khoản 6",
        }),
        district_choice: DistrictChoice::Largest {
            of: "số nam có quan hệ tình dục đồng giới (ước tính)",
        },
        area_kinds: None,
        conditions: &[],
        eligibility: Cited {
            value: &[
                "Nam giới có quan hệ tình dục qua đường hậu môn với nam giới khác trong vòng 12 tháng qua.",
            ],
            article: "Điều 17 khoản 2 điểm e",
        },
        specimens: Cited {
            value: Specimens {
                always: BLOOD,
                with_sti_surveillance: &[],
            },
            article: "Điều 18 khoản 6 điểm c",
        },
        stis: &[],
        period: Cited {
            value: PERIOD,
            article: "Điều 15 khoản 1",
        },
    },
    GroupRule {
        id: GroupId::Other,
        name: "Nhóm khác",
        article: "Điều 14 khoản 1 điểm g",
        sample_size: Cited {
            value: FIXED_400,
            article: "Điều 18 khoản 7 điểm a",
        },
        method: Cited {
            value: Method::LocalChoice,
            article: "Điều 18 khoản 7 điểm b",
        },
        site_kind: Cited {
            value: SiteKind::Residence,
            article: "Điều 16 khoản 7",
        },
        max_districts: None,
        district_choice: DistrictChoice::Unspecified,
        area_kinds: None,
        conditions: &[Cited {
            value: "Tỷ lệ hiện nhiễm HIV trong nhóm phải ước lượng trên 1% và phải bảo đảm thực hiện giám sát liên tục qua các năm.",
            article: "Điều 14 khoản 1 điểm g",
        }],
        eligibility: Cited {
            value: &[
                "Có hành vi làm tăng nguy cơ lây truyền HIV trên địa bàn tỉnh.",
                "Hiện đang cư trú tại tỉnh.",
                "Tỷ lệ hiện nhiễm HIV của nhóm ước lượng trên 1% (Điều 14 khoản 1 điểm g).",
            ],
            article: "Điều 17 khoản 2 điểm g",
        },
        specimens: Cited {
            value: Specimens {
                always: BLOOD,
                with_sti_surveillance: &[],
            },
            article: "Điều 18 khoản 7 điểm c",
        },
        stis: &[],
        period: Cited {
            value: PERIOD,
            article: "Điều 15 khoản 1",
        },
    },
];

// ---- Obligations (Điều 15, 23–26) ---------------------------------------------------------

/// Điều 24 khoản 1 điểm b, "chậm nhất là ngày 15 của tháng tiếp sau tháng báo cáo", with the
/// calculator's reading of "tháng báo cáo" said where the date is shown (the title of the
/// obligation, in every output). The reading is the data month: the feedback on the list of
/// month M is due on 15 of M + 1, the day the province's online report on month M closes
/// (Điều 23 khoản 4). Read as the month the report is sent (M + 1), it would be 15 of M + 2.
/// The handbook says the same (content/giam-sat/che-do-bao-cao.md, Điều 24).
pub const READING_D24K1B: &str = "Phản hồi danh sách người nhiễm HIV mới phát hiện cho huyện và cho tỉnh nơi người nhiễm cư trú (máy tính hiểu “tháng báo cáo” là tháng của số liệu: hạn là ngày 15 tháng sau, trùng ngày cuối của báo cáo trực tuyến của tỉnh theo Điều 23 khoản 4; nếu hiểu là tháng gửi báo cáo thì hạn lùi thêm một tháng)";

const JAN_JUL: &[u8] = &[1, 7];

/// Every dated obligation.
pub static OBLIGATIONS: [Obligation; 20] = [
    Obligation {
        id: "d15k1-thu-thap",
        article: "Điều 15 khoản 1",
        title: "Thời gian thực hiện giám sát trọng điểm (lấy mẫu)",
        kind: ObligationKind::Collection,
        level: Level::Tinh,
        senders: &[HIV_TINH, DA_LIEU_TINH],
        receivers: &[],
        schedule: Schedule::Yearly(PERIOD),
        forms: &[],
    },
    Obligation {
        id: "d15k2-nghia-vu-quan-su",
        article: "Điều 15 khoản 2",
        title: "Giám sát trọng điểm nhóm nam thanh niên khám sơ tuyển nghĩa vụ quân sự: theo lịch khám của địa phương, không chậm hơn ngày 31/12",
        kind: ObligationKind::Collection,
        level: Level::Tinh,
        senders: &[HIV_TINH],
        receivers: &[],
        schedule: Schedule::Yearly(PERIOD_RECRUITS),
        forms: &[],
    },
    Obligation {
        id: "d23k1-xa",
        article: "Điều 23 khoản 1",
        title: "Báo cáo giám sát phát hiện HIV tuyến xã",
        kind: ObligationKind::Report,
        level: Level::Xa,
        senders: &[TRAM_Y_TE_XA, CO_SO_TU_NHAN],
        receivers: &[YTDP_HUYEN],
        schedule: Schedule::Monthly {
            from_day: 1,
            to_day: 5,
        },
        forms: &[2],
    },
    Obligation {
        id: "d23k2-huyen",
        article: "Điều 23 khoản 2",
        title: "Báo cáo giám sát phát hiện HIV tuyến huyện",
        kind: ObligationKind::Report,
        level: Level::Huyen,
        senders: &[BENH_VIEN_HUYEN, PHONG_KHAM_NGOAI_TRU, TU_VAN_XET_NGHIEM],
        receivers: &[YTDP_HUYEN],
        schedule: Schedule::Monthly {
            from_day: 1,
            to_day: 5,
        },
        forms: &[1, 2],
    },
    Obligation {
        id: "d23k3-tinh",
        article: "Điều 23 khoản 3",
        title: "Báo cáo giám sát phát hiện HIV tuyến tỉnh",
        kind: ObligationKind::Report,
        level: Level::Tinh,
        senders: &[YTDP_HUYEN, CO_SO_TINH, VIEN_BV_BO_DIA_BAN, Y_TE_NGANH],
        receivers: &[HIV_TINH],
        schedule: Schedule::Monthly {
            from_day: 6,
            to_day: 10,
        },
        forms: &[1, 2],
    },
    Obligation {
        id: "d23k4-hiv-tinh-truc-tuyen",
        article: "Điều 23 khoản 4",
        title: "Báo cáo giám sát phát hiện HIV bằng hệ thống báo cáo trực tuyến",
        kind: ObligationKind::Report,
        level: Level::Tinh,
        senders: &[HIV_TINH],
        receivers: &[HE_THONG_TRUC_TUYEN],
        schedule: Schedule::Monthly {
            from_day: 10,
            to_day: 15,
        },
        forms: &[],
    },
    Obligation {
        id: "d23k5-vien-truc-tuyen",
        article: "Điều 23 khoản 5",
        title: "Báo cáo giám sát phát hiện HIV của các Viện bằng hệ thống báo cáo trực tuyến",
        kind: ObligationKind::Report,
        level: Level::TrungUong,
        senders: &[VIEN_KHU_VUC],
        receivers: &[HE_THONG_TRUC_TUYEN],
        schedule: Schedule::Monthly {
            from_day: 10,
            to_day: 15,
        },
        forms: &[],
    },
    Obligation {
        id: "d24k1-phan-hoi-tinh",
        article: "Điều 24 khoản 1 điểm b",
        title: READING_D24K1B,
        kind: ObligationKind::Report,
        level: Level::Tinh,
        senders: &[HIV_TINH],
        receivers: &[YTDP_HUYEN, HIV_TINH_KHAC],
        schedule: Schedule::MonthlyBy { day: 15 },
        forms: &[],
    },
    Obligation {
        id: "d25k1-xa",
        article: "Điều 25 khoản 1",
        title: "Báo cáo giám sát phát hiện các nhiễm trùng lây truyền qua đường tình dục của 6 tháng trước, tuyến xã",
        kind: ObligationKind::Report,
        level: Level::Xa,
        senders: &[TRAM_Y_TE_XA, CO_SO_TU_NHAN],
        receivers: &[YTDP_HUYEN],
        schedule: Schedule::InMonths {
            months: JAN_JUL,
            from_day: 1,
            to_day: 5,
        },
        forms: &[3, 4, 5],
    },
    Obligation {
        id: "d25k2-huyen",
        article: "Điều 25 khoản 2",
        title: "Báo cáo giám sát phát hiện các nhiễm trùng lây truyền qua đường tình dục của 6 tháng trước, tuyến huyện",
        kind: ObligationKind::Report,
        level: Level::Huyen,
        senders: &[BENH_VIEN_HUYEN],
        receivers: &[YTDP_HUYEN],
        schedule: Schedule::InMonths {
            months: JAN_JUL,
            from_day: 6,
            to_day: 10,
        },
        forms: &[3, 4, 5],
    },
    Obligation {
        id: "d25k3-tinh",
        article: "Điều 25 khoản 3",
        title: "Báo cáo giám sát phát hiện các nhiễm trùng lây truyền qua đường tình dục của 6 tháng trước, tuyến tỉnh",
        kind: ObligationKind::Report,
        level: Level::Tinh,
        senders: &[YTDP_HUYEN, CO_SO_TINH, Y_TE_NGANH],
        receivers: &[DA_LIEU_TINH],
        schedule: Schedule::InMonths {
            months: JAN_JUL,
            from_day: 11,
            to_day: 15,
        },
        forms: &[3, 4, 5],
    },
    Obligation {
        id: "d25k4-da-lieu-tinh",
        article: "Điều 25 khoản 4",
        title: "Tổng hợp, báo cáo số người bệnh khám và điều trị các nhiễm trùng lây truyền qua đường tình dục của 6 tháng trước",
        kind: ObligationKind::Report,
        level: Level::Tinh,
        senders: &[DA_LIEU_TINH],
        receivers: &[BV_DA_LIEU_TU],
        schedule: Schedule::InMonths {
            months: JAN_JUL,
            from_day: 16,
            to_day: 20,
        },
        forms: &[3, 4, 5],
    },
    Obligation {
        id: "d25k5-vien-bv-bo",
        article: "Điều 25 khoản 5",
        title: "Tổng hợp, báo cáo số người bệnh khám và điều trị các nhiễm trùng lây truyền qua đường tình dục của 6 tháng trước",
        kind: ObligationKind::Report,
        level: Level::Tinh,
        senders: &[VIEN_BV_BO],
        receivers: &[BV_DA_LIEU_TU],
        schedule: Schedule::InMonths {
            months: JAN_JUL,
            from_day: 1,
            to_day: 5,
        },
        forms: &[3, 4, 5],
    },
    Obligation {
        id: "d25k6-bv-da-lieu-tu",
        article: "Điều 25 khoản 6",
        title: "Tổng hợp toàn quốc số người bệnh khám và điều trị các nhiễm trùng lây truyền qua đường tình dục và danh sách các trường hợp được xét nghiệm HIV tại Bệnh viện",
        kind: ObligationKind::Report,
        level: Level::TrungUong,
        senders: &[BV_DA_LIEU_TU],
        receivers: &[CUC_AIDS],
        schedule: Schedule::InMonths {
            months: JAN_JUL,
            from_day: 20,
            to_day: 25,
        },
        forms: &[],
    },
    Obligation {
        id: "d26k1-da-lieu-tinh",
        article: "Điều 26 khoản 1",
        title: "Báo cáo giám sát trọng điểm các nhiễm trùng lây truyền qua đường tình dục",
        kind: ObligationKind::Report,
        level: Level::Tinh,
        senders: &[DA_LIEU_TINH],
        receivers: &[HIV_TINH, BV_DA_LIEU_TU],
        schedule: Schedule::Yearly(Period {
            start: None,
            end: md(10, 15),
        }),
        forms: &[8, 9, 10, 11, 12, 13],
    },
    Obligation {
        id: "d26k2-hiv-tinh",
        article: "Điều 26 khoản 2",
        title: "Báo cáo kết quả giám sát trọng điểm HIV và giám sát trọng điểm các nhiễm trùng lây truyền qua đường tình dục (hệ thống báo cáo trực tuyến)",
        kind: ObligationKind::Report,
        level: Level::Tinh,
        senders: &[HIV_TINH],
        receivers: &[CUC_AIDS, VIEN_VSDT_TU, VIEN_KHU_VUC_PHU_TRACH],
        schedule: Schedule::Yearly(Period {
            start: None,
            end: md(10, 31),
        }),
        forms: &[],
    },
    Obligation {
        id: "d26k2-nghia-vu-quan-su",
        article: "Điều 26 khoản 2",
        title: "Báo cáo giám sát trọng điểm HIV nhóm thanh niên khám sơ tuyển nghĩa vụ quân sự",
        kind: ObligationKind::Report,
        level: Level::Tinh,
        senders: &[HIV_TINH],
        receivers: &[CUC_AIDS, VIEN_VSDT_TU, VIEN_KHU_VUC_PHU_TRACH],
        schedule: Schedule::Yearly(Period {
            start: None,
            end: md(12, 31),
        }),
        forms: &[],
    },
    Obligation {
        id: "d26k3-long-ghep-hanh-vi",
        article: "Điều 26 khoản 3",
        title: "Báo cáo và số liệu thô giám sát trọng điểm HIV lồng ghép hành vi",
        kind: ObligationKind::Report,
        level: Level::Tinh,
        senders: &[HIV_TINH],
        receivers: &[CUC_AIDS, VIEN_VSDT_TU, VIEN_KHU_VUC_PHU_TRACH],
        schedule: Schedule::Yearly(Period {
            start: None,
            end: md(10, 31),
        }),
        forms: &[],
    },
    Obligation {
        id: "d26k4-vien-vsdt-tu",
        article: "Điều 26 khoản 4",
        title: "Báo cáo tổng hợp kết quả giám sát trọng điểm HIV và giám sát trọng điểm HIV lồng ghép hành vi",
        kind: ObligationKind::Report,
        level: Level::TrungUong,
        senders: &[VIEN_VSDT_TU],
        receivers: &[CUC_AIDS],
        schedule: Schedule::Yearly(Period {
            start: None,
            end: md(11, 15),
        }),
        forms: &[],
    },
    Obligation {
        id: "d26k4-bv-da-lieu-tu",
        article: "Điều 26 khoản 4",
        title: "Báo cáo tổng hợp kết quả giám sát trọng điểm các nhiễm trùng lây truyền qua đường tình dục",
        kind: ObligationKind::Report,
        level: Level::TrungUong,
        senders: &[BV_DA_LIEU_TU],
        receivers: &[CUC_AIDS],
        schedule: Schedule::Yearly(Period {
            start: None,
            end: md(11, 15),
        }),
        forms: &[],
    },
];

/// Event-relative feedback steps of Điều 24.
pub static EVENT_STEPS: [EventStep; 3] = [
    EventStep {
        id: "d24k2-huyen-gui-xa",
        article: "Điều 24 khoản 2 điểm b",
        title: "Phân loại, lập danh sách người nhiễm HIV mới phát hiện của từng xã và gửi Trạm trưởng Trạm Y tế xã",
        trigger: "nhận thông báo đề nghị rà soát của đơn vị đầu mối về phòng, chống HIV/AIDS tỉnh",
        sender: YTDP_HUYEN,
        receiver: TRAM_Y_TE_XA,
        days: 5,
        count: DayCount::Calendar,
    },
    EventStep {
        id: "d24k3-xa-ra-soat",
        article: "Điều 24 khoản 3 điểm c",
        title: "Đối chiếu, hiệu chỉnh danh sách và gửi lại đơn vị đầu mối về y tế dự phòng huyện",
        trigger: "nhận thông báo đề nghị rà soát",
        sender: TRAM_Y_TE_XA,
        receiver: YTDP_HUYEN,
        days: 10,
        count: DayCount::Calendar,
    },
    EventStep {
        id: "d24k4-huyen-gui-tinh",
        article: "Điều 24 khoản 4 điểm a",
        title: "Gửi báo cáo tổng hợp danh sách đã hiệu chỉnh về đơn vị đầu mối phòng, chống HIV/AIDS tỉnh",
        trigger: "tiếp nhận danh sách hiệu chỉnh của trạm y tế xã",
        sender: YTDP_HUYEN,
        receiver: HIV_TINH,
        days: 10,
        count: DayCount::Working,
    },
];

// ---- Principles (Điều 13) -------------------------------------------------------------------

/// Điều 13, the eleven principles of sentinel surveillance. `planning` marks those a planner
/// acts on when choosing sites and people: keep the sites across years (khoản 5), never sample
/// in the centres and camps of khoản 6, never sample one person twice in a year (khoản 8).
pub static PRINCIPLES: [Principle; 11] = [
    Principle {
        article: "Điều 13 khoản 1",
        text: "Bảo đảm thực hiện đúng quy định tại Điều 25 Luật phòng, chống HIV/AIDS.",
        planning: false,
    },
    Principle {
        article: "Điều 13 khoản 2",
        text: "Việc lấy mẫu trong giám sát trọng điểm phải thực hiện độc lập với các giám sát và nghiên cứu khác.",
        planning: false,
    },
    Principle {
        article: "Điều 13 khoản 3",
        text: "Không được sử dụng số liệu của giám sát phát hiện HIV/AIDS, số liệu của các cơ sở tư vấn xét nghiệm HIV tự nguyện và kết quả của các nghiên cứu khác để báo cáo số liệu giám sát trọng điểm.",
        planning: false,
    },
    Principle {
        article: "Điều 13 khoản 4",
        text: "Việc chọn đối tượng trong giám sát trọng điểm HIV không được căn cứ vào tình trạng nhiễm HIV hiện tại của đối tượng.",
        planning: false,
    },
    Principle {
        article: "Điều 13 khoản 5",
        text: "Bảo đảm duy trì địa bàn giám sát trọng điểm qua các năm.",
        planning: true,
    },
    Principle {
        article: "Điều 13 khoản 6",
        text: "Không được lấy mẫu giám sát trọng điểm trong các trung tâm chữa bệnh, giáo dục, lao động xã hội, trại giam, trại tạm giam, cơ sở giáo dục, trường giáo dưỡng.",
        planning: true,
    },
    Principle {
        article: "Điều 13 khoản 7",
        text: "Việc lấy mẫu máu, dịch cơ thể và nước tiểu phải được thực hiện nơi kín đáo, riêng tư.",
        planning: false,
    },
    Principle {
        article: "Điều 13 khoản 8",
        text: "Không được lấy mẫu xét nghiệm HIV và các nhiễm trùng lây truyền qua đường tình dục lặp lại trên cùng một đối tượng trong cùng một năm giám sát trọng điểm.",
        planning: true,
    },
    Principle {
        article: "Điều 13 khoản 9",
        text: "Không được sử dụng kết quả xét nghiệm giám sát trọng điểm để chẩn đoán xác định nhiễm HIV.",
        planning: false,
    },
    Principle {
        article: "Điều 13 khoản 10",
        text: "Các xét nghiệm HIV và xét nghiệm các nhiễm trùng lây truyền qua đường tình dục phải được thực hiện bằng phương pháp xét nghiệm HIV giấu tên.",
        planning: false,
    },
    Principle {
        article: "Điều 13 khoản 11",
        text: "Phải giới thiệu các dịch vụ hỗ trợ của chương trình phòng, chống HIV/AIDS cho các đối tượng tham gia giám sát trọng điểm.",
        planning: false,
    },
];

/// Places Điều 13 khoản 6 forbids, in its words, as a site's name may contain them (lower case,
/// NFC): a site so named gets a warning (a name alone cannot prove what the place is).
pub const FORBIDDEN_PLACE_WORDS: Cited<&[&str]> = Cited {
    value: &[
        "trung tâm chữa bệnh",
        "lao động xã hội",
        "trại giam",
        "trại tạm giam",
        "cơ sở giáo dục",
        "trường giáo dưỡng",
    ],
    article: "Điều 13 khoản 6",
};

// ---- Result forms (Điều 19 khoản 5, Điều 20 khoản 4) and the reports of Điều 26 ------------

const RECRUITS: &[GroupId] = &[GroupId::RecruitsUrban, GroupId::RecruitsRural];
/// The HIV report of Điều 26 khoản 2: 31/10, or 31/12 for recruits (the same khoản).
const HIV_REPORTS: &[ReportLink] = &[
    ReportLink {
        obligation: "d26k2-hiv-tinh",
        groups: GroupScope::Except(RECRUITS),
    },
    ReportLink {
        obligation: "d26k2-nghia-vu-quan-su",
        groups: GroupScope::Only(RECRUITS),
    },
];

/// Who lists the test results on which forms (Điều 19 khoản 5 for provinces that also run STI
/// sentinel surveillance, Điều 20 khoản 4 for HIV only), and the reports of Điều 26 that follow.
pub static RESULT_FORMS: [ResultForms; 3] = [
    ResultForms {
        article: "Điều 19 khoản 5 điểm a",
        sti_surveillance: true,
        unit: DA_LIEU_TINH,
        forms: &[8, 9, 10, 11, 12, 13],
        sent_to: Some(HIV_TINH),
        note: None,
        reports: &[ReportLink {
            obligation: "d26k1-da-lieu-tinh",
            groups: GroupScope::All,
        }],
    },
    ResultForms {
        article: "Điều 19 khoản 5 điểm b",
        sti_surveillance: true,
        unit: HIV_TINH,
        forms: &[7, 9, 10, 11, 12, 13, 14, 15],
        sent_to: None,
        note: Some(
            "Tổng hợp kết quả xét nghiệm giám sát trọng điểm các nhiễm trùng lây truyền qua đường tình dục do đơn vị đầu mối về da liễu tỉnh gửi đến.",
        ),
        reports: HIV_REPORTS,
    },
    ResultForms {
        article: "Điều 20 khoản 4",
        sti_surveillance: false,
        unit: HIV_TINH,
        forms: &[7, 9, 10, 11, 12, 13, 14, 15],
        sent_to: None,
        note: None,
        reports: HIV_REPORTS,
    },
];

/// Circular 09/2012/TT-BYT.
pub static TT09_2012: RulesVersion = RulesVersion {
    id: "tt09-2012",
    name: "Thông tư 09/2012/TT-BYT",
    number: "09/2012/TT-BYT",
    title: "Hướng dẫn giám sát dịch tễ học HIV/AIDS và giám sát các nhiễm trùng lây truyền qua đường tình dục",
    issued: "2012-05-24",
    in_force_from: Cited {
        value: "2012-07-15",
        article: "Điều 33",
    },
    in_force_until: Some("2023-05-31"),
    replaced_by: Some("tt07-2023"),
    groups: Some(&GROUPS),
    general_eligibility: Some(Cited {
        value: "Chọn các đối tượng đủ 16 tuổi trở lên, có năng lực hành vi dân sự.",
        article: "Điều 17 khoản 1",
    }),
    min_age: Some(Cited {
        value: 16,
        article: "Điều 17 khoản 1",
    }),
    collection_period: Some(Cited {
        value: PERIOD,
        article: "Điều 15 khoản 1",
    }),
    recruits_deadline: Some(Cited {
        value: md(12, 31),
        article: "Điều 15 khoản 2",
    }),
    serum_split: Some(Cited {
        value: SerumSplit {
            parts: 2,
            collected_by: "Đơn vị đầu mối về phòng, chống HIV/AIDS tỉnh lấy, vận chuyển toàn bộ mẫu máu về cơ sở của mình và phân tách mỗi mẫu huyết thanh thành 2 phần bằng nhau",
            uses: &[
                (Disease::Hiv, "Đơn vị đầu mối về phòng, chống HIV/AIDS tỉnh"),
                (Disease::Syphilis, "Đơn vị đầu mối về da liễu tỉnh"),
            ],
            swabs_to: "Dịch tiết cổ tử cung, âm đạo và niệu đạo: đơn vị đầu mối về da liễu tỉnh lấy, vận chuyển về đơn vị mình để xét nghiệm lậu và Chlamydia; trùng roi soi tươi ngay tại địa điểm giám sát (Điều 19 khoản 4 điểm b)",
        },
        article: "Điều 19 khoản 3 điểm b",
    }),
    obligations: Some(&OBLIGATIONS),
    period_obligations: None,
    event_steps: Some(&EVENT_STEPS),
    principles: Some(&PRINCIPLES),
    result_forms: Some(&RESULT_FORMS),
    forbidden_place_words: Some(FORBIDDEN_PLACE_WORDS),
    articles: RuleArticles {
        groups: "Điều 14, 16 và 18",
        group_list: "Điều 14 khoản 1",
        obligations: "Điều 15 và Điều 23–26",
        event_steps: "Điều 24",
        serum_split: "Điều 19 khoản 3 điểm b",
        collection_period: "Điều 15 khoản 1",
        principles: "Điều 13",
        result_forms: "Điều 19 khoản 5 và Điều 20 khoản 4",
    },
};
