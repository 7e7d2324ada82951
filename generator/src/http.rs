//! A small HTTP/1.1 server for `sotay serve` and the browser tests' static server: one thread
//! per connection, keep-alive, GET and HEAD, requests parsed by `httparse` (hyper's parser).
//!
//! Why not tiny_http (used before): its task pool can leave a freshly accepted connection
//! unserved for as long as the other connections stay open. `TaskPool::spawn` queues the
//! connection when it sees an idle worker, but a worker that was just woken still counts as idle
//! until it re-takes the lock; a second connection accepted in that window is queued behind a
//! notification nobody receives, while every worker sits in a keep-alive connection. Chromium
//! opens several connections at once, so a page's `<script defer>` could wait forever and the
//! load event never fire (seen in CI on a loaded 2-core machine, and reproduced locally: the
//! request reached the server only when the browser closed its other sockets, 30 s later).
//! A thread per connection has no such queue; a local preview server has a handful of them.
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The largest request head (request line and headers) accepted.
const MAX_HEAD: usize = 64 * 1024;
/// The largest request body read (and discarded): the servers here only serve files.
const MAX_BODY: u64 = 1024 * 1024;
/// A connection idle this long between requests is closed.
const IDLE: Duration = Duration::from_secs(60);
/// Once a request has begun, its head must be complete within this time.
#[cfg(not(test))]
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
#[cfg(test)]
const HEAD_DEADLINE: Duration = Duration::from_millis(600);

/// A parsed request.
#[derive(Debug, Clone)]
pub struct Request {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The request target as sent (`/giam-sat/?q=1`), not decoded.
    pub url: String,
    /// Header names and values, as sent.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The value of a header (name compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Writes a long-lived stream's body to the connection.
pub type StreamWriter = Box<dyn FnOnce(&mut dyn Write) + Send>;

/// What a handler answers.
pub enum Response {
    /// A complete response; `Content-Length` and `Connection` are added.
    Full {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// A long-lived stream (server-sent events): the head is written, then `write` runs with
    /// the connection until it returns; the connection is then closed.
    Stream {
        headers: Vec<(&'static str, String)>,
        write: StreamWriter,
    },
}

impl Response {
    /// A complete response.
    pub fn new(status: u16, body: Vec<u8>) -> Response {
        Response::Full {
            status,
            headers: Vec::new(),
            body,
        }
    }

    /// Adds a header (complete responses and streams).
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        match &mut self {
            Response::Full { headers, .. } | Response::Stream { headers, .. } => {
                headers.push((name, value.into()))
            }
        }
        self
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        408 => "Request Timeout",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "",
    }
}

/// Serves `listener` until the process ends: every connection gets its own thread, which
/// calls `handler` for each request on it.
pub fn serve<H>(listener: TcpListener, handler: H)
where
    H: Fn(&Request) -> Response + Send + Sync + 'static,
{
    let handler = Arc::new(handler);
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let handler = Arc::clone(&handler);
        let spawned = std::thread::Builder::new()
            .name("sotay-http".into())
            .spawn(move || {
                let _ = connection(stream, &*handler);
            });
        if spawned.is_err() {
            // Out of threads: the stream was moved into the failed closure and is closed.
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Serves `listener` from a background thread.
pub fn spawn<H>(listener: TcpListener, handler: H)
where
    H: Fn(&Request) -> Response + Send + Sync + 'static,
{
    std::thread::spawn(move || serve(listener, handler));
}

/// Reads one request head; `Ok(None)` when the peer closed the connection between requests.
/// Between requests the connection may stay idle for [`IDLE`]; once the first byte of a head
/// has come, the whole head must arrive within [`HEAD_DEADLINE`] (a client sending one byte a
/// second cannot hold a connection).
fn read_head(r: &mut BufReader<TcpStream>) -> io::Result<Option<(Request, u64, bool)>> {
    let mut head: Vec<u8> = Vec::new();
    let mut deadline: Option<Instant> = None;
    let mut line_start = 0;
    loop {
        let wait = match deadline {
            None => IDLE,
            Some(d) => d
                .checked_duration_since(Instant::now())
                .filter(|w| !w.is_zero())
                .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "408"))?,
        };
        if r.buffer().is_empty() {
            r.get_ref().set_read_timeout(Some(wait))?;
        }
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e)
                if deadline.is_some()
                    && matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
            {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "408"));
            }
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return if head.is_empty() {
                Ok(None)
            } else {
                Err(io::ErrorKind::UnexpectedEof.into())
            };
        }
        deadline.get_or_insert_with(|| Instant::now() + HEAD_DEADLINE);
        let (take, line_done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        head.extend_from_slice(&buf[..take]);
        r.consume(take);
        if head.len() > MAX_HEAD {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "431"));
        }
        if !line_done {
            continue;
        }
        let line = &head[line_start..];
        let blank = line.iter().all(|&b| b == b'\r' || b == b'\n');
        if blank && line_start == 0 {
            // Blank lines before a request are allowed (RFC 9112 §2.2).
            head.clear();
            continue;
        }
        if blank {
            break;
        }
        line_start = head.len();
    }
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut req = httparse::Request::new(&mut headers);
    match req.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => return Err(io::Error::new(io::ErrorKind::InvalidData, "400")),
    }
    let request = Request {
        method: req.method.unwrap_or("GET").to_string(),
        url: req.path.unwrap_or("/").to_string(),
        headers: req
            .headers
            .iter()
            .map(|h| {
                (
                    h.name.to_string(),
                    String::from_utf8_lossy(h.value).into_owned(),
                )
            })
            .collect(),
    };
    if request
        .header("Transfer-Encoding")
        .is_some_and(|v| !v.trim().eq_ignore_ascii_case("identity"))
    {
        // Chunked request bodies are not supported: answer and close.
        return Err(io::Error::new(io::ErrorKind::InvalidData, "400"));
    }
    // One Content-Length at most: two (even equal) make the body's end ambiguous, the basis
    // of request smuggling; answer 400 (RFC 9112 §6.3).
    let mut lengths = request
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("Content-Length"));
    let body = match (lengths.next(), lengths.next()) {
        (Some(_), Some(_)) => return Err(io::Error::new(io::ErrorKind::InvalidData, "400")),
        (Some((_, v)), None) => v
            .trim()
            .parse::<u64>()
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "400"))?,
        (None, _) => 0,
    };
    if body > MAX_BODY {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "413"));
    }
    let http10 = req.version == Some(0);
    let connection = request
        .header("Connection")
        .unwrap_or("")
        .to_ascii_lowercase();
    let keep_alive = if http10 {
        connection.contains("keep-alive")
    } else {
        !connection.contains("close")
    };
    Ok(Some((request, body, keep_alive)))
}

fn write_head(
    w: &mut impl Write,
    status: u16,
    headers: &[(&'static str, String)],
    extra: &str,
) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in headers {
        // Values come from this crate (paths, MIME types); never let one end the head.
        if v.contains(['\r', '\n']) {
            continue;
        }
        head.push_str(k);
        head.push_str(": ");
        head.push_str(v);
        head.push_str("\r\n");
    }
    head.push_str(extra);
    head.push_str("\r\n");
    w.write_all(head.as_bytes())
}

fn connection<H>(stream: TcpStream, handler: &H) -> io::Result<()>
where
    H: Fn(&Request) -> Response,
{
    let _ = stream.set_nodelay(true);
    let mut w = stream.try_clone()?;
    let mut r = BufReader::new(stream);
    loop {
        let (req, body, keep_alive) = match read_head(&mut r) {
            Ok(Some(x)) => x,
            Ok(None) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                let status = e.to_string().parse().unwrap_or(400);
                write_head(
                    &mut w,
                    status,
                    &[],
                    "Content-Length: 0\r\nConnection: close\r\n",
                )?;
                w.flush()?;
                // Lingering close: drain what the client is still sending so that closing
                // does not reset the connection before it has read the answer.
                let _ = w.shutdown(std::net::Shutdown::Write);
                let _ = r
                    .get_ref()
                    .set_read_timeout(Some(Duration::from_millis(500)));
                let _ = io::copy(&mut r.take(MAX_BODY), &mut io::sink());
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        r.get_ref().set_read_timeout(Some(IDLE))?;
        io::copy(&mut r.by_ref().take(body), &mut io::sink())?;
        let head_only = req.method == "HEAD";
        let resp = if req.method == "GET" || head_only {
            handler(&req)
        } else {
            Response::new(405, Vec::new()).with_header("Allow", "GET, HEAD")
        };
        match resp {
            Response::Full {
                status,
                headers,
                body,
            } => {
                let conn = if keep_alive { "keep-alive" } else { "close" };
                let extra = format!("Content-Length: {}\r\nConnection: {conn}\r\n", body.len());
                write_head(&mut w, status, &headers, &extra)?;
                if !head_only {
                    w.write_all(&body)?;
                }
                w.flush()?;
                if !keep_alive {
                    return Ok(());
                }
            }
            Response::Stream { headers, write } => {
                write_head(&mut w, 200, &headers, "Connection: close\r\n")?;
                w.flush()?;
                if !head_only {
                    write(&mut w);
                }
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn start() -> u16 {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        spawn(l, |req: &Request| {
            if req.url == "/stream" {
                return Response::Stream {
                    headers: vec![("Content-Type", "text/event-stream".into())],
                    write: Box::new(|w: &mut dyn Write| {
                        let _ = w.write_all(b"data: x\n\n");
                    }),
                };
            }
            Response::new(200, req.url.clone().into_bytes()).with_header("X-Test", "1")
        });
        port
    }

    fn exchange(port: u16, raw: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    }

    #[test]
    fn keep_alive_serves_several_requests_on_one_connection() {
        let port = start();
        let out = exchange(
            port,
            "GET /a HTTP/1.1\r\nHost: x\r\n\r\nHEAD /b HTTP/1.1\r\nHost: x\r\n\r\n\
             GET /c?d=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(out.matches("HTTP/1.1 200 OK").count(), 3, "{out}");
        assert!(out.contains("Content-Length: 2\r\nConnection: keep-alive\r\n\r\n/a"));
        // HEAD: the length of the body it would have, no body.
        assert!(out.contains("Content-Length: 2\r\nConnection: keep-alive\r\n\r\nHTTP/1.1"));
        assert!(out.ends_with("Connection: close\r\n\r\n/c?d=1"), "{out}");
    }

    /// The tiny_http failure this module replaces: connections held open must not keep a new
    /// one from being answered.
    #[test]
    fn open_idle_connections_do_not_starve_a_new_one() {
        let port = start();
        let idle: Vec<TcpStream> = (0..32)
            .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
            .collect();
        let out = exchange(port, "GET /x HTTP/1.1\r\nConnection: close\r\n\r\n");
        assert!(out.starts_with("HTTP/1.1 200 OK"), "{out}");
        drop(idle);
    }

    #[test]
    fn bad_requests_methods_and_streams() {
        let port = start();
        assert!(exchange(port, "NONSENSE\r\n\r\n").starts_with("HTTP/1.1 400"));
        let post = exchange(
            port,
            "POST /x HTTP/1.1\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
        );
        assert!(post.starts_with("HTTP/1.1 405"), "{post}");
        assert!(post.contains("Allow: GET, HEAD"));
        let s = exchange(port, "GET /stream HTTP/1.1\r\n\r\n");
        assert!(
            s.contains("text/event-stream") && s.ends_with("data: x\n\n"),
            "{s}"
        );
        let big = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert!(exchange(port, &big).starts_with("HTTP/1.1 431"));
    }

    #[test]
    fn two_content_lengths_are_a_bad_request() {
        let port = start();
        for raw in [
            "GET /x HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\nhello",
            "GET /x HTTP/1.1\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabc",
        ] {
            let out = exchange(port, raw);
            assert!(out.starts_with("HTTP/1.1 400"), "{out}");
            assert!(!out.contains("200 OK"), "{out}");
        }
    }

    /// A client that sends its head one byte at a time cannot hold the connection past the
    /// head deadline (slowloris); an idle keep-alive connection is not such a client.
    #[test]
    fn a_head_trickled_byte_by_byte_is_cut_at_the_deadline() {
        let port = start();
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let started = Instant::now();
        let mut cut = false;
        for b in b"GET /slow HTTP/1.1\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".iter() {
            if s.write_all(&[*b]).is_err() {
                cut = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
            if started.elapsed() > HEAD_DEADLINE * 4 {
                break;
            }
        }
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        assert!(
            cut || out.starts_with("HTTP/1.1 408"),
            "trickled head not cut: {out:?}"
        );
        assert!(
            started.elapsed() < HEAD_DEADLINE * 5,
            "{:?}",
            started.elapsed()
        );
        // A connection that says nothing for longer than the head deadline is still served.
        let mut idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
        idle.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        std::thread::sleep(HEAD_DEADLINE + Duration::from_millis(300));
        idle.write_all(b"GET /idle HTTP/1.1\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut out = String::new();
        let _ = idle.read_to_string(&mut out);
        assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    }
}
