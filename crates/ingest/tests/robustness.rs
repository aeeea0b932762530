//! Ingest robustness: every bad input becomes a per-record error and the run goes on.
use dateline_core::SourceFormat;
use dateline_ingest::{read_inputs, IngestError};
use std::io::Write;
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dateline-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let mut v = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    v.extend_from_slice(http.as_bytes());
    v.extend_from_slice(b"\r\n\r\n");
    v
}

fn warc_info() -> Vec<u8> {
    let body = "software: test\r\n";
    format!(
        "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
        body.len()
    )
    .into_bytes()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn read(paths: &[PathBuf]) -> Vec<Result<dateline_core::SourceRecord, IngestError>> {
    let v: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    read_inputs(&v).collect()
}

#[test]
fn bad_files_are_per_record_errors_and_the_run_goes_on() {
    let d = tmp("bad");
    std::fs::write(d.join("a_empty.txt"), b"").unwrap();
    std::fs::write(d.join("b_binary.bin"), [0u8, 1, 2, 3, 0xff, 0, 7, 8]).unwrap();
    std::fs::write(d.join("c_latin1.txt"), b"caf\xe9 au lait").unwrap();
    std::fs::write(d.join("d_good.txt"), "A good story.\n").unwrap();
    let got = read(&[d.clone(), d.join("missing.txt")]);
    assert_eq!(got.len(), 5, "{got:?}");
    assert!(matches!(got[0], Err(IngestError::Empty { .. })));
    assert!(matches!(got[1], Err(IngestError::Binary { .. })));
    assert!(matches!(
        got[2],
        Err(IngestError::InvalidUtf8 { at: 3, .. })
    ));
    let good = got[3].as_ref().unwrap();
    assert_eq!(good.text.as_deref(), Some("A good story.\n"));
    assert!(matches!(got[4], Err(IngestError::Read { .. })));
    assert!(got[4]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("missing.txt"));
}

#[test]
fn directories_are_read_recursively_with_formats_detected() {
    let d = tmp("dirs");
    std::fs::create_dir_all(d.join("sub/deeper")).unwrap();
    std::fs::write(
        d.join("sub/deeper/page.html"),
        "<html><body><p>Hello</p></body></html>",
    )
    .unwrap();
    std::fs::write(
        d.join("sub/x.jsonl"),
        "{\"id\":\"j1\",\"text\":\"One.\"}\n\n{\"id\":\"j2\",\"html\":\"<p>Two</p>\"}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("z.warc.gz"),
        gzip(&warc_record("https://x.com/a", "<html><p>W</p></html>")),
    )
    .unwrap();
    let got: Vec<_> = read(&[d]).into_iter().map(|r| r.unwrap()).collect();
    let ids: Vec<&str> = got.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert_eq!(got[0].format, SourceFormat::Html);
    assert_eq!((ids[1], ids[2]), ("j1", "j2"));
    assert_eq!(got[3].format, SourceFormat::Warc);
    assert_eq!(got[3].url.as_deref(), Some("https://x.com/a"));
}

#[test]
fn warc_and_multi_member_warc_gz() {
    let d = tmp("warc");
    let mut plain = warc_info();
    plain.extend(warc_record("https://x.com/1", "<html><p>One</p></html>"));
    plain.extend(warc_record("https://x.com/2", "<html><p>Two</p></html>"));
    std::fs::write(d.join("a.warc"), &plain).unwrap();
    // one gzip member per record, as crawlers write them
    let mut gz = gzip(&warc_info());
    gz.extend(gzip(&warc_record("https://x.com/1", "<p>One</p>")));
    gz.extend(gzip(&warc_record("https://x.com/2", "<p>Two</p>")));
    std::fs::write(d.join("b.warc.gz"), &gz).unwrap();
    for f in ["a.warc", "b.warc.gz"] {
        let got = read(&[d.join(f)]);
        assert_eq!(got.len(), 2, "{f}: {got:?}");
        let r = got[1].as_ref().unwrap();
        assert_eq!(r.url.as_deref(), Some("https://x.com/2"));
        assert!(r.html.as_deref().unwrap().contains("Two"));
    }
}

#[test]
fn truncated_warc_and_gzip_give_records_then_an_error() {
    let d = tmp("trunc");
    let mut w = warc_record("https://x.com/1", "<p>One</p>");
    let second = warc_record("https://x.com/2", "<p>Two</p>");
    w.extend_from_slice(&second[..second.len() - 30]);
    std::fs::write(d.join("t.warc"), &w).unwrap();
    let got = read(&[d.join("t.warc")]);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].is_ok());
    assert!(matches!(got[1], Err(IngestError::Truncated { .. })));

    let full = gzip(&[warc_record("https://x.com/1", "<p>One</p>"), second.clone()].concat());
    std::fs::write(d.join("t.warc.gz"), &full[..full.len() - 20]).unwrap();
    let got = read(&[d.join("t.warc.gz")]);
    assert!(got.last().unwrap().is_err(), "{got:?}");

    let text = gzip(b"Some plain text story that goes on and on.");
    std::fs::write(d.join("s.txt.gz"), &text[..text.len() - 8]).unwrap();
    let got = read(&[d.join("s.txt.gz"), d.join("t.warc")]);
    assert!(
        matches!(got[0], Err(IngestError::Truncated { .. })),
        "{got:?}"
    );
    assert!(got[1].is_ok(), "the run goes on");
}

#[test]
fn a_100_mb_input_is_refused_without_reading_it_all() {
    let d = tmp("big");
    let p = d.join("big.txt");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        let line = "All work and no play makes Jack a dull boy. ".repeat(20) + "\n";
        let mut n = 0;
        while n < 100 << 20 {
            f.write_all(line.as_bytes()).unwrap();
            n += line.len();
        }
    }
    std::fs::write(d.join("next.txt"), "Next story.").unwrap();
    let got = read(&[p.clone(), d.join("next.txt")]);
    assert!(
        matches!(got[0], Err(IngestError::TooLarge { .. })),
        "{:?}",
        got[0].as_ref().err()
    );
    assert!(got[1].is_ok());
    let _ = std::fs::remove_file(p);
}

#[test]
fn rss_feed_file() {
    let d = tmp("feed");
    std::fs::write(
        d.join("news.xml"),
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
        <item><title>First</title><link>https://x.com/a</link><description>Short summary.</description></item>
        </channel></rss>"#,
    )
    .unwrap();
    let got = read(&[d.join("news.xml")]);
    let r = got[0].as_ref().unwrap();
    assert_eq!(r.format, SourceFormat::Feed);
    assert_eq!(r.title.as_deref(), Some("First"));
}

/// Serves `body` once per connection on 127.0.0.1; returns the base URL.
fn serve(responses: Vec<(u16, &'static str, &'static str)>) -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || {
        for (status, ctype, body) in responses {
            let Ok((mut s, _)) = l.accept() else { return };
            let mut buf = [0u8; 4096];
            let _ = std::io::Read::read(&mut s, &mut buf);
            let resp = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = s.write_all(resp.as_bytes());
        }
    });
    format!("http://{addr}")
}

#[test]
fn fetches_pages_and_feeds_over_http() {
    let base = serve(vec![
        (200, "text/html; charset=utf-8", "<html><body><p>Fetched page</p></body></html>"),
        (200, "application/rss+xml", "<rss version=\"2.0\"><channel><title>T</title><item><title>I</title><link>https://x.com/i</link><description>Item text.</description></item></channel></rss>"),
        (404, "text/plain", "nope"),
    ]);
    let inputs = vec![
        format!("{base}/page"),
        format!("{base}/feed"),
        format!("{base}/missing"),
    ];
    let got: Vec<_> = read_inputs(&inputs).collect();
    assert_eq!(got.len(), 3, "{got:?}");
    let page = got[0].as_ref().unwrap();
    assert_eq!(page.format, SourceFormat::Html);
    assert_eq!(page.url.as_deref(), Some(inputs[0].as_str()));
    assert_eq!(got[1].as_ref().unwrap().format, SourceFormat::Feed);
    let e = got[2].as_ref().unwrap_err().to_string();
    assert!(e.contains("404") && e.contains("/missing"), "{e}");
}

#[test]
fn unreachable_url_is_a_clear_error() {
    // a port nothing listens on
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/x", l.local_addr().unwrap());
    drop(l);
    let got: Vec<_> = read_inputs(std::slice::from_ref(&url)).collect();
    let e = got[0].as_ref().unwrap_err().to_string();
    assert!(e.contains(&url), "{e}");
}
