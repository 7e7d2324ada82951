//! `sotay calc …`: the calculator core, natively, on the command line.
//!
//! Exit codes: 0 ok, 2 bad input, 3 the chosen rules version lacks the rule (messages on
//! stderr, in Vietnamese; the refusal names the article of that version).
//!
//! `deadlines`, `next` and `steps` take `--rules <id>` (`tt09-2012`, the default, or
//! `tt07-2023`); every row names the instrument its date follows (`instrument`).
use clap::{Args, Subcommand, ValueEnum};
use sotay_calc::core::calendar;
use sotay_calc::core::date::Date;
use sotay_calc::core::deadlines::{self, Deadline, EventDeadline};
use sotay_calc::core::error::CalcError;
use sotay_calc::core::json;
use sotay_calc::core::rules::{self, RulesVersion};
use std::io::{Read, Write};

/// Arguments of `sotay calc`.
#[derive(Debug, Args)]
pub struct CalcArgs {
    /// What to compute.
    #[command(subcommand)]
    pub command: CalcCommand,
}

/// Sub-commands of `sotay calc`.
#[derive(Debug, Subcommand)]
pub enum CalcCommand {
    /// Read a plan as JSON on stdin, write the allocation on stdout (JSON, or text for people).
    /// Every input error is in Vietnamese and names the district or site and the field.
    Allocate {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Json)]
        format: ListFormat,
    },
    /// Every reporting deadline of a year (Điều 15, 23–26).
    Deadlines {
        /// Year.
        #[arg(long)]
        year: i32,
        /// Only obligations of this unit (e.g. hiv_tinh, da_lieu_tinh) or level (xa, huyen,
        /// tinh, trung_uong).
        #[arg(long)]
        unit: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Rules version: tt09-2012 (default) or tt07-2023.
        #[arg(long, default_value = rules::ACTIVE_ID)]
        rules: String,
        /// Reporting period, for an instrument whose text fixing it is not verified
        /// (Thông tư 07/2023: Điều 11 khoản 5 gives the days, not the period): thang, quy,
        /// 6-thang or nam, from the guidance you follow. Every result says it was chosen.
        #[arg(long)]
        period: Option<String>,
    },
    /// The next reporting deadlines from a date.
    Next {
        /// Date (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Unit or level filter.
        #[arg(long)]
        unit: Option<String>,
        /// How many.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Json)]
        format: ListFormat,
        /// Rules version: tt09-2012 (default) or tt07-2023.
        #[arg(long, default_value = rules::ACTIVE_ID)]
        rules: String,
        /// Reporting period, for an instrument whose text fixing it is not verified
        /// (Thông tư 07/2023: Điều 11 khoản 5 gives the days, not the period): thang, quy,
        /// 6-thang or nam, from the guidance you follow. Every result says it was chosen.
        #[arg(long)]
        period: Option<String>,
    },
    /// Điều 24 feedback steps counted from a receipt date.
    Steps {
        /// Date the notice or list was received (YYYY-MM-DD).
        #[arg(long)]
        received: String,
        /// Chain the steps (each starts when the previous one ends).
        #[arg(long)]
        chain: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Json)]
        format: ListFormat,
        /// Rules version: tt09-2012 (default) or tt07-2023.
        #[arg(long, default_value = rules::ACTIVE_ID)]
        rules: String,
    },
    /// Add working days to a date (the first day is not counted): the date reached, then the
    /// days skipped and whether the answer rests on an estimated occasion.
    Workdays {
        /// Start date (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Number of working days (may be negative).
        #[arg(long, allow_hyphen_values = true)]
        add: i32,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CalFormat::Text)]
        format: CalFormat,
    },
    /// Every non-working day of a year (holidays, compensatory and moved days off) and every
    /// Saturday worked in exchange.
    Calendar {
        /// Year.
        #[arg(long)]
        year: i32,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CalFormat::Text)]
        format: CalFormat,
    },
}

/// Output format of `deadlines`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// JSON array.
    Json,
    /// iCalendar (RFC 5545).
    Ics,
    /// One line per deadline, tab-separated, ending with the instrument it follows.
    Text,
}

/// Output format of `next` and `steps`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// JSON array (each row has `instrument`, `in_force` and `rules_id`).
    Json,
    /// One line per row, tab-separated, ending with the instrument it follows.
    Text,
}

/// Output format of `calendar` and `workdays`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalFormat {
    /// One line per day (`calendar`: then the law, the sources and the notes; `workdays`: the
    /// date reached first).
    Text,
    /// JSON.
    Json,
}

/// Run `sotay calc`; returns the process exit code (0 ok, 2 bad input, 3 missing rule).
pub fn run(args: CalcArgs) -> i32 {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run_with(
        args,
        &mut stdin.lock(),
        &mut stdout.lock(),
        &mut stderr.lock(),
        dtstamp_now(),
    )
}

fn fail(err: &mut dyn Write, e: &CalcError) -> i32 {
    let _ = writeln!(err, "sotay calc: {}", e.message());
    if let CalcError::PeriodNeeded { .. } = e {
        let ids: Vec<&str> = rules::ReportPeriod::ALL.iter().map(|p| p.id()).collect();
        let _ = writeln!(err, "sotay calc: dùng --period {}", ids.join("|"));
    }
    match e {
        CalcError::MissingRule(_) => 3,
        _ => 2,
    }
}

/// The rules version named by `--rules`.
fn rules_version(id: &str) -> Result<&'static RulesVersion, CalcError> {
    rules::version(id.trim()).ok_or_else(|| CalcError::InvalidInput {
        detail: format!(
            "--rules: không có bộ quy tắc “{}” (một trong: {})",
            id.trim(),
            rules::versions()
                .iter()
                .map(|v| v.id)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

fn to_json<T: serde::Serialize>(list: &T) -> Result<String, CalcError> {
    serde_json::to_string_pretty(list).map_err(|e| CalcError::InvalidInput {
        detail: e.to_string(),
    })
}

/// Deadlines as text: one line per row (dates dd/mm/yyyy), the instrument last.
pub fn deadlines_text(list: &[Deadline]) -> String {
    let mut s = String::new();
    for d in list {
        let when = match d.start {
            Some(a) => format!("{}–{}", a.dmy(), d.effective_end.dmy()),
            None => d.effective_end.dmy(),
        };
        let mut shift = match &d.shift_reason {
            Some(r) => format!(" (hạn theo văn bản {}: ngày nghỉ, {r})", d.end.dmy()),
            None => String::new(),
        };
        shift.push_str(&estimated_note(&d.estimated_by));
        let to = if d.receiver.is_empty() {
            String::new()
        } else {
            format!(" → {}", d.receiver)
        };
        s.push_str(&format!(
            "{when}{shift}\t{}\t{}\t{}\t{}{to}\t{}",
            d.period, d.article, d.title, d.sender, d.instrument
        ));
        // What the reader must know beyond the instrument, after it (a field of its own).
        for n in &d.notes {
            s.push_str(" — ");
            s.push_str(n);
        }
        s.push('\n');
    }
    s.pop();
    s
}

/// Điều 24-style steps as text: one line per step, the instrument last.
pub fn steps_text(list: &[EventDeadline]) -> String {
    let mut s = String::new();
    for d in list {
        let mut shift = match &d.shift_reason {
            Some(r) => format!(" (hạn theo văn bản {}: ngày nghỉ, {r})", d.end.dmy()),
            None => String::new(),
        };
        shift.push_str(&estimated_note(&d.estimated_by));
        s.push_str(&format!(
            "{}{shift}\t{}\t{}\t{} → {}\t{}\n",
            d.effective_end.dmy(),
            d.article,
            d.title,
            d.sender,
            d.receiver,
            d.instrument
        ));
    }
    s.pop();
    s
}

/// " (lịch nghỉ ước tính: Tết Âm lịch 2027)" when a date rests on estimated occasions.
fn estimated_note(by: &[String]) -> String {
    if by.is_empty() {
        String::new()
    } else {
        format!(" (lịch nghỉ ước tính: {})", by.join(", "))
    }
}

fn parse_date(s: &str, field: &'static str) -> Result<Date, CalcError> {
    Date::parse_iso(s.trim()).ok_or(CalcError::BadParameter {
        field,
        expected: calendar::DATE_EXPECTED,
    })
}

/// `calendar` as text: one line per day (date, weekday, kind, name, "(ước tính)"), then the
/// law of the year, every occasion's source and the notes (proposed holidays that are not law).
pub fn calendar_text(c: &calendar::YearCalendar) -> String {
    let mut s = String::new();
    for d in &c.days {
        s.push_str(&format!(
            "{}\t{}\t{}\t{}{}\n",
            d.date.iso(),
            d.weekday,
            d.kind.name_vi(),
            d.name,
            if d.estimated { "\t(ước tính)" } else { "" }
        ));
    }
    s.push_str(&format!(
        "\nLuật áp dụng năm {}: {}.\n",
        c.year,
        c.laws.join(", rồi ")
    ));
    s.push_str("Nguồn:\n");
    for o in &c.occasions {
        if o.estimated {
            let (a, b) = o.reach.unwrap_or((o.first, o.last));
            s.push_str(&format!(
                "- {} {} (ước tính): {}; các ngày từ {} đến {} có thể thay đổi khi có thông báo chính thức.\n",
                o.name,
                o.year,
                o.source,
                a.dmy(),
                b.dmy()
            ));
        } else if o
            .source
            .starts_with(o.law.split(',').next().unwrap_or_default())
        {
            // Decided by the law itself: the source already names it.
            s.push_str(&format!("- {} {}: {}.\n", o.name, o.year, o.source));
        } else {
            s.push_str(&format!(
                "- {} {}: {} ({}).\n",
                o.name, o.year, o.source, o.law
            ));
        }
    }
    for n in &c.notes {
        s.push_str(&format!("Ghi chú: {}\n", n.text));
    }
    s.pop();
    s
}

/// `workdays` as text: the date reached on the first line, then the runs of days skipped and
/// whether the answer rests on an estimated occasion.
pub fn workdays_text(w: &calendar::Workdays) -> String {
    let mut s = format!("{}\n", w.date.iso());
    s.push_str(&format!(
        "{} ngày làm việc kể từ {} (không tính ngày bắt đầu): {} ({}).\n",
        w.add,
        w.from.dmy(),
        w.date.dmy(),
        w.weekday
    ));
    let mut cal = calendar::WorkCalendar::new();
    let runs = w.runs(&mut cal);
    if runs.is_empty() {
        s.push_str("Không bỏ qua ngày nghỉ nào.\n");
    } else {
        s.push_str(&format!("Bỏ qua {} ngày nghỉ:\n", w.skipped.len()));
        for r in runs {
            if r.from == r.to {
                s.push_str(&format!("- {}: {}\n", r.from.dmy(), r.reason));
            } else {
                s.push_str(&format!(
                    "- {}–{}: {}\n",
                    r.from.dmy(),
                    r.to.dmy(),
                    r.reason
                ));
            }
        }
    }
    if w.estimated {
        s.push_str(&format!(
            "Kết quả dựa trên lịch nghỉ ước tính (chưa có thông báo chính thức): {}.\n",
            w.estimated_occasions.join(", ")
        ));
    }
    s.pop();
    s
}

/// The `--period` given: one of [`rules::ReportPeriod`]'s ids, else refused quoting it.
fn report_period(p: Option<&str>) -> Result<Option<rules::ReportPeriod>, CalcError> {
    let Some(p) = p else { return Ok(None) };
    rules::ReportPeriod::from_id(p.trim())
        .map(Some)
        .ok_or_else(|| CalcError::InvalidInput {
            detail: format!(
                "--period: không có kỳ báo cáo “{}” (một trong: {})",
                p.trim(),
                rules::ReportPeriod::ALL
                    .iter()
                    .map(|p| format!("{} ({})", p.id(), p.name_vi()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
}

/// Refuse first when the version has no reporting obligations (naming its own article) or
/// needs a reporting period that was not given, then check the unit against that version's
/// units.
fn check_unit(
    version: &RulesVersion,
    unit: Option<&str>,
    period: Option<rules::ReportPeriod>,
) -> Result<(), CalcError> {
    deadlines::obligations_for(version, period)?;
    if let Some(u) = unit {
        let ids = deadlines::unit_ids(version);
        if !ids.contains(&u.trim()) {
            return Err(CalcError::BadParameter {
                field: "unit",
                expected: "mã đơn vị hoặc tuyến: xa, huyen, tinh, trung_uong, tram_y_te_xa, ytdp_huyen, hiv_tinh, da_lieu_tinh, bv_da_lieu_tu, cuc_aids, …",
            });
        }
    }
    Ok(())
}

/// `run` with explicit streams and DTSTAMP (for tests).
pub fn run_with(
    args: CalcArgs,
    input: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
    dtstamp: String,
) -> i32 {
    let result: Result<String, CalcError> = match args.command {
        CalcCommand::Allocate { format } => read_plan(input).and_then(|s| match format {
            ListFormat::Json => json::allocate_json(&s),
            ListFormat::Text => json::parse_plan(&s)
                .and_then(|p| sotay_calc::core::allocate(&p))
                .map(|out| plan_text(&out)),
        }),
        CalcCommand::Deadlines {
            year,
            unit,
            format,
            rules,
            period,
        } => rules_version(&rules)
            .and_then(|v| report_period(period.as_deref()).map(|p| (v, p)))
            .and_then(|(v, p)| check_unit(v, unit.as_deref(), p).map(|_| (v, p)))
            .and_then(|(v, p)| {
                deadlines::deadlines_for_year_with(v, year, unit.as_deref(), p).map(|l| (v, l))
            })
            .and_then(|(v, list)| match format {
                Format::Json => to_json(&list),
                // The core's writer, the one the deadlines page downloads too.
                Format::Ics => Ok(sotay_calc::core::ics::deadlines_ics(
                    &list, v.name, &dtstamp,
                )),
                Format::Text => Ok(deadlines_text(&list)),
            }),
        CalcCommand::Next {
            from,
            unit,
            limit,
            format,
            rules,
            period,
        } => rules_version(&rules)
            .and_then(|v| report_period(period.as_deref()).map(|p| (v, p)))
            .and_then(|(v, p)| check_unit(v, unit.as_deref(), p).map(|_| (v, p)))
            .and_then(|(v, p)| parse_date(&from, "from").map(|d| (v, d, p)))
            .and_then(|(v, d, p)| deadlines::next_due_with(v, d, unit.as_deref(), limit, p))
            .and_then(|list| match format {
                ListFormat::Json => to_json(&list),
                ListFormat::Text => Ok(deadlines_text(&list)),
            }),
        CalcCommand::Steps {
            received,
            chain,
            format,
            rules,
        } => rules_version(&rules)
            .and_then(|v| parse_date(&received, "received").map(|d| (v, d)))
            .and_then(|(v, d)| deadlines::event_steps_for(v, d, chain))
            .and_then(|list| match format {
                ListFormat::Json => to_json(&list),
                ListFormat::Text => Ok(steps_text(&list)),
            }),
        CalcCommand::Workdays { from, add, format } => parse_date(&from, "from")
            .and_then(|d| {
                if add.unsigned_abs() > 20_000 {
                    return Err(CalcError::BadParameter {
                        field: "add",
                        expected: "một số ngày làm việc từ -20000 đến 20000",
                    });
                }
                // The error names the year the count ran out of the calendar at.
                calendar::count_workdays(d, add)
                    .map_err(|e| CalcError::YearOutOfRange { year: e.year })
            })
            .and_then(|w| match format {
                CalFormat::Json => to_json(&w),
                CalFormat::Text => Ok(workdays_text(&w)),
            }),
        CalcCommand::Calendar { year, format } => match format {
            CalFormat::Json => json::calendar_json(year),
            CalFormat::Text => calendar::year_calendar(year)
                .map_err(|e| CalcError::YearOutOfRange { year: e.year })
                .map(|c| calendar_text(&c)),
        },
    };
    match result {
        Ok(s) => {
            if out.write_all(s.as_bytes()).is_err()
                || (!s.ends_with("\r\n") && out.write_all(b"\n").is_err())
            {
                return 1;
            }
            0
        }
        Err(e) => fail(err, &e),
    }
}

/// The plan on stdin, as UTF-8 text (at most [`json::MAX_INPUT`] bytes); errors in Vietnamese.
fn read_plan(input: &mut dyn Read) -> Result<String, CalcError> {
    let mut bytes = Vec::new();
    if input
        .take(json::MAX_INPUT as u64 + 1)
        .read_to_end(&mut bytes)
        .is_err()
    {
        return Err(CalcError::InvalidInput {
            detail: "không đọc được dữ liệu từ đầu vào chuẩn (stdin).".into(),
        });
    }
    if bytes.len() > json::MAX_INPUT {
        return Err(CalcError::InputTooLarge {
            max: json::MAX_INPUT,
        });
    }
    String::from_utf8(bytes).map_err(|e| CalcError::InvalidInput {
        detail: format!(
            "dữ liệu không phải văn bản UTF-8 (byte lỗi đầu tiên ở vị trí {}); lưu tệp JSON với mã hóa UTF-8.",
            e.utf8_error().valid_up_to() + 1
        ),
    })
}

/// The plan as text for people: what the allocation page shows, in order (districts, the
/// provincial ward count for recruits, steps, site order, specimens, the principles of Điều 13
/// to keep, the result forms and the reports that follow).
pub fn plan_text(out: &sotay_calc::core::PlanOutput) -> String {
    use sotay_calc::core::allocate::{AllocationBasis, Role};
    let mut s = String::new();
    let mut line = |t: String| {
        s.push_str(&t);
        s.push('\n');
    };
    line(format!(
        "Kế hoạch phân bổ mẫu theo {}{}",
        out.regulation.name,
        out.regulation
            .replaced_by
            .map(|r| format!(" (đã được thay thế bởi {r}; chỉ để tham khảo)"))
            .unwrap_or_default()
    ));
    line(format!(
        "Nhóm: {} · Cỡ mẫu: {} · Hạt giống: {}{}",
        out.group_name,
        out.sample_size,
        out.seed,
        if out.seed_derived {
            " (tự sinh từ dữ liệu nhập)"
        } else {
            ""
        }
    ));
    line(format!(
        "Phương pháp: {} · Nơi lấy mẫu: {}",
        out.method_article, out.site_kind_name
    ));
    if let Some(k) = &out.area_kinds {
        let names: Vec<&str> = k.value.iter().map(|k| k.name_vi()).collect();
        line(format!("Chỉ chọn: {} ({})", names.join(", "), k.article));
    }
    if !out.warnings.is_empty() {
        line(String::new());
        line("Cảnh báo:".into());
        for w in &out.warnings {
            line(format!("- {}", w.text));
        }
    }
    if let Some(w) = &out.wards {
        line(String::new());
        line(format!(
            "Số {} cần giám sát cho cả tỉnh ({}): {}",
            out.site_kind_name,
            w.article,
            w.wards_needed
                .map(|n| n.to_string())
                .unwrap_or_else(|| "chưa tính được (thiếu số trung bình mỗi điểm)".into())
        ));
    }
    if !out.districts.is_empty() {
        line(String::new());
        match &out.allocation_basis {
            AllocationBasis::Regulation { article } => {
                line(format!("Huyện và phân bổ ({article}):"))
            }
            AllocationBasis::Guidance { note } => line(format!("Huyện — tham khảo. {note}")),
            AllocationBasis::None => line("Huyện:".into()),
        }
        let guidance = matches!(out.allocation_basis, AllocationBasis::Guidance { .. });
        line(format!(
            "Hạng\tHuyện\tLoại\tƯớc lượng\tĐược chọn\t{}\tSố điểm",
            if guidance {
                "Số mẫu (tham khảo)"
            } else {
                "Số mẫu"
            }
        ));
        for d in &out.districts {
            line(format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                d.rank,
                d.name,
                d.kind.map(|k| k.name_vi()).unwrap_or("—"),
                d.estimate,
                if d.selected { "có" } else { "không" },
                d.allocated,
                d.sites_needed
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "—".into())
            ));
        }
    }
    line(String::new());
    line("Cách tính:".into());
    for (i, st) in out.steps.iter().enumerate() {
        line(format!(
            "{}. {}{}",
            i + 1,
            st.text,
            st.article.map(|a| format!(" ({a})")).unwrap_or_default()
        ));
    }
    let role = |r: Role| match r {
        Role::Primary => "chính",
        Role::Reserve => "dự phòng",
    };
    let lists = out
        .districts
        .iter()
        .filter(|d| d.selected && !d.sites.is_empty())
        .map(|d| (d.name.as_str(), &d.sites))
        .chain((!out.sites.is_empty()).then_some((out.site_kind_name, &out.sites)));
    for (area, sites) in lists {
        line(String::new());
        line(format!("Thứ tự các điểm — {area}:"));
        for site in sites.iter() {
            line(format!(
                "{}\t{}{}\t{}\tlũy kế {}\t{}",
                site.order,
                site.name,
                site.district
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default(),
                site.estimate,
                site.cumulative,
                role(site.role)
            ));
        }
    }
    line(String::new());
    line("Bệnh phẩm và xét nghiệm:".into());
    for sp in &out.specimens.specimens {
        line(format!("- {}: {} ({})", sp.name, sp.count, sp.article));
    }
    for t in &out.specimens.tests {
        line(format!(
            "- Xét nghiệm {}: {} — {} ({})",
            t.name, t.count, t.place, t.article
        ));
    }
    for n in &out.specimens.notes {
        line(format!("- {n}"));
    }
    if let Some(p) = &out.precision {
        line(String::new());
        line(p.text.clone());
    }
    if !out.principles.is_empty() || !out.conditions.is_empty() {
        line(String::new());
        line("Nguyên tắc cần giữ khi lập kế hoạch:".into());
        for p in &out.principles {
            line(format!("- {} ({})", p.text, p.article));
        }
        for c in &out.conditions {
            line(format!("- {} ({})", c.value, c.article));
        }
    }
    if !out.reporting.is_empty() {
        line(String::new());
        line("Thống kê kết quả và báo cáo giám sát trọng điểm:".into());
        for r in &out.reporting {
            line(format!(
                "- {} lập danh sách kết quả xét nghiệm theo {}{} ({})",
                r.unit,
                r.forms.join(", "),
                r.sent_to.map(|u| format!(", gửi {u}")).unwrap_or_default(),
                r.article
            ));
            if let Some(n) = r.note {
                line(format!("  {n}"));
            }
            for d in &r.reports {
                line(format!(
                    "  → chậm nhất {:02}/{:02} hằng năm: {} → {} ({})",
                    d.due.day, d.due.month, d.title, d.receivers, d.article
                ));
            }
        }
    }
    s.pop();
    s
}

/// The build's time ([`crate::render::build_time`]: `SOURCE_DATE_EPOCH` or the clock) as an
/// iCalendar DATE-TIME in UTC (`YYYYMMDDTHHMMSSZ`).
fn dtstamp_now() -> String {
    crate::render::build_time()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        calc: CalcArgs,
    }

    fn call(argv: &[&str], stdin: &str) -> (i32, String, String) {
        let mut full = vec!["calc"];
        full.extend_from_slice(argv);
        let cli = Cli::try_parse_from(full).expect("arguments parse");
        let mut out = Vec::new();
        let mut err = Vec::new();
        let code = run_with(
            cli.calc,
            &mut stdin.as_bytes(),
            &mut out,
            &mut err,
            "20260101T000000Z".into(),
        );
        (
            code,
            String::from_utf8(out).unwrap_or_default(),
            String::from_utf8(err).unwrap_or_default(),
        )
    }

    #[test]
    fn allocate_example_of_the_issue() {
        let (code, out, err) = call(
            &["allocate"],
            r#"{"group":"idu","sample_size":250,"seed":7,"districts":[{"name":"Ba Đình","estimate":1000,"sites":[{"name":"Phúc Xá","estimate":30}]}]}"#,
        );
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
        let d = &v["districts"][0];
        assert_eq!(d["name"], "Ba Đình");
        assert_eq!(d["selected"], true);
        assert_eq!(d["allocated"], 250);
        assert_eq!(d["sites_needed"], 9);
        assert_eq!(d["sites"][0]["name"], "Phúc Xá");
    }

    #[test]
    fn allocate_bad_input_exits_2_with_vietnamese_message() {
        let (code, out, err) = call(&["allocate"], r#"{"group":"idu","sample_size":100}"#);
        assert_eq!(code, 2);
        assert!(out.is_empty());
        assert!(err.contains("Điều 18 khoản 1 điểm a"), "{err}");
        let (code, _, err) = call(&["allocate"], "not json");
        assert_eq!(code, 2);
        assert!(err.contains("Dữ liệu nhập không phải JSON hợp lệ"), "{err}");
    }

    /// Issue 14: every input error of `sotay calc allocate` is Vietnamese and names the
    /// district or site and the field (serde said "invalid value: integer `-5`, expected u64
    /// at line 1 column 87").
    #[test]
    fn allocate_input_errors_are_vietnamese_naming_the_district_and_field() {
        let english = [
            "invalid value",
            "invalid type",
            "expected",
            "missing field",
            "unknown field",
            "at line",
        ];
        for (stdin, wants) in [
            (
                r#"{"group":"idu","sample_size":250,"districts":[{"name":"Ba Đình","estimate":-5}]}"#,
                &[
                    "Huyện “Ba Đình”",
                    "districts[0].estimate",
                    "ước lượng",
                    "-5",
                ][..],
            ),
            (
                r#"{"group":"idu","sample_size":250,"districts":[{"name":"Ba Đình","estimate":5,"sites":[{"name":"Phúc Xá","estimate":"ba"}]}]}"#,
                &[
                    "Điểm “Phúc Xá” của huyện “Ba Đình”",
                    "districts[0].sites[0].estimate",
                    "chuỗi “ba”",
                ][..],
            ),
            (
                r#"{"group":"idu","sample_size":250,"districts":[{"name":"Ba Đình","estimat":5}]}"#,
                &[
                    "Huyện “Ba Đình”",
                    "districts[0].estimat",
                    "trường không có trong kế hoạch",
                ][..],
            ),
            (
                r#"{"group":"idu","sample_size":250,"districts":[{"estimate":5}]}"#,
                &["Huyện thứ 1", "districts[0].name", "thiếu trường này"][..],
            ),
            (
                r#"{"group":"nhom","sample_size":250}"#,
                &["Trường “group” (nhóm đối tượng)", "chuỗi “nhom”"][..],
            ),
            (
                r#"{"group":"idu","sample_size":-1}"#,
                &["Trường “sample_size” (cỡ mẫu)", "số -1"][..],
            ),
            (
                r#"{"group":"idu","sample_size":250,"districts":[{"name":"A","estimate":1},{"name":"a ","estimate":2}]}"#,
                &[
                    "Huyện “a”",
                    "districts[1].name",
                    "trùng tên",
                    "districts[0].name",
                ][..],
            ),
            (
                r#"{"group":"idu", "#,
                &["không phải JSON hợp lệ", "dòng 1"][..],
            ),
            ("[1, 2]", &["cần một đối tượng JSON", "một danh sách"][..]),
        ] {
            let (code, out, err) = call(&["allocate"], stdin);
            assert_eq!(code, 2, "{stdin}: {out}");
            for w in wants {
                assert!(err.contains(w), "{stdin}: want {w:?} in {err}");
            }
            for e in english {
                assert!(!err.contains(e), "{stdin}: English {e:?} in {err}");
            }
        }
        // Not UTF-8: said so, in Vietnamese, with the position.
        let mut out = Vec::new();
        let mut err = Vec::new();
        let cli = Cli::try_parse_from(["calc", "allocate"]).expect("args");
        let code = run_with(
            cli.calc,
            &mut &b"{\"group\":\"\xff\"}"[..],
            &mut out,
            &mut err,
            String::new(),
        );
        let err = String::from_utf8(err).unwrap();
        assert_eq!(code, 2);
        assert!(
            err.contains("không phải văn bản UTF-8") && err.contains("vị trí 11"),
            "{err}"
        );
    }

    /// Issue 17: a count may be a string as planners write it, read by the one parser of
    /// `core::count`: "1.200" is twelve hundred, "1200.5" and "300.5" are refused quoting them.
    #[test]
    fn allocate_reads_counts_written_the_vietnamese_way() {
        let (code, out, err) = call(
            &["allocate"],
            r#"{"group":"idu","sample_size":"300","seed":7,"districts":[{"name":"A","estimate":"1.200"},{"name":"B","estimate":"1 200","sites":[{"name":"x","estimate":"1 000"}]}]}"#,
        );
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
        assert_eq!(v["districts"][0]["estimate"], 1200);
        assert_eq!(v["districts"][1]["estimate"], 1200);
        assert_eq!(v["districts"][1]["sites"][0]["estimate"], 1000);
        for (stdin, want) in [
            (
                r#"{"group":"idu","sample_size":250,"districts":[{"name":"A","estimate":"1200.5"}]}"#,
                "“1200.5” không phải số nguyên",
            ),
            (
                r#"{"group":"idu","sample_size":"300.5","districts":[{"name":"A","estimate":5}]}"#,
                "“300.5” không phải số nguyên",
            ),
            (
                r#"{"group":"idu","sample_size":250,"districts":[{"name":"A","estimate":"12.00"}]}"#,
                "“12.00” không phải số nguyên",
            ),
        ] {
            let (code, _, err) = call(&["allocate"], stdin);
            assert_eq!(code, 2, "{stdin}");
            assert!(err.contains(want), "{stdin}: want {want:?} in {err}");
        }
    }

    /// `--format text`: the plan for people, with the principles of Điều 13 (khoản 5, 6, 8),
    /// the result forms (Điều 19 khoản 5 / Điều 20 khoản 4) and the recruits' provincial count.
    #[test]
    fn allocate_text_shows_principles_result_forms_and_ward_count() {
        let (code, out, err) = call(
            &["allocate", "--format", "text"],
            r#"{"group":"recruits_urban","sample_size":400,"seed":3,"mean_per_site":29,"sti_surveillance":true,
               "districts":[{"name":"Quận Ba Đình","estimate":2000,"sites":[{"name":"Phúc Xá","estimate":30}]},
                            {"name":"Quận Hoàn Kiếm","estimate":1000}]}"#,
        );
        assert_eq!(code, 0, "{err}");
        for want in [
            "Số phường, thị trấn có khám sơ tuyển nghĩa vụ quân sự cần giám sát cho cả tỉnh (Điều 18 khoản 5 điểm b): 14",
            "Số mẫu (tham khảo)",
            "Chỉ chọn: quận, thị xã, thành phố thuộc tỉnh (Điều 16 khoản 5 điểm a)",
            "Nguyên tắc cần giữ khi lập kế hoạch:",
            "(Điều 13 khoản 5)",
            "(Điều 13 khoản 6)",
            "(Điều 13 khoản 8)",
            "Phụ lục 8, Phụ lục 9, Phụ lục 10, Phụ lục 11, Phụ lục 12, Phụ lục 13, gửi Đơn vị đầu mối về phòng, chống HIV/AIDS tỉnh (Điều 19 khoản 5 điểm a)",
            "(Điều 19 khoản 5 điểm b)",
            "→ chậm nhất 31/12 hằng năm: Báo cáo giám sát trọng điểm HIV nhóm thanh niên",
            "Phúc Xá (Quận Ba Đình)",
        ] {
            assert!(out.contains(want), "{want:?} in\n{out}");
        }
        assert!(!out.contains("Điều 13 khoản 7"));
        // JSON has them too.
        let (code, out, _) = call(&["allocate"], r#"{"group":"other","sample_size":400}"#);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["principles"].as_array().map(|a| a.len()), Some(3));
        assert_eq!(v["conditions"][0]["article"], "Điều 14 khoản 1 điểm g");
        assert_eq!(v["reporting"][0]["article"], "Điều 20 khoản 4");
    }

    /// Điều 23 khoản 3 / Điều 25 khoản 5: `--unit tinh` lists the Ministry's institutes' STI
    /// report, and the unit is named with "đóng trên địa bàn tỉnh" where Điều 23 khoản 3 says so.
    #[test]
    fn dieu_25_khoan_5_with_unit_tinh() {
        let (code, out, _) = call(
            &[
                "deadlines",
                "--year",
                "2022",
                "--unit",
                "tinh",
                "--format",
                "text",
            ],
            "",
        );
        assert_eq!(code, 0);
        assert!(
            out.lines().any(|l| l.contains("\tĐiều 25 khoản 5\t")),
            "{out}"
        );
        assert!(out.contains("Các viện, bệnh viện trực thuộc Bộ Y tế đóng trên địa bàn tỉnh"));
    }

    #[test]
    fn workdays_over_tet_2025() {
        // Friday 24/1/2025 + 1 working day: Tết break 25/1–2/2 → Monday 3/2.
        let (code, out, _) = call(&["workdays", "--from", "2025-01-24", "--add", "1"], "");
        assert_eq!(code, 0);
        assert_eq!(out.lines().next(), Some("2025-02-03"));
        assert!(
            out.contains(
                "Bỏ qua 9 ngày nghỉ:\n- 25/01/2025–02/02/2025: Thứ Bảy, Chủ nhật và Tết Âm lịch"
            ),
            "{out}"
        );
        assert!(!out.contains("ước tính"), "{out}");
        let (code, _, err) = call(&["workdays", "--from", "2025-13-01", "--add", "1"], "");
        assert_eq!(code, 2);
        assert!(err.contains("YYYY-MM-DD trong các năm 2013–2197"), "{err}");
    }

    #[test]
    fn workdays_over_an_estimated_tet_say_so_in_text_and_json() {
        let (code, out, _) = call(&["workdays", "--from", "2027-02-03", "--add", "1"], "");
        assert_eq!(code, 0);
        assert_eq!(out.lines().next(), Some("2027-02-11"));
        assert!(
            out.contains("Kết quả dựa trên lịch nghỉ ước tính (chưa có thông báo chính thức): Tết Âm lịch 2027."),
            "{out}"
        );
        let (code, out, _) = call(
            &[
                "workdays",
                "--from",
                "2027-02-03",
                "--add",
                "1",
                "--format",
                "json",
            ],
            "",
        );
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
        assert_eq!(v["date"], "2027-02-11");
        assert_eq!(v["estimated"], true);
        assert_eq!(v["skipped"][0]["date"], "2027-02-04");
        assert_eq!(v["skipped"][0]["kind"], "compensatory");
    }

    /// Issue 13: "Năm 1901 nằm ngoài phạm vi hỗ trợ (1901–2198)" named a range that refused
    /// 1901, and `workdays` named the start's year when the count left the range.
    #[test]
    fn range_errors_name_the_year_and_the_range_accepted() {
        for argv in [
            &["deadlines", "--year", "1901"][..],
            &["calendar", "--year", "1901"][..],
            &["next", "--from", "1901-05-01"][..],
        ] {
            let (code, out, err) = call(argv, "");
            assert_eq!(code, 2, "{argv:?}");
            assert!(out.is_empty());
            assert_eq!(
                err.trim(),
                "sotay calc: Năm 1901 nằm ngoài phạm vi hỗ trợ (2013–2197).",
                "{argv:?}"
            );
        }
        for argv in [
            &["deadlines", "--year", "2013"][..],
            &["deadlines", "--year", "2197"][..],
            &["calendar", "--year", "2013"][..],
        ] {
            assert_eq!(call(argv, "").0, 0, "{argv:?}");
        }
        let (code, _, err) = call(&["workdays", "--from", "2197-12-20", "--add", "30"], "");
        assert_eq!(code, 2);
        assert_eq!(
            err.trim(),
            "sotay calc: Năm 2198 nằm ngoài phạm vi hỗ trợ (2013–2197)."
        );
        let (code, _, err) = call(&["workdays", "--from", "2013-01-10", "--add", "-30"], "");
        assert_eq!(code, 2);
        assert!(err.contains("Năm 2012 "), "{err}");
    }

    #[test]
    fn calendar_lists_kinds() {
        let (code, out, _) = call(&["calendar", "--year", "2024"], "");
        assert_eq!(code, 0);
        assert!(out.contains("2024-04-29\tThứ Hai\tnghỉ hoán đổi"), "{out}");
        assert!(out.contains("2024-05-04\tThứ Bảy\tlàm bù"), "{out}");
        assert!(out.contains("2024-02-13\tThứ Ba\tnghỉ bù"), "{out}");
        assert!(
            out.contains(
                "- Ngày Chiến thắng và Ngày Quốc tế lao động 2024: Công văn số 2450/VPCP-KGVX"
            ),
            "{out}"
        );
        let (code, _, _) = call(&["calendar", "--year", "99999"], "");
        assert_eq!(code, 2);
    }

    #[test]
    fn calendar_text_names_the_law_the_sources_and_the_24_11_note() {
        let (code, out, _) = call(&["calendar", "--year", "2026"], "");
        assert_eq!(code, 0);
        assert!(
            out.contains("2026-01-10\tThứ Bảy\tlàm bù\tLàm bù dịp Tết Dương lịch\n"),
            "{out}"
        );
        assert!(
            out.contains("Luật áp dụng năm 2026: Bộ luật Lao động 2019."),
            "{out}"
        );
        assert!(
            out.contains("- Tết Dương lịch 2026: Công văn số 12729/VPCP-KGVX"),
            "{out}"
        );
        assert!(
            out.contains("Ghi chú: 24/11 — Ngày Văn hóa Việt Nam: đề xuất, chưa có hiệu lực — kiểm tra ngày 04/12/2026"),
            "{out}"
        );
        assert!(!out.contains("2026-11-24\t"), "not a day off: {out}");
        // An estimated year says so for every occasion, with the days it may still move.
        let (code, out, _) = call(&["calendar", "--year", "2027"], "");
        assert_eq!(code, 0);
        assert!(
            out.contains("2027-02-04\tThứ Năm\tnghỉ bù\tNghỉ bù Tết Âm lịch\t(ước tính)"),
            "{out}"
        );
        assert!(
            out.contains("- Tết Âm lịch 2027 (ước tính): Ước tính theo Bộ luật Lao động 2019"),
            "{out}"
        );
        // 2013: the 1994 code until 30/4, then the 2012 code.
        let (_, out, _) = call(&["calendar", "--year", "2013"], "");
        assert!(
            out.contains(
                "Luật áp dụng năm 2013: Bộ luật Lao động 1994, rồi Bộ luật Lao động 2012."
            ),
            "{out}"
        );
    }

    #[test]
    fn deadlines_text_and_ics_mark_estimated_dates() {
        let (code, out, _) = call(
            &[
                "deadlines",
                "--year",
                "2027",
                "--unit",
                "hiv_tinh",
                "--format",
                "text",
            ],
            "",
        );
        assert_eq!(code, 0);
        let feb = out
            .lines()
            .find(|l| l.starts_with("15/02/2027"))
            .expect(&out);
        assert!(
            feb.contains(" (lịch nghỉ ước tính: Tết Âm lịch 2027)"),
            "{feb}"
        );
        let july = out
            .lines()
            .find(|l| l.starts_with("15/07/2027"))
            .expect(&out);
        assert!(!july.contains("ước tính"), "{july}");
        let (_, ics, _) = call(&["deadlines", "--year", "2027", "--format", "ics"], "");
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(
            "dựa trên lịch nghỉ ước tính: Tết Âm lịch 2027 (chưa có thông báo chính thức)."
        ));
        // 15/02/2026 → 23/02/2026: every day crossed is named.
        let (_, out, _) = call(&["deadlines", "--year", "2026", "--format", "text"], "");
        assert!(
            out.contains(
                "23/02/2026 (hạn theo văn bản 15/02/2026: ngày nghỉ, Chủ nhật và Tết Âm lịch)"
            ),
            "{out}"
        );
    }

    #[test]
    fn deadlines_json_and_filter() {
        let (code, out, _) = call(
            &["deadlines", "--year", "2025", "--unit", "da_lieu_tinh"],
            "",
        );
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
        let arr = v.as_array().cloned().unwrap_or_default();
        assert!(!arr.is_empty());
        for d in &arr {
            for k in ["article", "sender", "receiver", "end", "effective_end"] {
                assert!(d.get(k).is_some(), "{k}");
            }
        }
        let (code, _, err) = call(&["deadlines", "--year", "2025", "--unit", "nope"], "");
        assert_eq!(code, 2);
        assert!(err.contains("unit"));
    }

    #[test]
    fn ics_is_rfc5545_shaped() {
        let (code, out, _) = call(&["deadlines", "--year", "2024", "--format", "ics"], "");
        assert_eq!(code, 0);
        assert!(out.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(out.ends_with("END:VCALENDAR\r\n"));
        // Every line ends in CRLF and is at most 75 octets.
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
            assert!(!line.contains('\n'));
        }
        let events = out.matches("BEGIN:VEVENT").count();
        assert_eq!(events, out.matches("END:VEVENT").count());
        assert_eq!(events, out.matches("\r\nUID:").count());
        assert_eq!(events, out.matches("\r\nDTSTAMP:20260101T000000Z").count());
        assert!(out.contains("DTSTART;VALUE=DATE:2024"));
        // The unfolded text keeps the escaped commas.
        let unfolded = out.replace("\r\n ", "");
        assert!(unfolded.contains("Phụ lục 1\\, Phụ lục 2"));
    }

    /// One iCalendar writer (issue 15): the command line's file is the core's, byte for byte,
    /// so a planner importing both the page's .ics and this one gets each event once.
    #[test]
    fn ics_is_the_core_writer_the_page_uses() {
        let (code, out, _) = call(&["deadlines", "--year", "2025", "--format", "ics"], "");
        assert_eq!(code, 0);
        let v = sotay_calc::core::rules::active();
        let list = deadlines::deadlines_for_year(v, 2025, None).unwrap();
        let core = sotay_calc::core::ics::deadlines_ics(&list, v.name, "20260101T000000Z");
        assert_eq!(out, core);
        assert!(out.contains("@sotay\r\n") && !out.contains("@sotay.calc"));
    }

    #[test]
    fn next_and_steps() {
        let (code, out, _) = call(&["next", "--from", "2025-10-01", "--limit", "3"], "");
        assert_eq!(code, 0);
        assert!(out.contains("2025-10-"), "{out}");
        let (code, out, _) = call(&["steps", "--received", "2025-04-25", "--chain"], "");
        assert_eq!(code, 0);
        assert!(out.contains("Điều 24 khoản 4 điểm a"));
    }

    #[test]
    fn rules_option_labels_rows_with_their_instrument() {
        // 09/2012 (the default) after its replacement: every row says so.
        for argv in [
            &["next", "--from", "2025-10-01", "--limit", "3"][..],
            &[
                "next",
                "--from",
                "2025-10-01",
                "--limit",
                "3",
                "--rules",
                "tt09-2012",
            ][..],
        ] {
            let (code, out, err) = call(argv, "");
            assert_eq!(code, 0, "{err}");
            let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
            let rows = v.as_array().cloned().unwrap_or_default();
            assert_eq!(rows.len(), 3);
            for r in &rows {
                assert_eq!(r["rules_id"], "tt09-2012");
                assert_eq!(r["in_force"], false);
                assert_eq!(
                    r["instrument"],
                    "Theo Thông tư 09/2012/TT-BYT — đã được thay thế từ 01/06/2023 bởi Thông tư 07/2023/TT-BYT; chỉ để tham khảo"
                );
            }
        }
        // Text: one line per row, the instrument last; a date before 01/06/2023 is in force.
        let (code, out, _) = call(
            &[
                "deadlines",
                "--year",
                "2023",
                "--unit",
                "hiv_tinh",
                "--format",
                "text",
            ],
            "",
        );
        assert_eq!(code, 0);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 10);
        let march = lines
            .iter()
            .find(|l| l.starts_with("10/03/2023"))
            .expect(&out);
        assert!(march.ends_with("\tTheo Thông tư 09/2012/TT-BYT"), "{march}");
        let october = lines.iter().find(|l| l.contains("/10/2023\t")).expect(&out);
        assert!(october.ends_with("; chỉ để tham khảo"), "{october}");
        let (code, out, _) = call(
            &[
                "steps",
                "--received",
                "2023-05-25",
                "--chain",
                "--format",
                "text",
            ],
            "",
        );
        assert_eq!(code, 0);
        assert!(
            out.lines()
                .all(|l| l.contains("\tTheo Thông tư 09/2012/TT-BYT")),
            "{out}"
        );
        assert!(out.contains("Điều 24 khoản 4 điểm a"));
        // The calendar export says it too.
        let (code, out, _) = call(&["deadlines", "--year", "2024", "--format", "ics"], "");
        assert_eq!(code, 0);
        let unfolded = out.replace("\r\n ", "");
        assert!(unfolded.contains(" — chỉ để tham khảo\r\n"), "{unfolded}");
        assert!(unfolded.contains("\\nTheo Thông tư 09/2012/TT-BYT — đã được thay thế"));
    }

    #[test]
    fn tt07_deadlines_for_the_period_the_planner_chose_say_so_in_every_format() {
        let (code, out, err) = call(
            &[
                "deadlines",
                "--year",
                "2026",
                "--rules",
                "tt07-2023",
                "--period",
                "quy",
                "--format",
                "ics",
            ],
            "",
        );
        assert_eq!(code, 0, "{err}");
        // 4 steps of Điều 11 khoản 5, each after each of the 4 quarters.
        assert_eq!(out.matches("BEGIN:VEVENT").count(), 16, "{out}");
        let unfolded = out.replace("\r\n ", "");
        assert!(
            unfolded.contains("Kỳ báo cáo (quý) do bạn chọn"),
            "{unfolded}"
        );
        assert!(unfolded.contains("Từ 01/07/2025 không còn cấp huyện"));
        let (code, out, _) = call(
            &[
                "next",
                "--from",
                "2026-12-04",
                "--rules",
                "tt07-2023",
                "--period",
                "thang",
                "--unit",
                "tram_y_te_xa",
                "--format",
                "text",
                "--limit",
                "2",
            ],
            "",
        );
        assert_eq!(code, 0);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(
            lines[0].starts_with("07/12/2026 (hạn theo văn bản 05/12/2026"),
            "{out}"
        );
        assert!(lines[0].contains("tháng 11/2026") && lines[0].contains("Điều 11 khoản 5 điểm a"));
        assert!(lines[0].contains("do bạn chọn"), "{out}");
        // A period that is not one: refused, quoting it.
        let (code, out, err) = call(
            &[
                "deadlines",
                "--year",
                "2026",
                "--rules",
                "tt07-2023",
                "--period",
                "tuan",
            ],
            "",
        );
        assert_eq!(code, 2, "{err}");
        assert!(out.is_empty());
        assert!(err.contains("“tuan”") && err.contains("quy (quý)"), "{err}");
    }

    #[test]
    fn rules_without_the_rule_refuse_naming_their_own_article() {
        let tt07 = sotay_calc::core::rules::version("tt07-2023").expect("07/2023 encoded");
        for argv in [
            &["deadlines", "--year", "2025", "--rules", "tt07-2023"][..],
            &[
                "deadlines",
                "--year",
                "2025",
                "--unit",
                "hiv_tinh",
                "--rules",
                "tt07-2023",
            ][..],
            &["next", "--from", "2025-10-01", "--rules", "tt07-2023"][..],
            &[
                "next",
                "--from",
                "2025-10-01",
                "--rules",
                "tt07-2023",
                "--format",
                "text",
            ][..],
        ] {
            // Its deadlines are verified (Điều 11 khoản 5), its reporting period is not: the
            // planner is asked for it (bad input: exit 2), and nothing is written.
            let (code, out, err) = call(argv, "");
            assert_eq!(code, 2, "{argv:?}: {err}");
            assert!(out.is_empty());
            assert!(
                err.contains("Chọn kỳ báo cáo")
                    && err.contains("Thông tư 07/2023/TT-BYT (Điều 11 khoản 5)")
                    && err.contains("chưa được xác minh"),
                "{err}"
            );
            assert!(!err.contains("Điều 23"), "never 09/2012's article: {err}");
        }
        let (code, _, err) = call(
            &["steps", "--received", "2025-04-25", "--rules", "tt07-2023"],
            "",
        );
        assert_eq!(code, 3);
        assert!(err.contains(tt07.articles.event_steps), "{err}");
        assert!(!err.contains("Điều 24"), "{err}");
        // An unknown version is bad input, listing the known ones.
        let (code, _, err) = call(&["next", "--from", "2025-10-01", "--rules", "tt99"], "");
        assert_eq!(code, 2);
        assert!(
            err.contains("tt99") && err.contains("tt09-2012, tt07-2023"),
            "{err}"
        );
    }
}
