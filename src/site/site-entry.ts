// The top-level entry of the output directory the static site is written to: `out/site/`.
// `build` leaves it to `site` and `build --site`, and no incident may take it as its id.
export const siteEntry = 'site';
