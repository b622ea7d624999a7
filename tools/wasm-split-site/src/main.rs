//! Splits the raw browser bundle (linked with `--emit-relocs`) at its `#[lazy]` functions, before
//! wasm-bindgen: writes the main module, one `split_*.wasm` per lazy function, `chunk_*.wasm` for
//! code several of them share, the loader (`__wasm_split.…js`) and the manifest Leptos reads to
//! tell the browser which chunks a server-rendered page needs.
//!
//! `wasm-split-site INPUT.wasm PKG_DIR MAIN_OUT.wasm OUT_NAME`
use std::{fs, path::PathBuf};

/// The loader's name: Leptos' `HydrationScripts` preloads exactly this file (22 underscores, the
/// length of the hash cargo-leptos would put there).
const LOADER: &str = "./__wasm_split.______________________.js";

fn main() -> eyre::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, main_out, out_name] = &args[..] else {
        eyre::bail!("usage: wasm-split-site INPUT.wasm PKG_DIR MAIN_OUT.wasm OUT_NAME");
    };
    let wasm = fs::read(input)?;
    let (out_dir, main_out) = (PathBuf::from(out_dir), PathBuf::from(main_out));
    let main_module = format!("./{out_name}.js");
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = out_dir.as_path();
    opts.main_out_path = main_out.as_path();
    opts.main_module = main_module.as_str();
    opts.link_name = LOADER;
    let split = wasm_split_cli_support::transform(opts)?;
    let mut manifest: Vec<_> = split.prefetch_map.into_iter().collect();
    manifest.sort();
    let manifest: serde_json::Map<String, serde_json::Value> =
        manifest.into_iter().map(|(k, v)| (k, v.into())).collect();
    fs::write(
        out_dir.join("__wasm_split_manifest.json"),
        serde_json::to_string_pretty(&manifest)?,
    )?;
    for module in &split.split_modules {
        println!("{}", module.display());
    }
    Ok(())
}
