//! The shipped stance model: loads, separates related from unrelated, never panics.
use dateline_claims::{Stance, StanceModel};
use proptest::prelude::*;

const BODY: &str = include_str!("fixtures/haqqani-2015-09-01.txt");

#[test]
fn embedded_model_loads() {
    StanceModel::embedded().unwrap();
}

#[test]
fn unrelated_claim_is_unrelated() {
    let m = StanceModel::embedded().unwrap();
    let s = m.predict(
        "Zombie cat claws its way out of grave five days after burial",
        BODY,
    );
    assert_eq!(s.stance, Stance::Unrelated);
}

#[test]
fn related_claim_is_related() {
    let m = StanceModel::embedded().unwrap();
    let s = m.predict(
        "US says Haqqani network threat continues to emanate from Pakistan",
        BODY,
    );
    assert_ne!(s.stance, Stance::Unrelated, "{s:?}");
    let total: f32 = s.probs.iter().sum();
    assert!((total - 1.0).abs() < 1e-3);
}

#[test]
fn empty_inputs_do_not_panic() {
    let m = StanceModel::embedded().unwrap();
    for (c, b) in [("", ""), ("", BODY), ("claim", ""), ("?!", "...\n\n")] {
        let _ = m.predict(c, b);
    }
}

#[test]
fn score_matches_the_fnc_formula() {
    use dateline_claims::stance::score;
    let gold = [Stance::Agree, Stance::Unrelated, Stance::Discuss];
    let pred = [Stance::Agree, Stance::Unrelated, Stance::Agree];
    // best = 1 + 0.25 + 1 = 2.25; got = 1 + 0.25 + 0.25 = 1.5
    assert!((score(&gold, &pred).fnc - 1.5 / 2.25).abs() < 1e-9);
}

proptest! {
    #[test]
    fn any_text_gives_a_stance(claim in "\\PC{0,80}", body in "\\PC{0,400}") {
        let m = StanceModel::embedded().unwrap();
        let s = m.predict(&claim, &body);
        prop_assert!(s.probs.iter().all(|p| p.is_finite()));
    }

    #[test]
    fn words_start_on_char_boundaries(text in "\\PC{0,200}") {
        for w in dateline_claims::lex::words(&text) {
            prop_assert!(text.is_char_boundary(w.start));
        }
    }
}
