fn main() {
    // src-tauri/tauri.conf.json is a symlink to the one config at the repository root, so
    // plain cargo and the Tauri CLI (which bundles the .deb) read the same file.
    tauri_build::build();
}
