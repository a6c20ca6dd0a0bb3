// What a share link would cost with lz-string instead of crates/share: the length of
// `LZString.compressToEncodedURIComponent(JSON.stringify(scenario))` for the same files the
// share crate's `link_lengths` example measures, so BENCHMARKS.md can state the ratio.
//
//   node tests/tools/url_lengths.mjs
//
// Files are read the way the share crate reads a project: alembic.ini, alembic/env.py,
// alembic/script.py.mako and alembic/versions/*.py, paths relative to the project, sorted.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import LZString from "lz-string";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function projectFiles(dir, { versionsOnly = false } = {}) {
  const versions = readdirSync(join(dir, "alembic", "versions"))
    .filter((name) => name.endsWith(".py"))
    .map((name) => `alembic/versions/${name}`);
  const paths = versionsOnly
    ? versions
    : ["alembic.ini", "alembic/env.py", "alembic/script.py.mako", ...versions];
  return paths.sort().map((path) => [path, readFileSync(join(dir, path), "utf8")]);
}

// The same steps as crates/share/tests/data/v1_blog.link.
const blogSteps = [
  { run: ["upgrade head"], at_ms: 1764000000000 },
  { sql: "INSERT INTO posts (title, is_featured) VALUES ('shared', 0)" },
  { run: ["downgrade -1"], at_ms: 1764000060000 },
  { production: true },
];

function measure(label, name, files, steps = []) {
  const json = JSON.stringify({ name, files, steps });
  const link = LZString.compressToEncodedURIComponent(json);
  console.log(`${label.padEnd(44)} ${String(link.length).padStart(7)} chars (JSON ${json.length} bytes)`);
  return link.length;
}

const migrations = join(root, "migrations");
for (const name of readdirSync(migrations).sort()) {
  measure(`migrations/${name}`, name, projectFiles(join(migrations, name)));
}
measure("blog + 4 steps (the v1 fixture)", "blog", projectFiles(join(migrations, "blog")), blogSteps);
const sixty = join(root, "crates", "share", "tests", "data", "sixty");
measure("sixty: 60 versions/*.py only", "sixty", projectFiles(sixty, { versionsOnly: true }));
measure("sixty: whole project", "sixty", projectFiles(sixty));
// As `alembic revision -m` wrote them, before make_sixty_revisions.py filled in the bodies
// (the share crate's common::sixty_as_generated does the same).
const asGenerated = projectFiles(sixty, { versionsOnly: true }).map(([path, text]) => [
  path,
  text.slice(0, text.indexOf("def upgrade() -> None:\n")) +
    'def upgrade() -> None:\n    """Upgrade schema."""\n    pass\n\n\n' +
    'def downgrade() -> None:\n    """Downgrade schema."""\n    pass\n',
]);
measure("sixty: versions as generated (bodies `pass`)", "sixty", asGenerated);
