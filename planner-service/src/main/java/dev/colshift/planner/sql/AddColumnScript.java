package dev.colshift.planner.sql;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.MigrationSpec.CheckSpec;
import dev.colshift.schemas.MigrationSpec.ForeignKeySpec;
import dev.colshift.schemas.MigrationSpec.GeneratedSpec;
import dev.colshift.schemas.MigrationSpec.IndexSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the SQL a user would have run to add columns (one {@code ALTER TABLE} with {@code ADD COLUMN} clauses, and
 * after it {@code CREATE [UNIQUE] INDEX [CONCURRENTLY]} on the same table, {@code ADD CONSTRAINT} on a new column,
 * {@code COMMENT ON COLUMN}, the {@code SET lock_timeout} / {@code statement_timeout} and {@code BEGIN} / {@code
 * COMMIT} lines migration files carry) into one spec per added column, the same specs the JSON door takes. Anything
 * else refuses the whole script with the reason. Only the grammar is read here: types and expressions are taken as
 * written, and PostgreSQL judges them in the rehearsal. Pure.
 */
public final class AddColumnScript {
    private static final Set<String> COLUMN_CONSTRAINT_START =
            Set.of("constraint", "null", "default", "check", "unique", "primary", "references", "generated", "collate");

    private final String source;
    private final Map<String, ColumnDraft> columns = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private String table;

    private AddColumnScript(String source) {
        this.source = source;
    }

    /** The specs, in the order the columns are added, and notes on lines colshift handles itself. */
    public record Parsed(List<MigrationSpec> specs, List<String> notes) {}

    public static Parsed read(String sql) {
        AddColumnScript script = new AddColumnScript(sql);
        script.readAll();
        if (script.columns.isEmpty()) {
            throw new UnsupportedSqlException("no ALTER TABLE ... ADD COLUMN: colshift adds columns");
        }
        return new Parsed(
                script.columns.values().stream().map(ColumnDraft::toSpec).toList(), List.copyOf(script.notes));
    }

    private void readAll() {
        List<SqlToken> statement = new ArrayList<>();
        for (SqlToken t : SqlLexer.tokens(source)) {
            if (t.isPunctuation(';')) {
                statement(statement);
                statement = new ArrayList<>();
            } else {
                statement.add(t);
            }
        }
        statement(statement);
    }

    private void statement(List<SqlToken> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        TokenCursor in = new TokenCursor(source, tokens);
        if (in.accept("begin") || in.accept("start", "transaction") || in.accept("commit") || in.accept("end")) {
            notes.add("transaction control ignored: colshift runs each step in its own transaction");
            in.accept("work");
            in.accept("transaction");
        } else if (in.accept("set")) {
            setting(in);
        } else if (in.accept("alter", "table")) {
            alterTable(in);
        } else if (in.accept("create")) {
            createIndex(in);
        } else if (in.accept("comment", "on", "column")) {
            comment(in);
        } else {
            throw new UnsupportedSqlException("'" + statementStart(tokens) + "' is not part of adding a column");
        }
        if (!in.atEnd()) {
            throw new UnsupportedSqlException("unexpected " + TokenCursor.describe(in.peek()));
        }
    }

    private String statementStart(List<SqlToken> tokens) {
        int end = tokens.get(Math.min(tokens.size(), 3) - 1).end();
        return source.substring(tokens.get(0).start(), end);
    }

    private void setting(TokenCursor in) {
        if (!in.accept("local")) {
            in.accept("session");
        }
        String name = in.name("a setting");
        if (!Set.of("lock_timeout", "statement_timeout").contains(name)) {
            throw new UnsupportedSqlException("SET " + name + " is not part of adding a column");
        }
        if (!in.accept("to") && !in.acceptPunctuation('=')) {
            in.next();
        }
        in.until(c -> false);
        notes.add("SET " + name + " ignored: colshift runs every step under its own lock_timeout, with retries");
    }

    private void sameTable(String name) {
        String bare = name.substring(name.lastIndexOf('.') + 1);
        if (table == null) {
            table = name;
            return;
        }
        String known = table.substring(table.lastIndexOf('.') + 1);
        boolean bothQualified = table.contains(".") && name.contains(".");
        if (!known.equals(bare) || bothQualified && !table.equals(name)) {
            throw new UnsupportedSqlException(
                    "the script changes " + table + " and " + name + ": one table per change");
        }
        if (name.contains(".")) {
            table = name;
        }
    }

    private void alterTable(TokenCursor in) {
        in.accept("if", "exists");
        in.accept("only");
        String name = in.qualifiedName("a table name");
        in.accept("*");
        sameTable(name);
        do {
            if (!in.accept("add")) {
                throw new UnsupportedSqlException("ALTER TABLE ... " + TokenCursor.describe(in.peek())
                        + " is not an addition: colshift only adds columns and their constraints");
            }
            if (in.peek() != null
                    && (in.peek().is("constraint")
                            || in.peek().is("check")
                            || in.peek().is("foreign")
                            || in.peek().is("unique")
                                    && in.peek(1) != null
                                    && in.peek(1).isPunctuation('(')
                            || in.peek().is("primary")
                                    && in.peek(1) != null
                                    && in.peek(1).is("key"))) {
                tableConstraint(in);
            } else {
                in.accept("column");
                addColumn(in);
            }
        } while (in.acceptPunctuation(','));
    }

    private void addColumn(TokenCursor in) {
        boolean ifNotExists = in.accept("if", "not", "exists");
        String column = in.name("a column name");
        String type = in.until(AddColumnScript::startsColumnConstraint).trim();
        if (columns.containsKey(column)) {
            throw new UnsupportedSqlException("column " + column + " is added twice");
        }
        ColumnDraft draft = new ColumnDraft(table, column, type);
        draft.ifNotExists = ifNotExists ? Boolean.TRUE : null;
        columns.put(column, draft);
        while (!in.atEnd() && !in.peek().isPunctuation(',')) {
            columnConstraint(in, draft);
        }
    }

    private static boolean startsColumnConstraint(TokenCursor in) {
        SqlToken t = in.peek();
        if (t.isPunctuation(',')) {
            return true;
        }
        if (t.is("not")
                && in.peek(1) != null
                && (in.peek(1).is("null") || in.peek(1).is("deferrable"))) {
            return true;
        }
        return t.kind() == SqlToken.Kind.WORD && COLUMN_CONSTRAINT_START.contains(t.value());
    }

    private void columnConstraint(TokenCursor in, ColumnDraft draft) {
        String name = in.accept("constraint") ? in.name("a constraint name") : null;
        if (in.accept("not", "null")) {
            draft.nullable = false;
        } else if (in.accept("null")) {
            draft.nullable = draft.nullable == null ? Boolean.TRUE : draft.nullable;
        } else if (in.accept("default")) {
            boolean[] first = {true};
            draft.defaultExpression = in.until(c -> {
                        boolean stop = !first[0]
                                && (startsColumnConstraint(c) || c.peek().is("default"));
                        first[0] = false;
                        return stop;
                    })
                    .trim();
        } else if (in.accept("check")) {
            draft.checks.add(new CheckSpec(name, in.parenthesised()));
            noInherit(in);
        } else if (in.accept("unique")) {
            nullsDistinct(in);
            draft.unique = true;
        } else if (in.accept("primary", "key")) {
            draft.primaryKey = true;
        } else if (in.accept("references")) {
            draft.references = references(in, name);
        } else if (in.accept("generated")) {
            generated(in, draft);
        } else if (in.accept("collate")) {
            draft.collation = in.name("a collation");
            if (in.acceptPunctuation('.')) {
                throw new UnsupportedSqlException("a schema-qualified collation is not supported");
            }
        } else {
            throw new UnsupportedSqlException(
                    "column option " + TokenCursor.describe(in.peek()) + " is not supported on an added column");
        }
    }

    private static void noInherit(TokenCursor in) {
        if (in.accept("no", "inherit")) {
            throw new UnsupportedSqlException("CHECK ... NO INHERIT is not supported");
        }
    }

    private static void nullsDistinct(TokenCursor in) {
        if (in.peek() != null && in.peek().is("nulls")) {
            throw new UnsupportedSqlException("UNIQUE NULLS [NOT] DISTINCT is not supported");
        }
    }

    private static void generated(TokenCursor in, ColumnDraft draft) {
        if (in.accept("by", "default", "as", "identity")) {
            draft.identity = "BY DEFAULT";
        } else if (in.accept("always", "as", "identity")) {
            draft.identity = "ALWAYS";
        } else if (in.accept("always", "as")) {
            String expression = in.parenthesised();
            String kind = in.accept("stored") ? "STORED" : in.accept("virtual") ? "VIRTUAL" : null;
            draft.generated = new GeneratedSpec(expression, kind);
            return;
        } else {
            throw new UnsupportedSqlException("expected GENERATED ALWAYS AS (...) or GENERATED ... AS IDENTITY");
        }
        if (in.peek() != null && in.peek().isPunctuation('(')) {
            throw new UnsupportedSqlException("identity sequence options are not supported");
        }
    }

    private static ForeignKeySpec references(TokenCursor in, String constraintName) {
        String target = in.qualifiedName("the referenced table");
        String column = null;
        if (in.peek() != null && in.peek().isPunctuation('(')) {
            in.expectPunctuation('(');
            column = in.name("the referenced column");
            if (!in.acceptPunctuation(')')) {
                throw new UnsupportedSqlException("a foreign key to several columns is not supported");
            }
        }
        in.accept("match", "simple");
        String onDelete = null;
        String onUpdate = null;
        while (in.accept("on")) {
            if (in.accept("delete")) {
                onDelete = referentialAction(in);
            } else {
                in.expect("update");
                onUpdate = referentialAction(in);
            }
        }
        String deferrable = null;
        if (in.accept("deferrable")) {
            deferrable = "DEFERRABLE";
            if (in.accept("initially", "deferred")) {
                deferrable = "DEFERRABLE INITIALLY DEFERRED";
            } else if (in.accept("initially", "immediate")) {
                deferrable = "DEFERRABLE INITIALLY IMMEDIATE";
            }
        } else if (in.accept("not", "deferrable")) {
            in.accept("initially", "immediate");
        } else {
            in.accept("initially", "immediate");
        }
        if (in.peek() != null && (in.peek().is("initially") || in.peek().is("match"))) {
            throw new UnsupportedSqlException(
                    "foreign key option " + TokenCursor.describe(in.peek()) + " is not supported");
        }
        return new ForeignKeySpec(target, column, onDelete, onUpdate, constraintName, deferrable);
    }

    private static String referentialAction(TokenCursor in) {
        if (in.accept("no", "action")) {
            return "NO ACTION";
        } else if (in.accept("restrict")) {
            return "RESTRICT";
        } else if (in.accept("cascade")) {
            return "CASCADE";
        } else if (in.accept("set", "null")) {
            return "SET NULL";
        } else if (in.accept("set", "default")) {
            return "SET DEFAULT";
        }
        throw new UnsupportedSqlException("unknown referential action " + TokenCursor.describe(in.peek()));
    }

    /** {@code ADD [CONSTRAINT name] CHECK|UNIQUE|PRIMARY KEY|FOREIGN KEY ...} about one column added here. */
    private void tableConstraint(TokenCursor in) {
        String name = in.accept("constraint") ? in.name("a constraint name") : null;
        if (in.accept("check")) {
            String expression = in.parenthesised();
            noInherit(in);
            notValid(in);
            newColumnIn(expression).checks.add(new CheckSpec(name, expression));
        } else if (in.accept("unique")) {
            nullsDistinct(in);
            draftOf(oneColumn(in)).unique = true;
        } else if (in.accept("primary", "key")) {
            draftOf(oneColumn(in)).primaryKey = true;
        } else if (in.accept("foreign", "key")) {
            ColumnDraft draft = draftOf(oneColumn(in));
            in.expect("references");
            draft.references = references(in, name);
            notValid(in);
        } else {
            throw new UnsupportedSqlException("constraint " + TokenCursor.describe(in.peek()) + " is not supported");
        }
    }

    private static void notValid(TokenCursor in) {
        // colshift adds every check and foreign key NOT VALID and validates it, whether the script says so or not
        in.accept("not", "valid");
    }

    private static String oneColumn(TokenCursor in) {
        in.expectPunctuation('(');
        String column = in.name("a column");
        if (!in.acceptPunctuation(')')) {
            throw new UnsupportedSqlException("a constraint on several columns is not supported");
        }
        return column;
    }

    private ColumnDraft draftOf(String column) {
        ColumnDraft draft = columns.get(column);
        if (draft == null) {
            throw new UnsupportedSqlException(
                    "the constraint is on column " + column + ", which this script does not add");
        }
        return draft;
    }

    /** The first column added by this script that the expression names. */
    private ColumnDraft newColumnIn(String expression) {
        for (SqlToken t : SqlLexer.tokens(expression)) {
            if (t.isName() && columns.containsKey(t.value())) {
                return columns.get(t.value());
            }
        }
        throw new UnsupportedSqlException("the constraint names no column this script adds");
    }

    private void createIndex(TokenCursor in) {
        boolean unique = in.accept("unique");
        in.expect("index");
        in.accept("concurrently"); // colshift always builds indexes concurrently
        in.accept("if", "not", "exists");
        String name = in.peek() != null && in.peek().isName() && !in.peek().is("on") ? in.name("an index name") : null;
        in.expect("on");
        in.accept("only");
        sameTable(in.qualifiedName("a table name"));
        String method = in.accept("using") ? in.name("an index method") : null;
        String keyList = in.parenthesised();
        String where = null;
        if (in.accept("where")) {
            where = in.until(c -> false).trim();
        }
        if (!in.atEnd()) {
            throw new UnsupportedSqlException("index option " + TokenCursor.describe(in.peek())
                    + " is not supported (INCLUDE, WITH, TABLESPACE," + " NULLS)");
        }
        List<String> keys = splitTopLevel(keyList);
        IndexSpec index = new IndexSpec(name, unique ? Boolean.TRUE : null, method, keys, where);
        indexOwner(keyList).indexes.add(index);
    }

    /** The column added here that the index keys name, else the first column added: the index belongs to the change. */
    private ColumnDraft indexOwner(String keys) {
        if (columns.isEmpty()) {
            throw new UnsupportedSqlException("CREATE INDEX comes before the ADD COLUMN it belongs to");
        }
        for (SqlToken t : SqlLexer.tokens(keys)) {
            if (t.isName() && columns.containsKey(t.value())) {
                return columns.get(t.value());
            }
        }
        return columns.values().iterator().next();
    }

    private static List<String> splitTopLevel(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        List<SqlToken> tokens = SqlLexer.tokens(list);
        for (SqlToken t : tokens) {
            if (t.isPunctuation('(')) {
                depth++;
            } else if (t.isPunctuation(')')) {
                depth--;
            } else if (t.isPunctuation(',') && depth == 0) {
                parts.add(list.substring(from, t.start()).trim());
                from = t.end();
            }
        }
        parts.add(list.substring(from).trim());
        return parts;
    }

    private void comment(TokenCursor in) {
        String first = in.name("a table name");
        in.expectPunctuation('.');
        String second = in.name("a column name");
        String tableName = first;
        String column = second;
        if (in.acceptPunctuation('.')) {
            tableName = first + "." + second;
            column = in.name("a column name");
        }
        sameTable(tableName);
        in.expect("is");
        ColumnDraft draft = draftOf(column);
        if (in.accept("null")) {
            draft.comment = null;
            return;
        }
        SqlToken text = in.next();
        if (text.kind() != SqlToken.Kind.STRING || !text.text().startsWith("'")) {
            throw new UnsupportedSqlException("COMMENT ... IS takes a plain string literal");
        }
        draft.comment = text.text().substring(1, text.text().length() - 1).replace("''", "'");
    }
}
