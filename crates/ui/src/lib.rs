//! The web UI: server-rendered HTML from minijinja templates, with SVG charts drawn here.
//!
//! The server fills the view models in [`views`] from the store and calls [`Ui::render`]. No
//! JavaScript is needed to read anything; `static/app.js` only adds keyboard shortcuts.
//! All offsets in the view models are **code points** into the document text, as in the JSON
//! API.

pub mod annotate;
pub mod svg;
pub mod views;

use minijinja::Environment;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum UiError {
    #[error("template error: {0}")]
    Template(#[from] minijinja::Error),
}

/// The stylesheet, served at `/static/style.css`.
pub const STYLE_CSS: &str = include_str!("../static/style.css");
/// Progressive enhancement (keyboard shortcuts), served at `/static/app.js`.
pub const APP_JS: &str = include_str!("../static/app.js");

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("actor.html", include_str!("../templates/actor.html")),
    ("actors.html", include_str!("../templates/actors.html")),
    ("network.html", include_str!("../templates/network.html")),
    (
        "contested.html",
        include_str!("../templates/contested.html"),
    ),
    ("error.html", include_str!("../templates/error.html")),
];

/// The compiled templates. Build once at start-up and share.
pub struct Ui {
    env: Environment<'static>,
}

impl Ui {
    pub fn new() -> Result<Self, UiError> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        for (name, src) in TEMPLATES {
            env.add_template(name, src)?;
        }
        env.add_filter("quad_name", |q: i64| svg::quad_name(q as u8).to_string());
        Ok(Ui { env })
    }

    /// Renders `template` (e.g. "article.html") with `ctx`.
    pub fn render<S: Serialize>(&self, template: &str, ctx: &S) -> Result<String, UiError> {
        Ok(self
            .env
            .get_template(template)?
            .render(minijinja::value::Serde(ctx))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use views::*;

    fn article() -> ArticleView {
        let text =
            "“We recognise the threat,” said Mark Toner in Washington.\nHe left.".to_string();
        ArticleView {
            id: "doc1".into(),
            title: Some("Threats <continue>".into()),
            url: Some("https://example.com/a".into()),
            source: Some("example.com".into()),
            site: None,
            published: Some("2015-09-01T12:51:00+05:30".into()),
            timezone: Some("IST".into()),
            authors: vec![],
            paragraphs: vec![(0, 57), (58, 66)],
            sentences: vec![(0, 57), (58, 66)],
            entities: vec![EntityView {
                start: 31,
                end: 41,
                label: "PERSON".into(),
                actor_id: Some("a1".into()),
            }],
            quotes: vec![QuoteView {
                start: 0,
                end: 26,
                kind: "direct".into(),
                speaker_name: Some("Mark Toner".into()),
                actor_id: Some("a1".into()),
                cue: Some("said".into()),
            }],
            events: vec![EventView {
                sentence: 0,
                source: "Mark Toner".into(),
                source_code: Some("USAGOV".into()),
                target: None,
                target_code: None,
                cameo: "010".into(),
                plover: Some("CONSULT".into()),
                quad_class: Some(1),
                goldstein: Some(0.0),
                date: None,
            }],
            places: vec![],
            text,
        }
    }

    #[test]
    fn article_page_links_quote_to_speaker_and_escapes() {
        let ui = Ui::new().unwrap();
        let html = ui
            .render("article.html", &ArticlePage::new(article()))
            .unwrap();
        assert!(
            html.contains("Threats &lt;continue&gt;"),
            "title must be escaped"
        );
        assert!(html.contains("href=\"/actors/a1\""));
        assert!(html.contains("class=\"quote quote-direct\""));
        assert!(html.contains("id=\"s-0\""));
        assert!(
            html.contains("href=\"#s-0\""),
            "events link to their sentence"
        );
    }

    #[test]
    fn every_template_renders_empty_views() {
        let ui = Ui::new().unwrap();
        ui.render("search.html", &SearchPage::default()).unwrap();
        ui.render("actors.html", &ActorsPage::default()).unwrap();
        ui.render("actor.html", &ActorPage::default()).unwrap();
        ui.render("network.html", &NetworkPage::default()).unwrap();
        ui.render("contested.html", &ContestedPage::default())
            .unwrap();
        ui.render(
            "error.html",
            &ErrorPage {
                status: 404,
                message: "no such document".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
}
