package io.tandemmq.broker.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The waiting messages of one queue that live only in the store, per JMS priority: how many, and
 * the cursor above which they are. For a priority that pages, every waiting stored message with an
 * id at or below its cursor is in memory (or in delivery), and every one above it is in the store
 * only, counted here; except the few that are in memory although above the cursor ({@link #ahead}:
 * moved or dead-lettered into the queue while it paged), which the reads back skip.
 */
final class StoreBacklog {
    static final int PRIORITIES = 10;

    private final boolean[] paging = new boolean[PRIORITIES];
    private final long[] cursor = new long[PRIORITIES];
    private final long[] count = new long[PRIORITIES];
    /** The highest id of each priority put in memory so far: where a cursor starts. */
    private final long[] highestInMemory = new long[PRIORITIES];
    /**
     * Rows found at start-up above the window are counted afterwards, a step at a time: those of
     * ids in ({@code countedTo}, {@code uncountedTo}] are not in {@link #count} yet.
     */
    private final long[] countedTo = new long[PRIORITIES];
    private final long[] uncountedTo = new long[PRIORITIES];
    private final List<Set<Long>> ahead = new ArrayList<>();
    private long total;

    StoreBacklog() {
        for (int level = 0; level < PRIORITIES; level++) {
            ahead.add(new HashSet<>());
        }
    }

    static int level(int priority) {
        return Math.max(0, Math.min(PRIORITIES - 1, priority));
    }

    boolean isPaging(int level) {
        return paging[level];
    }

    long cursor(int level) {
        return cursor[level];
    }

    long total() {
        return total;
    }

    /** From now on, stored messages of this priority above every id held in memory go to the store only. */
    void startPaging(int level) {
        paging[level] = true;
        cursor[level] = highestInMemory[level];
    }

    /**
     * At start-up: the rows of this priority above {@code afterId} (the last one read into memory),
     * up to {@code highestId}, wait in the store only, not counted yet ({@link #counted}).
     */
    void recoveredBeyond(int level, long afterId, long highestId) {
        paging[level] = true;
        cursor[level] = afterId;
        countedTo[level] = afterId;
        uncountedTo[level] = highestId;
    }

    /** Whether rows found at start-up are still being counted. */
    boolean counting(int level) {
        return countedTo[level] < uncountedTo[level];
    }

    /** Where the next step of the count starts: rows at or below the cursor are not in the store only. */
    long countFrom(int level) {
        return Math.max(countedTo[level], cursor[level]);
    }

    long countTo(int level) {
        return uncountedTo[level];
    }

    /** A step of the count found {@code rows} more, up to {@code reached}. */
    void counted(int level, long rows, long reached) {
        count[level] += rows;
        total += rows;
        countedTo[level] = reached;
    }

    /** Whether messages of this priority wait in the store only (counted or not yet). */
    boolean hasStoreOnly(int level) {
        return paging[level] && (count[level] > 0 || counting(level));
    }

    /** Whether any priority has messages waiting in the store only. */
    boolean any() {
        for (int level = 0; level < PRIORITIES; level++) {
            if (hasStoreOnly(level)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a stored message arriving now belongs in the store only. */
    boolean isStoreOnly(int level, long id) {
        return paging[level] && id > cursor[level];
    }

    void countStoreOnly(int level, long messages) {
        count[level] += messages;
        total += messages;
    }

    /** A message put in memory: a reading back skips it when it lies above the cursor. */
    void inMemory(int level, long id, boolean stored) {
        highestInMemory[level] = Math.max(highestInMemory[level], id);
        if (stored && paging[level] && id > cursor[level]) {
            ahead.get(level).add(id);
        }
    }

    /**
     * A row read back from the store moves the cursor past it.
     *
     * @return true when it was counted here (it goes into memory now), false when it is in memory already
     */
    boolean readBack(int level, long id) {
        cursor[level] = id;
        if (ahead.get(level).remove(id)) {
            return false;
        }
        if (id <= countedTo[level] || id > uncountedTo[level]) {
            count[level]--;
            total--;
        }
        return true;
    }

    /**
     * A message counted here when it arrived, while a read was in flight, turned out to lie behind
     * the cursor that read moved: it goes into memory.
     */
    void arrivedBehindCursor(int level) {
        count[level]--;
        total--;
    }

    /** A row read back whose arrival the queue has not seen yet: it will come into memory then. */
    void passOver(int level, long id) {
        cursor[level] = id;
    }

    /**
     * The store has no more rows of this priority above the cursor.
     *
     * @return how many this backlog counted that the store did not hold (0 unless something went wrong)
     */
    long exhausted(int level) {
        long missing = count[level];
        total -= missing;
        count[level] = 0;
        countedTo[level] = 0;
        uncountedTo[level] = 0;
        paging[level] = false;
        ahead.get(level).clear();
        return missing;
    }

    /** Every store-only message was removed (purge) or the queue deleted. */
    void clear() {
        for (int level = 0; level < PRIORITIES; level++) {
            exhausted(level);
        }
    }

    /** The ids above the cursor that are in memory, which a purge of the store-only rows must keep. */
    Set<Long> ahead(int level) {
        return ahead.get(level);
    }
}
