//! Events as Parquet (feature `parquet`): one row group per 8,192 events, so memory stays flat.
use crate::{Result, Store, StoreError};
use arrow_array::builder::{Float64Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use std::sync::Arc;

const ROWS_PER_GROUP: usize = 8192;

fn pq(e: impl std::fmt::Display) -> StoreError {
    StoreError::Io(std::io::Error::other(format!("parquet: {e}")))
}

struct Columns {
    id: Int64Builder,
    doc: Int64Builder,
    date: StringBuilder,
    source_code: StringBuilder,
    source_text: StringBuilder,
    target_code: StringBuilder,
    target_text: StringBuilder,
    cameo: StringBuilder,
    plover: StringBuilder,
    goldstein: Float64Builder,
    quad_class: Int32Builder,
    place: StringBuilder,
    lat: Float64Builder,
    lon: Float64Builder,
    country: StringBuilder,
    url: StringBuilder,
}

impl Columns {
    fn new() -> Columns {
        Columns {
            id: Int64Builder::new(),
            doc: Int64Builder::new(),
            date: StringBuilder::new(),
            source_code: StringBuilder::new(),
            source_text: StringBuilder::new(),
            target_code: StringBuilder::new(),
            target_text: StringBuilder::new(),
            cameo: StringBuilder::new(),
            plover: StringBuilder::new(),
            goldstein: Float64Builder::new(),
            quad_class: Int32Builder::new(),
            place: StringBuilder::new(),
            lat: Float64Builder::new(),
            lon: Float64Builder::new(),
            country: StringBuilder::new(),
            url: StringBuilder::new(),
        }
    }

    fn finish(&mut self, schema: &Arc<Schema>) -> Result<RecordBatch> {
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.id.finish()),
            Arc::new(self.doc.finish()),
            Arc::new(self.date.finish()),
            Arc::new(self.source_code.finish()),
            Arc::new(self.source_text.finish()),
            Arc::new(self.target_code.finish()),
            Arc::new(self.target_text.finish()),
            Arc::new(self.cameo.finish()),
            Arc::new(self.plover.finish()),
            Arc::new(self.goldstein.finish()),
            Arc::new(self.quad_class.finish()),
            Arc::new(self.place.finish()),
            Arc::new(self.lat.finish()),
            Arc::new(self.lon.finish()),
            Arc::new(self.country.finish()),
            Arc::new(self.url.finish()),
        ];
        RecordBatch::try_new(schema.clone(), cols).map_err(pq)
    }
}

fn schema() -> Arc<Schema> {
    let s = |n: &str, null: bool| Field::new(n, DataType::Utf8, null);
    Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("doc", DataType::Int64, false),
        s("date", true),
        s("source_code", false),
        s("source_text", false),
        s("target_code", true),
        s("target_text", true),
        s("cameo", false),
        s("plover", true),
        Field::new("goldstein", DataType::Float64, true),
        Field::new("quad_class", DataType::Int32, true),
        s("place", true),
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        s("country", true),
        s("url", true),
    ]))
}

impl Store {
    /// Every event of an original document (not a near-duplicate copy) as Parquet.
    pub fn export_parquet<W: std::io::Write + Send>(&self, w: W) -> Result<u64> {
        let schema = schema();
        let mut writer = ArrowWriter::try_new(w, schema.clone(), None).map_err(pq)?;
        let mut st = self.conn.prepare(
            "SELECT ev.id, ev.doc, ev.date, ev.source_code, ev.source_text, ev.target_code,
                    ev.target_text, ev.cameo, ev.plover, ev.goldstein, ev.quad_class, ev.place,
                    ev.lat, ev.lon, ev.country, coalesce(d.url, d.ext_id)
             FROM events ev CROSS JOIN documents d ON d.id = ev.doc AND d.duplicate_of IS NULL
             ORDER BY ev.id",
        )?;
        let mut rows = st.query([])?;
        let mut c = Columns::new();
        let mut in_batch = 0usize;
        let mut n = 0u64;
        while let Some(r) = rows.next()? {
            c.id.append_value(r.get(0)?);
            c.doc.append_value(r.get(1)?);
            c.date.append_option(r.get::<_, Option<String>>(2)?);
            c.source_code.append_value(r.get::<_, String>(3)?);
            c.source_text.append_value(r.get::<_, String>(4)?);
            c.target_code.append_option(r.get::<_, Option<String>>(5)?);
            c.target_text.append_option(r.get::<_, Option<String>>(6)?);
            c.cameo.append_value(r.get::<_, String>(7)?);
            c.plover.append_option(r.get::<_, Option<String>>(8)?);
            c.goldstein.append_option(r.get::<_, Option<f64>>(9)?);
            c.quad_class
                .append_option(r.get::<_, Option<i64>>(10)?.map(|q| q as i32));
            c.place.append_option(r.get::<_, Option<String>>(11)?);
            c.lat.append_option(r.get::<_, Option<f64>>(12)?);
            c.lon.append_option(r.get::<_, Option<f64>>(13)?);
            c.country.append_option(r.get::<_, Option<String>>(14)?);
            c.url.append_option(r.get::<_, Option<String>>(15)?);
            in_batch += 1;
            n += 1;
            if in_batch == ROWS_PER_GROUP {
                writer.write(&c.finish(&schema)?).map_err(pq)?;
                writer.flush().map_err(pq)?;
                in_batch = 0;
            }
        }
        if in_batch > 0 {
            writer.write(&c.finish(&schema)?).map_err(pq)?;
        }
        writer.close().map_err(pq)?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_store_writes_a_valid_file() {
        let dir = std::env::temp_dir().join(format!("dateline-pq-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let s = Store::open(&dir).unwrap();
        let mut buf = Vec::new();
        assert_eq!(s.export_parquet(&mut buf).unwrap(), 0);
        assert_eq!(buf.get(..4), Some(&b"PAR1"[..]));
    }
}
