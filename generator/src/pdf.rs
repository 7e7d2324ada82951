//! `sotay pdf`: the print page of the built site (`/in/` or `/in/<part>/`) printed to PDF by
//! the installed Chromium, headless, over the DevTools protocol (`Page.printToPDF` with
//! `generateDocumentOutline`: the PDF's bookmarks are the print page's headings, parts › pages
//! › their headings).
//!
//! Page numbers. CSS cannot say on which page an element lands (Chromium has no
//! `target-counter()`), so the PDF is printed twice or more: every cross-reference and TOC entry
//! first carries a placeholder number (`data-page="000"`, as wide as a real one); the PDF
//! Chromium writes has a named destination for every link target (`/Dests`: id → page), read
//! with `lopdf`; the real numbers are written into `data-page`, and the page is printed again,
//! until the numbers no longer change (at most [`MAX_PASSES`] prints).
//!
//! The site is served from its folder on 127.0.0.1 at a free port for the time of the print.
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use headless_chrome::types::PrintToPdfOptions;
use headless_chrome::{Browser, LaunchOptions};

/// Prints of the page at most (each reads the page numbers of the one before).
pub const MAX_PASSES: usize = 4;

/// What `sotay pdf` is asked.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// The built site (`sotay build`'s output).
    pub site: PathBuf,
    /// The PDF to write.
    pub out: PathBuf,
    /// A part (`giam-sat` or `/giam-sat/`), or the whole handbook.
    pub part: Option<String>,
    /// Chromium to use; None: `$CHROMIUM`, then `chromium`, `chromium-browser`,
    /// `google-chrome` on `PATH`.
    pub chromium: Option<PathBuf>,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct PdfReport {
    pub pages: usize,
    /// Link targets whose page is known (cross-references and TOC entries).
    pub numbered: usize,
    pub passes: usize,
    pub bytes: usize,
}

const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The Chromium binary: the one asked, `$CHROMIUM`, or the first candidate on `PATH`.
pub fn find_chromium(asked: Option<&Path>) -> Result<PathBuf, String> {
    let missing = |what: &str| {
        format!(
            "không tìm thấy Chromium ({what}). `sotay pdf` in bằng Chromium hoặc Google Chrome đã \
             cài trên máy. Cài Chromium: `apt-get install chromium` (Debian), `apt-get install \
             chromium-browser` (Ubuntu), `dnf install chromium` (Fedora), `brew install --cask \
             chromium` (macOS); hoặc chỉ đường dẫn: `--chromium /đường/dẫn/chrome` hay biến \
             CHROMIUM=/đường/dẫn/chrome"
        )
    };
    if let Some(p) = asked {
        return if p.is_file() {
            Ok(p.to_path_buf())
        } else {
            Err(missing(&format!("--chromium {} không có", p.display())))
        };
    }
    if let Some(p) = std::env::var_os("CHROMIUM").filter(|v| !v.is_empty()) {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(missing(&format!("CHROMIUM={} không có", p.display())))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for c in CANDIDATES {
            let p = dir.join(c);
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    Err(missing(&format!(
        "không có {} trong PATH",
        CANDIDATES.join(", ")
    )))
}

/// The print page's path for `part`: `None` → `/in/`, `giam-sat` or `/giam-sat/` → `/in/giam-sat/`.
pub fn print_path(part: Option<&str>) -> String {
    match part.map(|p| p.trim_matches('/')) {
        None | Some("") => crate::print::BOOK_URL.to_string(),
        Some(p) => format!(
            "{}{}/",
            crate::print::BOOK_URL,
            p.rsplit('/').next().unwrap_or(p)
        ),
    }
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .and_then(|l| l.split_whitespace().nth(1))
            == Some("0")
    })
}

/// The page number of every named destination of a PDF (`/Dests` of the catalog), and the
/// page count.
pub fn destinations(pdf: &[u8]) -> Result<(BTreeMap<String, u32>, usize), String> {
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| format!("PDF không đọc được: {e}"))?;
    let pages = doc.get_pages();
    let number: BTreeMap<lopdf::ObjectId, u32> = pages.iter().map(|(n, id)| (*id, *n)).collect();
    let mut out = BTreeMap::new();
    let dests = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Dests").ok())
        .and_then(|d| doc.dereference(d).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    if let Some(dests) = dests {
        for (name, value) in dests.iter() {
            let Ok((_, value)) = doc.dereference(value) else {
                continue;
            };
            let array = match value {
                lopdf::Object::Array(a) => Some(a),
                lopdf::Object::Dictionary(d) => d.get(b"D").ok().and_then(|o| o.as_array().ok()),
                _ => None,
            };
            if let Some(page) = array
                .and_then(|a| a.first())
                .and_then(|o| o.as_reference().ok())
                .and_then(|r| number.get(&r))
            {
                out.insert(String::from_utf8_lossy(name).into_owned(), *page);
            }
        }
    }
    Ok((out, pages.len()))
}

/// Serve `site`, print its print page with Chromium, write the PDF.
/// The PDF's `/Creator` when sotay wrote it: an existing `--out` is replaced only when it
/// carries this (sotay never overwrites a file it did not write).
pub const CREATOR: &str = "sotay pdf (Sổ tay)";

/// Whether the file at `path` may be replaced: it does not exist, or it is a PDF sotay wrote.
fn may_replace(path: &Path) -> Result<(), String> {
    if !path.exists() {
        return Ok(());
    }
    let ours = std::fs::read(path).ok().and_then(|b| {
        let doc = lopdf::Document::load_mem(&b).ok()?;
        let info = doc.trailer.get(b"Info").ok()?;
        let (_, info) = doc.dereference(info).ok()?;
        let creator = info.as_dict().ok()?.get(b"Creator").ok()?.as_str().ok()?;
        Some(creator == CREATOR.as_bytes())
    });
    if ours == Some(true) {
        Ok(())
    } else {
        Err(format!(
            "{}: tệp đã có và không phải do sotay pdf ghi ra; sotay không ghi đè tệp của người              dùng. Chọn --out một tệp khác, hoặc tự xoá/đổi tên tệp này (refusing to overwrite a              file sotay did not write)",
            path.display()
        ))
    }
}

/// `pdf` with [`CREATOR`] as its `/Creator`.
fn mark_ours(pdf: &[u8]) -> Result<Vec<u8>, String> {
    let mut doc = lopdf::Document::load_mem(pdf).map_err(|e| format!("PDF không đọc được: {e}"))?;
    let info_id = match doc.trailer.get(b"Info").and_then(|o| o.as_reference()) {
        Ok(id) => id,
        Err(_) => {
            let id = doc.add_object(lopdf::Dictionary::new());
            doc.trailer.set("Info", lopdf::Object::Reference(id));
            id
        }
    };
    doc.get_object_mut(info_id)
        .and_then(|o| o.as_dict_mut())
        .map_err(|e| format!("PDF không sửa được: {e}"))?
        .set("Creator", lopdf::Object::string_literal(CREATOR));
    let mut out = Vec::with_capacity(pdf.len());
    doc.save_to(&mut out)
        .map_err(|e| format!("PDF không ghi được: {e}"))?;
    Ok(out)
}

pub fn run(opts: &PdfOptions) -> Result<PdfReport, String> {
    may_replace(&opts.out)?;
    let path = print_path(opts.part.as_deref());
    let file = opts
        .site
        .join(path.trim_start_matches('/'))
        .join("index.html");
    if !file.is_file() {
        let parts: Vec<String> = std::fs::read_dir(opts.site.join("in"))
            .map(|d| {
                let mut v: Vec<String> = d
                    .flatten()
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect();
                v.sort();
                v
            })
            .unwrap_or_default();
        return Err(if parts.is_empty() {
            format!(
                "{}: không có bản in; chạy `sotay build` trước (hoặc chỉ thư mục đã dựng bằng --site)",
                file.display()
            )
        } else {
            format!(
                "không có phần «{}»; các phần: {}",
                opts.part.as_deref().unwrap_or(""),
                parts.join(", ")
            )
        });
    }
    let chromium = find_chromium(opts.chromium.as_deref())?;
    let site = opts
        .site
        .canonicalize()
        .map_err(|e| format!("{}: {e}", opts.site.display()))?;
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|e| format!("không mở được cổng trên 127.0.0.1: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let root = site.clone();
    crate::http::spawn(listener, move |req: &crate::http::Request| {
        let found = crate::serve::resolve(&root, &req.url).filter(|f| f.is_file());
        match found.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
            Some((f, bytes)) => crate::http::Response::new(200, bytes)
                .with_header("Content-Type", crate::serve::content_type(&f)),
            None => crate::http::Response::new(404, b"404".to_vec()),
        }
    });

    let profile = tempfile::Builder::new()
        .prefix("sotay-pdf-profile-")
        .tempdir()
        .map_err(|e| format!("thư mục tạm: {e}"))?;
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let launch = LaunchOptions::default_builder()
        .path(Some(chromium.clone()))
        .headless(true)
        // Chromium's sandbox refuses to start as root; the page printed is our own, local.
        .sandbox(!running_as_root())
        .user_data_dir(Some(profile.path().to_path_buf()))
        .idle_browser_timeout(Duration::from_secs(600))
        .args(args)
        .build()
        .map_err(|e| e.to_string())?;
    let browser = Browser::new(launch)
        .map_err(|e| format!("không khởi động được {}: {e}", chromium.display()))?;
    let tab = browser.new_tab().map_err(|e| e.to_string())?;
    tab.set_default_timeout(Duration::from_secs(300));
    let url = format!("http://127.0.0.1:{port}{path}");
    tab.navigate_to(&url)
        .and_then(|t| t.wait_until_navigated())
        .map_err(|e| format!("mở {url}: {e}"))?;
    let eval = |js: &str| {
        tab.evaluate(js, true)
            .map_err(|e| format!("Chromium: {e}"))
            .map(|r| r.value)
    };
    eval("document.fonts.ready.then(() => true)")?;
    // Placeholders as wide as a page number, so the first print is laid out like the last.
    eval(
        "document.querySelectorAll('a.print-xref[href^=\"#\"], a.print-toc-link')\
         .forEach(a => a.dataset.page = '000'); true",
    )?;
    let options = || PrintToPdfOptions {
        prefer_css_page_size: Some(true),
        print_background: Some(false),
        display_header_footer: Some(false),
        generate_document_outline: Some(true),
        generate_tagged_pdf: Some(true),
        ..Default::default()
    };
    let mut known: BTreeMap<String, u32> = BTreeMap::new();
    let mut passes = 0;
    let (pdf, pages) = loop {
        passes += 1;
        let pdf = tab
            .print_to_pdf(Some(options()))
            .map_err(|e| format!("Chromium không in được {url}: {e}"))?;
        let (dests, pages) = destinations(&pdf)?;
        if dests == known || passes == MAX_PASSES {
            known = dests;
            break (pdf, pages);
        }
        known = dests;
        let map = serde_json::to_string(&known).map_err(|e| e.to_string())?;
        eval(&format!(
            "(() => {{ const p = {map};
               document.querySelectorAll('a.print-xref[href^=\"#\"], a.print-toc-link').forEach(a => {{
                 const n = p[decodeURIComponent(a.getAttribute('href').slice(1))];
                 if (n) a.dataset.page = String(n); else delete a.dataset.page;
               }}); return true; }})()"
        ))?;
    };
    if let Some(dir) = opts.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let pdf = mark_ours(&pdf)?;
    // Written beside it, then renamed: an interrupted run leaves the previous PDF whole.
    let name = opts
        .out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "so-tay.pdf".into());
    let tmp = opts
        .out
        .with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, &pdf)
        .and_then(|_| std::fs::rename(&tmp, &opts.out))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("{}: {e}", opts.out.display())
        })?;
    Ok(PdfReport {
        pages,
        numbered: known.len(),
        passes,
        bytes: pdf.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_paths() {
        assert_eq!(print_path(None), "/in/");
        assert_eq!(print_path(Some("giam-sat")), "/in/giam-sat/");
        assert_eq!(print_path(Some("/giam-sat/")), "/in/giam-sat/");
        assert_eq!(print_path(Some("/")), "/in/");
    }

    #[test]
    fn a_missing_chromium_says_what_to_install() {
        let e = find_chromium(Some(Path::new("/khong/co/chromium"))).unwrap_err();
        assert!(e.contains("apt-get install chromium"), "{e}");
        assert!(e.contains("/khong/co/chromium"), "{e}");
    }
}
