//! `nationwide FOLDER [COUNT] [SEED]`: writes a national set of plans (default: all 1,741
//! municipalities, seed 1) for `shihyo rollup FOLDER/national.kpi`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(folder) = args.next().map(PathBuf::from) else {
        eprintln!("usage: nationwide FOLDER [COUNT (default 1741)] [SEED (default 1)]");
        return ExitCode::from(2);
    };
    let number = |text: Option<String>, default: u64| text.map_or(Ok(default), |t| t.parse::<u64>());
    let (Ok(count), Ok(seed)) = (number(args.next(), nationwide::ALL as u64), number(args.next(), 1)) else {
        eprintln!("nationwide: COUNT and SEED are whole numbers");
        return ExitCode::from(2);
    };
    match nationwide::write_set(&folder, count as usize, seed) {
        Ok(written) => {
            println!("{} plans ({:.1} MB) in {}", written.plans, written.bytes as f64 / 1e6, folder.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("nationwide: cannot write {}: {error}", folder.display());
            ExitCode::FAILURE
        }
    }
}
