package dev.colshift.verifier.check;

import dev.colshift.verifier.db.ShortTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link ChunkQuery} over the whole table, chunk after chunk, each in its own short read-only transaction, and
 * adds up what the chunks found. A row the application changes between chunks is seen once (its key does not move);
 * no snapshot is held longer than one chunk.
 */
public final class ChunkedScan {
    private final ShortTransactions transactions;
    private final ChunkQuery query;
    private final List<Object> extraParameters;

    /** @param extraParameters values for {@code $2}, {@code $3}, ... in the query's scope and hit */
    public ChunkedScan(ShortTransactions transactions, ChunkQuery query, List<Object> extraParameters) {
        this.transactions = transactions;
        this.query = query;
        this.extraParameters = List.copyOf(extraParameters);
    }

    /** What a whole scan found. */
    public record Totals(long rowsSeen, long inScope, long hits, long chunks, List<String> sampleKeys) {}

    public Uni<Totals> run() {
        return from(null, new Totals(0, 0, 0, 0, List.of()));
    }

    /** The SQL of every chunk after the first (which has no lower bound). */
    public String sql() {
        return query.sql(false);
    }

    /** @param afterKey the previous chunk's last key, one text value per key column; null for the first chunk */
    private Uni<Totals> from(String[] afterKey, Totals sofar) {
        Tuple parameters = Tuple.tuple().addArrayOfString(afterKey);
        extraParameters.forEach(parameters::addValue);
        String sql = query.sql(afterKey == null);
        return transactions
                .readOnly(db -> db.preparedQuery(sql).execute(parameters))
                .chain(rows -> {
                    Row r = rows.iterator().next();
                    long seen = r.getLong("rows_seen");
                    List<String> samples = new ArrayList<>(sofar.sampleKeys());
                    String[] chunkSamples = r.getArrayOfStrings("sample_keys");
                    if (chunkSamples != null) {
                        for (String key : chunkSamples) {
                            if (samples.size() < query.samples()) {
                                samples.add(key);
                            }
                        }
                    }
                    Totals next = new Totals(
                            sofar.rowsSeen() + seen,
                            sofar.inScope() + r.getLong("in_scope"),
                            sofar.hits() + r.getLong("hits"),
                            sofar.chunks() + 1,
                            samples);
                    return seen < query.limit()
                            ? Uni.createFrom().item(next)
                            : from(r.getArrayOfStrings("last_key"), next);
                });
    }
}
