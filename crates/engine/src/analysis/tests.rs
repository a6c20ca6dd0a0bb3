use super::*;

const HEAD: &str = "\"\"\"doc\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = 'a1'\ndown_revision = None\n\n";

fn analyse_src(src: &str) -> Analysis {
    analyse_module(&pylite::parse(src).module, false)
}

/// A file whose `upgrade()` body is `body` (indented already) and whose downgrade drops `t`.
fn upgrade(body: &str) -> Analysis {
    analyse_src(&format!("{HEAD}def upgrade() -> None:\n{body}\n\n\ndef downgrade() -> None:\n    op.drop_table('t')\n"))
}

fn downgrade(body: &str) -> Analysis {
    analyse_src(&format!("{HEAD}def upgrade() -> None:\n    op.create_table('t')\n\n\ndef downgrade() -> None:\n{body}\n"))
}

fn codes(a: &Analysis) -> Vec<&'static str> {
    a.diagnostics().iter().map(|d| d.code).collect()
}

fn dropped_tables(r: &FunctionReport) -> Vec<Option<String>> {
    r.drops().filter(|(d, _)| d.kind == DropKind::Table).map(|(d, _)| d.name.clone()).collect()
}

#[test]
fn the_text_scans_counter_examples_are_not_only_adds() {
    // 1. The call continues at column 0 (inside the brackets), then a drop.
    let a = upgrade("    op.create_table('t',\nsa.Column('id', sa.Integer()))\n    op.drop_table('users')");
    assert!(!a.upgrade.only_adds());
    assert_eq!(dropped_tables(&a.upgrade), [Some("users".to_string())]);
    // 2. A '#' inside a string, then a drop on the same line.
    let a = upgrade("    op.add_column('t', sa.Column('c', sa.String(), server_default='#')); op.drop_table('users')");
    assert!(!a.upgrade.only_adds());
    assert_eq!(dropped_tables(&a.upgrade), [Some("users".to_string())]);
    // 3. A dynamic callee.
    let a = upgrade("    [op.drop_table][0]('users')");
    assert!(!a.upgrade.only_adds());
    assert_eq!(dropped_tables(&a.upgrade), [Some("users".to_string())]);
    assert!(a.upgrade.unresolved().any(|(u, _)| *u == Unresolved::DynamicCall));
    assert!(codes(&a).contains(&"upgrade-drops-table"));
}

#[test]
fn only_additive_upgrades_skip_the_rehearsal() {
    // The cases of the page's former text scan (web/src/guard.rs).
    assert!(upgrade(
        "    op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True))\n    op.create_index(op.f('ix'), 't', ['id'])"
    )
    .upgrade
    .only_adds());
    assert!(upgrade("    # op.drop_table('x') was here\n    op.add_column('t', sa.Column('c', sa.String(50)))").upgrade.only_adds());
    assert!(upgrade("    pass").upgrade.only_adds());
    assert!(upgrade("    op.execute(\n        \"INSERT INTO t (a) VALUES \"\n        \"(1), (2)\"\n    )").upgrade.only_adds());
    for risky in [
        "    op.drop_column('t', 'c')",
        "    op.execute('DELETE FROM t')",
        "    with op.batch_alter_table('t') as b:\n        b.add_column(sa.Column('c', sa.Integer()))",
        "    helper()",
        "    conn = op.get_bind()",
        "    op.execute('UPDATE t SET c = 1')",
        "    op.execute(sa.text('DELETE FROM t'))",
    ] {
        assert!(!upgrade(risky).upgrade.only_adds(), "{risky}");
    }
    assert!(!analyse_src("no upgrade here").upgrade.only_adds());
}

#[test]
fn more_python_is_resolved_or_refused() {
    let adds = |body: &str| upgrade(body).upgrade.only_adds();
    // Additive, through more of Python.
    assert!(adds("    op.execute(sa.text('INSERT INTO t VALUES (1)'))"));
    assert!(adds("    op.execute('CREATE INDEX ix ON t (a);')"));
    assert!(adds("    for name in ('a', 'b'):\n        op.add_column('t', sa.Column(name, sa.String()))"));
    assert!(adds("    t = op.create_table('t', sa.Column('id', sa.Integer))\n    op.bulk_insert(t, [{'id': i} for i in range(3)])"));
    assert!(adds("    cols = [sa.Column(f'c{i}', sa.Integer) for i in range(2)]\n    op.create_table('t', *cols)"));
    // Not additive, or not proven.
    for body in [
        "    op.execute('INSERT INTO t VALUES (1); DROP TABLE users')",
        "    op.execute('INSERT OR REPLACE INTO t VALUES (1)')",
        "    op.execute(sa.text('INSERT INTO t VALUES (:a)').bindparams(a=1))",
        "    op.execute(f'INSERT INTO t VALUES ({1})')",
        "    drop = op.drop_table\n    drop('users')",
        "    getattr(op, 'drop_table')('users')",
        "    (lambda: op.drop_table('users'))()",
        "    [op.drop_table(t) for t in ('a', 'b')]",
        "    op = None\n    op.create_table('t')",
        "    sa = None\n    op.create_table('t', sa.Column('c'))",
        "    if True:\n        op.create_table('t')\n    else:\n        op.drop_table('t')",
        "    bind = op.get_bind()\n    if bind.dialect.name == 'sqlite':\n        op.create_table('t')",
        "    sa.Table('t', sa.MetaData(), autoload_with=op.get_bind())",
        "    raise NotImplementedError()",
        "    with open('x') as f:\n        pass",
        "    op.run_async(lambda c: None)",
        "    def inner():\n        pass\n    op.create_table('t')",
    ] {
        assert!(!adds(body), "{body}");
    }
    // Aliased imports resolve; a rebound `op` does not.
    let a = analyse_src("from alembic import op as o\nfrom sqlalchemy import Column, Integer\ndef upgrade():\n    o.add_column('t', Column('c', Integer()))\n");
    assert!(a.upgrade.only_adds());
    let a = analyse_src("from alembic import op\nimport sqlalchemy as sa\nop = object()\ndef upgrade():\n    op.add_column('t', sa.Column('c', sa.Integer()))\n");
    assert!(!a.upgrade.only_adds());
    let a = analyse_src(
        "from alembic import op\nimport sqlalchemy as sa\ndef upgrade():\n    op.add_column('t', sa.Column('c', sa.Integer()))\n",
    );
    assert!(a.upgrade.only_adds());
    // A branch that rebinds `op` leaves it unknown after the `if`, even on the other path.
    let a = analyse_src(
        "from alembic import op\nimport sqlalchemy as sa\ndef upgrade():\n    if x:\n        op = sa\n    op.drop_table('t')\n",
    );
    assert!(!a.upgrade.only_adds());
    // Module constants resolve, their values too.
    let a = analyse_src("from alembic import op\nTABLE = 'users'\ndef upgrade():\n    op.drop_table(TABLE)\n");
    assert_eq!(dropped_tables(&a.upgrade), [Some("users".to_string())]);
}

#[test]
fn drops_in_batch_blocks_name_the_table() {
    let a = downgrade(
        "    with op.batch_alter_table('accounts') as b:\n        b.drop_column('slug')\n        b.drop_constraint('uq', type_='unique')",
    );
    let drops: Vec<(DropKind, Option<&str>, Option<&str>)> =
        a.downgrade.drops().map(|(d, _)| (d.kind, d.name.as_deref(), d.table.as_deref())).collect();
    assert_eq!(drops, [(DropKind::Column, Some("slug"), Some("accounts")), (DropKind::Constraint, Some("uq"), Some("accounts"))]);
    assert!(a.downgrade.batch_without_copy_from());
    assert!(a.breaks_offline());
}

#[test]
fn downgrades_with_no_way_back() {
    assert_eq!(downgrade("    pass").downgrade.no_way_back(), Some(NoWayBack::Empty));
    assert_eq!(downgrade("    \"\"\"Downgrade schema.\"\"\"\n    # nothing\n    ...").downgrade.no_way_back(), Some(NoWayBack::Empty));
    assert_eq!(
        downgrade("    raise NotImplementedError('emails')").downgrade.no_way_back(),
        Some(NoWayBack::Raises(Raise::NotImplemented))
    );
    assert_eq!(downgrade("    raise RuntimeError('no')").downgrade.no_way_back(), Some(NoWayBack::Raises(Raise::Other)));
    assert_eq!(downgrade("    if x:\n        raise NotImplementedError").downgrade.no_way_back(), None);
    assert_eq!(downgrade("    op.drop_table('t')").downgrade.no_way_back(), None);
    assert_eq!(analyse_src("def upgrade():\n    pass\n").downgrade.no_way_back(), Some(NoWayBack::Missing));
    // Nothing done, nothing to undo.
    let a = analyse_src("def upgrade():\n    pass\n\ndef downgrade():\n    pass\n");
    assert_eq!(a.downgrade.no_way_back(), None);
    assert!(a.diagnostics().is_empty());
}

/// Every code: a script that yields it and a close one that does not.
#[test]
fn each_code_has_a_case_and_a_near_miss() {
    type Case = (&'static str, fn(&str) -> Analysis, &'static str, &'static str);
    let cases: &[Case] = &[
        ("upgrade-drops-table", upgrade, "    op.drop_table('t')", "    op.create_table('t')"),
        ("downgrade-drops-table", downgrade, "    op.drop_table('t')", "    op.create_table('t')"),
        ("upgrade-drops-column", upgrade, "    op.drop_column('t', 'c')", "    op.add_column('t', sa.Column('c'))"),
        (
            "downgrade-drops-column",
            downgrade,
            "    with op.batch_alter_table('t') as b:\n        b.drop_column('c')",
            "    with op.batch_alter_table('t') as b:\n        b.add_column(sa.Column('c'))",
        ),
        ("upgrade-drops-index", upgrade, "    op.drop_index('ix', table_name='t')", "    op.create_index('ix', 't', ['a'])"),
        ("downgrade-drops-index", downgrade, "    op.drop_index(op.f('ix'))", "    op.create_index(op.f('ix'), 't', ['a'])"),
        ("upgrade-drops-constraint", upgrade, "    op.drop_constraint('uq', 't')", "    op.create_unique_constraint('uq', 't', ['a'])"),
        (
            "downgrade-drops-constraint",
            downgrade,
            "    op.drop_constraint('fk', 't', type_='foreignkey')",
            "    op.create_foreign_key('fk', 't', 'u', ['a'], ['id'])",
        ),
        (
            "upgrade-changes-schema",
            upgrade,
            "    op.alter_column('t', 'c', nullable=True)",
            "    op.add_column('t', sa.Column('c', nullable=True))",
        ),
        ("downgrade-changes-schema", downgrade, "    op.rename_table('a', 'b')", "    op.create_table('b')"),
        ("upgrade-changes-data", upgrade, "    op.execute('UPDATE t SET a = 1')", "    op.execute('INSERT INTO t (a) VALUES (1)')"),
        (
            "downgrade-changes-data",
            downgrade,
            "    bind = op.get_bind()\n    bind.execute(sa.text('DELETE FROM t'))",
            "    bind = op.get_bind()\n    bind.dialect.name",
        ),
        ("upgrade-inserts-rows", upgrade, "    op.bulk_insert(t, [{'a': 1}])", "    op.create_index('ix', 't', ['a'])"),
        (
            "downgrade-inserts-rows",
            downgrade,
            "    op.execute(\"INSERT INTO t VALUES (1)\")",
            "    op.execute(\"CREATE INDEX ix ON t (a)\")",
        ),
        ("upgrade-raises", upgrade, "    raise ValueError('x')", "    raise NotImplementedError('x')"),
        ("downgrade-raises", downgrade, "    raise RuntimeError('x')", "    raise NotImplementedError('x')"),
        ("upgrade-raises-not-implemented", upgrade, "    raise NotImplementedError", "    raise ValueError"),
        ("downgrade-raises-not-implemented", downgrade, "    raise NotImplementedError('lossy')", "    raise Exception('lossy')"),
        ("upgrade-empty", upgrade, "    pass", "    op.create_table('t')"),
        ("downgrade-empty", downgrade, "    \"\"\"Downgrade schema.\"\"\"\n    pass", "    op.drop_table('t')"),
        ("upgrade-unresolved", upgrade, "    helper()", "    op.create_table('t')"),
        (
            "downgrade-unresolved",
            downgrade,
            "    for t in tables:\n        op.drop_table(t)",
            "    for t in ('a', 'b'):\n        op.drop_table(t)",
        ),
        ("inspects-database", upgrade, "    insp = sa.inspect(op.get_bind())", "    op.create_table('t')"),
        ("inspects-database", downgrade, "    ctx = op.get_context()", "    ctx = op.f('x')"),
        (
            "batch-without-copy-from",
            upgrade,
            "    with op.batch_alter_table('t') as b:\n        b.alter_column('c')",
            "    with op.batch_alter_table('t', copy_from=T) as b:\n        b.alter_column('c')",
        ),
    ];
    for (code, make, yes, no) in cases {
        assert!(codes(&make(yes)).contains(code), "{code} expected from:\n{yes}\n{:?}", codes(&make(yes)));
        assert!(!codes(&make(no)).contains(code), "{code} not expected from:\n{no}\n{:?}", codes(&make(no)));
    }
    let missing = analyse_src("def downgrade():\n    pass\n");
    assert!(codes(&missing).contains(&"upgrade-missing"));
    assert!(!codes(&upgrade("    pass")).contains(&"upgrade-missing"));
    let missing = analyse_src("def upgrade():\n    op.create_table('t')\n");
    assert!(codes(&missing).contains(&"downgrade-missing"));
    assert!(!codes(&upgrade("    pass")).contains(&"downgrade-missing"));
}

#[test]
fn diagnostics_point_at_the_call() {
    let src =
        format!("{HEAD}def upgrade():\n    op.add_column('t', sa.Column('c'))\n    op.drop_table('users')\n\ndef downgrade():\n    pass\n");
    let a = analyse_src(&src);
    let d = a.diagnostics().into_iter().find(|d| d.code == "upgrade-drops-table").unwrap();
    let at = diagnostics::LineIndex::new(&src).line_col(&src, d.primary_span().unwrap().start as usize);
    assert_eq!((at.line, at.col), (10, 5));
    assert!(d.render("v.py", &src).contains("op.drop_table('users')"), "{}", d.render("v.py", &src));
}

#[test]
fn noqa_silences_one_code_on_its_line() {
    let src = format!(
        "{HEAD}def upgrade():\n    op.drop_table('a')  # noqa: upgrade-drops-table\n    op.drop_table('b')  # noqa: downgrade-empty\n    op.execute('# noqa: upgrade-drops-table'); op.drop_table('c')\n    op.drop_column('t', 'c')  # NOQA\n    op.drop_column('t', 'd')  # noqa:upgrade-drops-table\n\ndef downgrade():  # noqa: inspects-database, downgrade-empty\n    pass\n"
    );
    let a = analyse_src(&src);
    let left: Vec<(&str, usize)> = a
        .unsilenced_diagnostics(&src)
        .iter()
        .map(|d| (d.code, diagnostics::LineIndex::new(&src).line_col(&src, d.primary_span().unwrap().start as usize).line))
        .collect();
    assert!(!left.contains(&("upgrade-drops-table", 9)), "{left:?}");
    assert!(left.contains(&("upgrade-drops-table", 10)), "{left:?}");
    assert!(left.contains(&("upgrade-drops-table", 11)), "{left:?}");
    assert!(!left.contains(&("upgrade-drops-column", 12)), "{left:?}");
    assert!(left.contains(&("upgrade-drops-column", 13)), "{left:?}");
    assert!(!left.iter().any(|(c, _)| *c == "downgrade-empty"), "{left:?}");
}

#[test]
fn malformed_python_never_panics_and_is_never_safe() {
    for src in [
        "def upgrade(:\n    op.create_table('t')\n",
        "def upgrade():\n    op.create_table('t'\n",
        "def upgrade():\n    x = [\n",
        "def upgrade():\n    match x:\n        case 1: pass\n",
        "from alembic import op\ndef upgrade():\n    class A: pass\n",
        "from alembic import op\ndef upgrade():\n    global op\n",
        "from alembic import op\nfrom x import *\ndef upgrade():\n    drop_table('t')\n",
        "from alembic import op\ndef upgrade(engine_name):\n    globals()['upgrade_%s' % engine_name]()\n",
        "from alembic import op\n@decorate\ndef upgrade():\n    op.create_table('t')\n",
        "from alembic import op\ndef upgrade():\n    op.create_table('t')\nupgrade = downgrade\n",
        "from alembic import op\ndef upgrade():\n    [][0]()\n    (1,)[5]()\n    op.f('a')()\n",
    ] {
        let a = analyse_src(src);
        assert!(!a.upgrade.only_adds(), "{src}");
        let _ = a.diagnostics();
    }
}

#[test]
fn new_python_constructs_are_never_taken_for_only_adds() {
    // A comprehension (or generator expression) calling a drop is a drop.
    let a = upgrade("    [op.drop_table(t) for t in ['a', 'b']]");
    assert!(!a.upgrade.only_adds());
    assert!(codes(&a).contains(&"upgrade-drops-table"));
    let a = upgrade("    any(op.drop_column('t', c) for c in ['x'])");
    assert!(!a.upgrade.only_adds());
    for unresolved in [
        "    f = lambda: op.drop_table('t')\n    f()",
        "    (d := op.drop_table)('t')",
        "    class H:\n        pass",
        "    global x\n    x = 1",
        "    del op.x",
    ] {
        assert!(!upgrade(unresolved).upgrade.only_adds(), "{unresolved}");
    }
    // Module code that rebinds `upgrade` through `global` or `:=` at import time.
    for module in [
        "def upgrade():\n    pass\n\ndef swap(f):\n    global upgrade\n    upgrade = lambda: op.drop_table('t')\n    return f\n\n@swap\ndef other():\n    pass\n",
        "def upgrade():\n    pass\n\n[(upgrade := lambda: op.drop_table('t')) for _ in [1]]\n",
    ] {
        let a = analyse_src(&format!("{HEAD}{module}"));
        assert!(!a.upgrade.only_adds(), "{module}");
    }
    // Plain additive code stays provable.
    assert!(upgrade("    op.add_column('t', sa.Column('c', sa.String(50)))").upgrade.only_adds());
}
