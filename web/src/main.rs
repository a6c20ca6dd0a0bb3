//! Trunk entry point: mounts the app on the page body.

fn main() {
    yew::Renderer::<web::App>::new().render();
}
