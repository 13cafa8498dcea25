//! A seeded national set of shihyo plans, for the national roll-up's tests and benchmarks:
//! `count` municipalities (all 1,741, or a sample spread over the country), each a plan of
//! about 100 indicators over ten years with its actuals, a roster listing them with their
//! prefecture and region, and the aggregate that rolls them up. The same seed gives the
//! same files, byte for byte.

mod municipalities;
mod plan;

pub use municipalities::{municipalities, Municipality, ALL};
pub use plan::{draw, Dice, Drawn};

use rand_core::SeedableRng;
use std::path::Path;

/// The aggregate a set is rolled up by (`national.kpi`).
pub const AGGREGATE: &str = r#"// 全国の市町村の総合戦略KPIを、地方・都道府県ごとと全国で集計する。
aggregate "全国の総合戦略KPI" {
  plans "roster.csv"
  as of R6
  by "地方"
  by "都道府県"
  sum "転入者数"
  average "合計特殊出生率"
  average "市民満足度"
}
"#;

/// What a written set holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// Plans written.
    pub plans: usize,
    /// Bytes of plans and actuals written.
    pub bytes: usize,
}

/// Writes a set of `count` plans drawn from `seed` into `folder` (made if missing):
/// `national.kpi`, `roster.csv`, and `plans/CODE.kpi` with `plans/CODE.csv` for each.
/// Each file is written whole to a temporary name, then renamed into place.
pub fn write_set(folder: &Path, count: usize, seed: u64) -> std::io::Result<Written> {
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(seed);
    let chosen = municipalities(count, &mut rng);
    std::fs::create_dir_all(folder.join("plans"))?;
    let mut roster = String::from("plan,data,code,name,地方,都道府県\n");
    let mut bytes = 0;
    for municipality in &chosen {
        let drawn = draw(municipality, &mut Dice(&mut rng));
        let code = &municipality.code;
        write(&folder.join(format!("plans/{code}.kpi")), &drawn.plan)?;
        write(&folder.join(format!("plans/{code}.csv")), &drawn.actuals)?;
        bytes += drawn.plan.len() + drawn.actuals.len();
        roster.push_str(&format!(
            "plans/{code}.kpi,plans/{code}.csv,{code},{},{},{}\n",
            municipality.name, municipality.region, municipality.prefecture
        ));
    }
    write(&folder.join("roster.csv"), &roster)?;
    write(&folder.join("national.kpi"), AGGREGATE)?;
    Ok(Written { plans: chosen.len(), bytes })
}

/// Writes `text` to `path` atomically: a temporary file beside it, renamed over it.
fn write(path: &Path, text: &str) -> std::io::Result<()> {
    let partial = path.with_extension("partial");
    std::fs::write(&partial, text)?;
    std::fs::rename(&partial, path)
}
