//! Site paths as written in links: scheme detection, `.`/`..` normalisation, fragments, and
//! resolving a path against the page it is written on. A leaf: knows nothing of pages.
use std::borrow::Cow;

/// Does `href` have a URL scheme (`https:`, `mailto:`, `data:`) or is it protocol-relative?
pub fn is_external(href: &str) -> bool {
    if href.starts_with("//") {
        return true;
    }
    match href.find(':') {
        Some(i) => {
            let scheme = &href[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        }
        None => false,
    }
}

/// Normalise `a/./b/../c` segments of an absolute path. Returns None if it climbs above `/`.
pub fn normalize(path: &str) -> Option<String> {
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = String::from("/");
    out.push_str(&parts.join("/"));
    if trailing && !parts.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// `path?query#fragment` → (`path`, `fragment`); the query is dropped.
pub fn split_fragment(href: &str) -> (&str, Option<&str>) {
    let (before_frag, frag) = match href.split_once('#') {
        Some((a, b)) => (a, Some(b)),
        None => (href, None),
    };
    let path = before_frag.split_once('?').map_or(before_frag, |(a, _)| a);
    (path, frag)
}

/// The absolute site path of `path` (no fragment) written on the page at `page_url`, or None
/// when it climbs above the site root. Borrowed when already absolute and clean (no
/// allocation for the common case).
pub fn absolute<'a>(page_url: &str, path: &'a str) -> Option<Cow<'a, str>> {
    let clean = |p: &str| {
        !p.as_bytes()
            .windows(2)
            .any(|w| w[0] == b'/' && (w[1] == b'.' || w[1] == b'/'))
    };
    if path.starts_with('/') && clean(path) {
        return Some(Cow::Borrowed(path));
    }
    let joined = if path.starts_with('/') {
        normalize(path)
    } else {
        // Relative to the page's folder (`/a/b/` or `/404.html` → `/`).
        let base = page_url.rsplit_once('/').map_or("/", |(d, _)| d);
        normalize(&format!("{base}/{path}"))
    };
    joined.map(Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links() {
        assert!(is_external("https://x.vn"));
        assert!(is_external("mailto:a@b"));
        assert!(is_external("//cdn.x"));
        assert!(!is_external("/a/b/"));
        assert!(!is_external("dieu-1.md#a:b"));
        assert!(!is_external("#x"));
    }

    #[test]
    fn normalize_paths() {
        assert_eq!(normalize("/a/b/../c/").as_deref(), Some("/a/c/"));
        assert_eq!(normalize("/a/./b").as_deref(), Some("/a/b"));
        assert_eq!(normalize("/").as_deref(), Some("/"));
        assert_eq!(normalize("/a/.."), Some("/".to_string()));
        assert_eq!(normalize("/.."), None);
        assert_eq!(absolute("/a/b/", "../c/").as_deref(), Some("/a/c/"));
        assert_eq!(absolute("/404.html", "a/").as_deref(), Some("/a/"));
        assert!(matches!(absolute("/", "/x/"), Some(Cow::Borrowed(_))));
    }
}
