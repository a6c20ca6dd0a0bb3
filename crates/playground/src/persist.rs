//! The workspace as the browser keeps it between visits: one record per workspace (its
//! project and every step, in the share-link codec, with the point shown, the open
//! revision, and the name and origin the picker shows), stamped with the tab that wrote it and a counter, so a tab can tell that
//! another tab saved the same workspace since it last looked and never overwrites it
//! silently. Plain text in, plain text out; `browser` does the storage calls.

use share::Limits;

use crate::project::Project;
use crate::state::{Loaded, Origin};

/// The first line of every record.
const MAGIC: &str = "alembic-playground workspace 1";

/// Who wrote a record last: a tab's id and that workspace's write counter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub tab: String,
    pub seq: u64,
    /// When (Unix ms): the oldest workspaces are dropped first when there are too many.
    pub saved_ms: i64,
}

#[derive(Debug, PartialEq)]
pub struct Record {
    pub stamp: Stamp,
    pub loaded: Loaded,
    /// How the picker names it (the project's own name, or an imported database's).
    pub name: String,
    pub origin: Origin,
}

pub fn encode(loaded: &Loaded, stamp: &Stamp, name: &str, origin: Origin) -> String {
    let scenario = loaded.project.scenario(loaded.steps.clone());
    format!(
        "{MAGIC}\ntab {} {} {}\nat {}\nselected {}\n{}\nworkspace {} {}\n",
        stamp.tab,
        stamp.seq,
        stamp.saved_ms,
        loaded.at,
        loaded.selected.as_deref().unwrap_or(""),
        share::to_link(&scenario),
        origin.word(),
        name.replace('\n', " ")
    )
}

/// The stamp alone, without decoding the workspace (read before every save).
pub fn stamp(text: &str) -> Option<Stamp> {
    let mut lines = text.lines();
    (lines.next()? == MAGIC).then_some(())?;
    let mut words = lines.next()?.strip_prefix("tab ")?.split(' ');
    let tab = words.next()?.to_string();
    let seq = words.next()?.parse().ok()?;
    let saved_ms = words.next()?.parse().ok()?;
    Some(Stamp { tab, seq, saved_ms })
}

pub fn decode(text: &str) -> Result<Record, String> {
    let damaged = || "the saved workspace is damaged".to_string();
    let stamp = stamp(text).ok_or_else(damaged)?;
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.get(2).and_then(|l| l.strip_prefix("at ")).and_then(|n| n.parse().ok()).ok_or_else(damaged)?;
    let selected = lines.get(3).and_then(|l| l.strip_prefix("selected")).ok_or_else(damaged)?.trim();
    let link = lines.get(4).ok_or_else(damaged)?;
    let scenario = share::from_link(link, &Limits::FILE).map_err(|e| format!("the saved workspace could not be read: {e}"))?;
    let selected = (!selected.is_empty()).then(|| selected.to_string());
    // Records written before the picker listed workspaces have no name line: a bundled one.
    let named = lines.get(5).and_then(|l| l.strip_prefix("workspace ")).and_then(|l| l.split_once(' '));
    let (origin, name) = match named.and_then(|(o, n)| Some((Origin::from_word(o)?, n))) {
        Some((origin, name)) => (origin, name.to_string()),
        None => (Origin::Bundled, scenario.name.clone()),
    };
    Ok(Record { stamp, loaded: Loaded { at, selected, ..Loaded::from_scenario(scenario) }, name, origin })
}

/// Whether `project` would survive a reload: written as a saved workspace is, and read back
/// within the same limits. An import that would not is refused at once instead of being
/// saved and then lost on the next visit.
pub fn survives_reload(project: &Project) -> Result<(), String> {
    let link = share::to_link(&project.scenario(Vec::new()));
    match share::from_link(&link, &Limits::FILE) {
        Ok(_) => Ok(()),
        Err(e) => Err(format!("it is too large to keep in this browser and would be lost on the next visit ({e})")),
    }
}

/// What a tab should do with its save, given the stamp it last saw (or wrote) for its
/// workspace and the stamp stored now.
#[derive(Debug, PartialEq, Eq)]
pub enum SaveDecision {
    /// Nobody else wrote: write with this counter.
    Write(u64),
    /// Another tab saved this workspace since: ask the user before anything is overwritten.
    Conflict(Stamp),
}

pub fn decide(last_seen: Option<&Stamp>, stored: Option<&Stamp>) -> SaveDecision {
    match (last_seen, stored) {
        (_, None) => SaveDecision::Write(1),
        (Some(seen), Some(now)) if seen == now => SaveDecision::Write(now.seq + 1),
        (_, Some(now)) => SaveDecision::Conflict(now.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios::bundled as find;

    fn stamp(tab: &str, seq: u64) -> Stamp {
        Stamp { tab: tab.into(), seq, saved_ms: 1_764_000_000_000 }
    }

    #[test]
    fn a_record_round_trips() {
        let loaded = Loaded {
            project: Project::bundled(find("blog").unwrap()),
            steps: vec![share::Step::Run { lines: vec!["upgrade head".into()], at_ms: 5 }, share::Step::Production(true)],
            at: 1,
            selected: Some("b10900000002".into()),
        };
        let text = encode(&loaded, &stamp("t1", 7), "blog on prod.sqlite", Origin::Imported);
        let record = decode(&text).unwrap();
        assert_eq!(super::stamp(&text), Some(stamp("t1", 7)));
        let name = "blog on prod.sqlite".to_string();
        assert_eq!(record, Record { stamp: stamp("t1", 7), loaded, name, origin: Origin::Imported });
    }

    #[test]
    fn a_record_from_before_workspaces_had_names_is_a_bundled_one() {
        let blog = Project::bundled(find("blog").unwrap());
        let text = encode(&Loaded { project: blog, steps: vec![], at: 0, selected: None }, &stamp("t", 1), "x", Origin::Link);
        let old: String = text.lines().take(5).map(|l| format!("{l}\n")).collect();
        let record = decode(&old).unwrap();
        assert_eq!((record.name.as_str(), record.origin), ("blog", Origin::Bundled));
    }

    #[test]
    fn damage_is_reported_not_panicked_on() {
        assert_eq!(decode("hello").unwrap_err(), "the saved workspace is damaged");
        let blog = Project::bundled(find("blog").unwrap());
        let text = encode(&Loaded { project: blog, steps: vec![], at: 0, selected: None }, &stamp("t", 1), "blog", Origin::Bundled);
        let cut = &text[..text.len() - 30];
        let err = decode(cut).unwrap_err();
        assert!(err.starts_with("the saved workspace could not be read: "), "{err}");
    }

    #[test]
    fn another_tab_writing_is_a_conflict() {
        assert_eq!(decide(None, None), SaveDecision::Write(1));
        assert_eq!(decide(Some(&stamp("me", 3)), Some(&stamp("me", 3))), SaveDecision::Write(4));
        assert_eq!(decide(Some(&stamp("me", 3)), Some(&stamp("other", 4))), SaveDecision::Conflict(stamp("other", 4)));
        // A workspace someone else saved before this tab ever looked at it.
        assert_eq!(decide(None, Some(&stamp("other", 1))), SaveDecision::Conflict(stamp("other", 1)));
    }
}
