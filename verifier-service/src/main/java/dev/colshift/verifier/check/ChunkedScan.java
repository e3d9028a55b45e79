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
    public record Totals(long rowsSeen, long inScope, long hits, long chunks, List<Long> sampleKeys) {}

    public Uni<Totals> run() {
        return from(Long.MIN_VALUE, new Totals(0, 0, 0, 0, List.of()));
    }

    public String sql() {
        return query.sql();
    }

    private Uni<Totals> from(long afterKey, Totals sofar) {
        Tuple parameters = Tuple.of(afterKey);
        extraParameters.forEach(parameters::addValue);
        return transactions
                .readOnly(db -> db.preparedQuery(query.sql()).execute(parameters))
                .chain(rows -> {
                    Row r = rows.iterator().next();
                    long seen = r.getLong("rows_seen");
                    List<Long> samples = new ArrayList<>(sofar.sampleKeys());
                    Long[] chunkSamples = r.getArrayOfLongs("sample_keys");
                    if (chunkSamples != null) {
                        for (Long key : chunkSamples) {
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
                    return seen < query.limit() ? Uni.createFrom().item(next) : from(r.getLong("last_key"), next);
                });
    }
}
