package dev.colshift.planner.sql;

import dev.colshift.schemas.MigrationSpec;
import dev.colshift.schemas.MigrationSpec.CheckSpec;
import dev.colshift.schemas.MigrationSpec.ForeignKeySpec;
import dev.colshift.schemas.MigrationSpec.GeneratedSpec;
import dev.colshift.schemas.MigrationSpec.IndexSpec;
import java.util.ArrayList;
import java.util.List;

/** One added column as the SQL describes it, filled in statement by statement, then turned into a spec. */
final class ColumnDraft {
    final String table;
    final String column;
    final String type;
    String defaultExpression;
    Boolean nullable;
    String collation;
    final List<CheckSpec> checks = new ArrayList<>();
    ForeignKeySpec references;
    Boolean unique;
    Boolean primaryKey;
    String identity;
    GeneratedSpec generated;
    final List<IndexSpec> indexes = new ArrayList<>();
    String comment;
    Boolean ifNotExists;

    ColumnDraft(String table, String column, String type) {
        this.table = table;
        this.column = column;
        this.type = type;
    }

    MigrationSpec toSpec() {
        return new MigrationSpec(
                table,
                column,
                type,
                defaultExpression,
                nullable,
                null,
                null,
                collation,
                checks.isEmpty() ? null : List.copyOf(checks),
                references,
                unique,
                primaryKey,
                identity,
                generated,
                indexes.isEmpty() ? null : List.copyOf(indexes),
                comment,
                ifNotExists,
                null,
                null,
                null);
    }
}
