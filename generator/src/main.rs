//! `sotay`: build, serve and check the handbook; run the calculator on the command line.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sotay::error::Diagnostic;
use sotay::pipeline::{BuildOptions, build};

#[derive(Parser)]
#[command(
    name = "sotay",
    version,
    about = "Sổ tay: dựng sổ tay hướng dẫn thành trang web tĩnh"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Dựng toàn bộ sổ tay vào thư mục ra (mặc định public/).
    Build {
        /// Thư mục ra (output directory); default: ROOT/public.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Thư mục gốc của dự án (project root).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Bỏ qua bước biên dịch máy tính wasm (also: SOTAY_NO_WASM=1).
        #[arg(long)]
        no_wasm: bool,
    },
    /// Dựng, phục vụ trên 127.0.0.1 và tự dựng lại khi có thay đổi.
    Serve {
        #[arg(long, default_value_t = 8000)]
        port: u16,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Thư mục ra; default: ROOT/public.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        no_wasm: bool,
    },
    /// Kiểm tra nội dung, dữ liệu, mẫu và liên kết mà không ghi gì.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// In sổ tay (hoặc một phần) ra PDF có mục lục, số trang và dấu trang, bằng Chromium.
    Pdf {
        /// Tệp PDF ghi ra.
        #[arg(long, default_value = "so-tay.pdf")]
        out: PathBuf,
        /// Chỉ một phần (giam-sat, thuat-ngu, …); mặc định: toàn bộ sổ tay.
        #[arg(long)]
        part: Option<String>,
        /// Thư mục đã dựng (sotay build); mặc định: ROOT/public.
        #[arg(long)]
        site: Option<PathBuf>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Đường dẫn tới Chromium/Chrome (cũng: biến CHROMIUM).
        #[arg(long)]
        chromium: Option<PathBuf>,
    },
    /// Máy tính giám sát trọng điểm trên dòng lệnh.
    Calc(sotay::calc::CalcArgs),
}

fn no_wasm_env() -> bool {
    std::env::var_os("SOTAY_NO_WASM").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Print diagnostics (errors and warnings), sorted, one per line.
fn report(diags: Vec<Diagnostic>) {
    let errors = sotay::error::print(diags);
    eprintln!("sotay: {errors} lỗi");
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ctrl+C or SIGTERM during a build removes its staging folder (the output stays as it was).
    sotay::output::remove_staging_on_interrupt();
    match cli.command {
        Cmd::Build { out, root, no_wasm } => {
            let out_dir = out.unwrap_or_else(|| root.join("public"));
            let mut opts =
                BuildOptions::new(root, Some(out_dir.clone()), !(no_wasm || no_wasm_env()));
            opts.progress = true;
            match build(&opts) {
                Ok(r) => {
                    sotay::error::print(r.warnings);
                    println!(
                        "Đã dựng {} trang trong {} ms → {}/",
                        r.pages,
                        r.elapsed.as_millis(),
                        out_dir.display().to_string().trim_end_matches('/')
                    );
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    report(d);
                    ExitCode::from(1)
                }
            }
        }
        Cmd::Check { root } => {
            let mut opts = BuildOptions::new(root, None, false);
            opts.progress = true;
            match build(&opts) {
                Ok(r) => {
                    sotay::error::print(r.warnings);
                    println!(
                        "Đã kiểm tra {} trang trong {} ms: không có lỗi",
                        r.pages,
                        r.elapsed.as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    report(d);
                    ExitCode::from(1)
                }
            }
        }
        Cmd::Serve {
            port,
            root,
            out,
            no_wasm,
        } => {
            let out_dir = out.unwrap_or_else(|| root.join("public"));
            let mut opts = BuildOptions::new(root, Some(out_dir), !(no_wasm || no_wasm_env()));
            opts.progress = true;
            ExitCode::from(sotay::serve::run(opts, port) as u8)
        }
        Cmd::Pdf {
            out,
            part,
            site,
            root,
            chromium,
        } => {
            let opts = sotay::pdf::PdfOptions {
                site: site.unwrap_or_else(|| root.join("public")),
                out: out.clone(),
                part,
                chromium,
            };
            match sotay::pdf::run(&opts) {
                Ok(r) => {
                    println!(
                        "Đã ghi {}: {} trang, {} KB, số trang của {} mục (sau {} lần in)",
                        out.display(),
                        r.pages,
                        r.bytes / 1024,
                        r.numbered,
                        r.passes
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("sotay pdf: lỗi: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Cmd::Calc(args) => ExitCode::from(sotay::calc::run(args).clamp(0, 255) as u8),
    }
}
