fn main() {
    eprintln!("sotay: not built yet");
    std::process::exit(1);
}
