//! `dateline train stance --data DIR --out FILE [--cv K]`: train the stance model on FNC-1
//! pairs (deterministic, seeded), reporting grouped-by-body cross-validation first.
use anyhow::{Context, Result};
use dateline_claims::stance::{self, FncData, Stance, TrainConfig};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Folder with `pairs.jsonl[.gz]` and `bodies.jsonl[.gz]` (e.g. ../shared/data/claims/fnc1).
    #[arg(long)]
    pub data: PathBuf,
    /// Where to write the model (gzipped JSON); omit to only cross-validate.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Folds of cross-validation grouped by body (0: skip).
    #[arg(long, default_value_t = 5)]
    pub cv: usize,
    #[arg(long, default_value_t = 13)]
    pub seed: u64,
    /// Boosting rounds of the related and stance stages.
    #[arg(long, default_value_t = 200)]
    pub rounds_related: usize,
    #[arg(long, default_value_t = 250)]
    pub rounds_stance: usize,
    #[arg(long, default_value_t = 5)]
    pub depth: usize,
    /// Row weight of `disagree` in the stance stage.
    #[arg(long, default_value_t = 2.0)]
    pub disagree_weight: f32,
}

fn print_score(name: &str, gold: &[Stance], pred: &[Stance]) {
    let s = stance::score(gold, pred);
    eprintln!(
        "{name}: fnc {:.4} macro_f1 {:.4}  f1 agree {:.3} disagree {:.3} discuss {:.3} unrelated {:.3}",
        s.fnc, s.macro_f1, s.f1[0], s.f1[1], s.f1[2], s.f1[3]
    );
    eprintln!(
        "  confusion (rows gold a/d/di/u, cols pred): {:?}",
        s.confusion
    );
}

pub fn run(a: Args) -> Result<ExitCode> {
    let data = FncData::load(&a.data).with_context(|| format!("reading {}", a.data.display()))?;
    eprintln!("{} pairs, {} bodies", data.pairs.len(), data.bodies.len());
    let mut cfg = TrainConfig::default();
    cfg.related.rounds = a.rounds_related;
    cfg.stance.rounds = a.rounds_stance;
    cfg.related.depth = a.depth;
    cfg.stance.depth = a.depth;
    cfg.related.seed = a.seed;
    cfg.stance.seed = a.seed.wrapping_add(1);
    cfg.class_weight[1] = a.disagree_weight;
    let gold: Vec<Stance> = data.pairs.iter().map(|p| p.stance).collect();
    if a.cv > 1 {
        let raw = stance::cross_validate(&data, a.cv, a.seed, &cfg);
        let pred: Vec<Stance> = raw
            .iter()
            .map(|(r, s)| stance::decide(*r, s, cfg.related_threshold, cfg.class_bias).stance)
            .collect();
        print_score(&format!("cv{} grouped by body", a.cv), &gold, &pred);
        for t in [0.3f32, 0.4, 0.5, 0.6] {
            for db in [1.0f32, 1.5, 2.0] {
                let pred: Vec<Stance> = raw
                    .iter()
                    .map(|(r, s)| stance::decide(*r, s, t, [1.0, db, 1.0]).stance)
                    .collect();
                let s = stance::score(&gold, &pred);
                eprintln!(
                    "  threshold {t} disagree bias {db}: fnc {:.4} macro_f1 {:.4}",
                    s.fnc, s.macro_f1
                );
            }
        }
    }
    if let Some(out) = &a.out {
        let all: Vec<&stance::Pair> = data.pairs.iter().collect();
        let m = stance::train(&data, &all, &cfg);
        m.save(out)
            .with_context(|| format!("writing {}", out.display()))?;
        eprintln!("wrote {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}
