//! A verb-ness lexicon: for each word form, how often the UD English EWT treebank tags it as
//! a verb. It tells "forces", "plans" and "talks" (mostly nouns) from "rejected" and "urged",
//! so that the verb dictionary does not code nouns. Trained by `dateline train events-lexicon`
//! (deterministic counts); the shipped copy is `model/verbness.tsv`.
use dateline_actors::dict::WordTable;
use std::collections::HashMap;
use std::io::BufRead;
use std::sync::LazyLock;

const SHIPPED: &str = include_str!("../model/verbness.tsv");

static DEFAULT: LazyLock<VerbLexicon> = LazyLock::new(|| VerbLexicon::from_tsv(SHIPPED));

/// Word form (upper case) → (times tagged VERB, times seen).
#[derive(Debug, Clone, Default)]
pub struct VerbLexicon {
    counts: WordTable<(u32, u32)>,
}

impl VerbLexicon {
    pub fn shipped() -> &'static VerbLexicon {
        &DEFAULT
    }

    pub fn from_tsv(text: &str) -> VerbLexicon {
        let mut counts = WordTable::default();
        for line in text.lines() {
            let mut f = line.split('\t');
            let (Some(w), Some(v), Some(t)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            if let (Ok(v), Ok(t)) = (v.parse(), t.parse()) {
                counts.insert(w, (v, t));
            }
        }
        VerbLexicon { counts }
    }

    /// Share of verb readings, when the word was seen at least `min` times.
    pub fn verbness(&self, upper: &str, min: u32) -> Option<f32> {
        let &(v, t) = self.counts.get(upper)?;
        (t >= min).then(|| v as f32 / t as f32)
    }
}

/// Counts verb readings per word form in CoNLL-U text; returns the TSV (sorted, so that the
/// output is deterministic). Keeps forms seen at least three times, and verb forms seen twice.
pub fn train<R: BufRead>(reader: R) -> std::io::Result<String> {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for line in reader.lines() {
        let line = line?;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[0].contains(['-', '.']) {
            continue;
        }
        let form = cols[1].to_uppercase();
        let e = counts.entry(form).or_default();
        e.1 += 1;
        if cols[3] == "VERB" {
            e.0 += 1;
        }
    }
    let mut rows: Vec<(String, (u32, u32))> = counts
        .into_iter()
        .filter(|(w, (v, t))| (*v > 0 && *t >= 2 || *t >= 3) && !w.contains('\t'))
        .collect();
    rows.sort();
    let mut out = String::from("# form\tverb\ttotal (UD English EWT train, CC BY-SA 4.0)\n");
    for (w, (v, t)) in rows {
        out.push_str(&format!("{w}\t{v}\t{t}\n"));
    }
    Ok(out)
}

/// [`train`] over a CoNLL-U file, gunzipping it when its name ends in `.gz`.
pub fn train_file(path: &std::path::Path) -> std::io::Result<String> {
    let f = std::fs::File::open(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        train(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            f,
        )))
    } else {
        train(std::io::BufReader::new(f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_verb_readings() {
        let conllu = "# text = x\n1\tforces\tforce\tNOUN\n2\tforces\tforce\tVERB\n3\tforces\tforce\tNOUN\n4\tthe\tthe\tDET\n\n";
        let tsv = train(conllu.as_bytes()).unwrap();
        let l = VerbLexicon::from_tsv(&tsv);
        let v = l.verbness("FORCES", 2).unwrap();
        assert!((v - 1.0 / 3.0).abs() < 1e-6);
        assert!(l.verbness("THE", 1).is_none());
    }

    #[test]
    fn shipped_lexicon_knows_nouns_from_verbs() {
        let l = VerbLexicon::shipped();
        if let Some(v) = l.verbness("URGED", 1) {
            assert!(v > 0.5);
        }
    }
}
