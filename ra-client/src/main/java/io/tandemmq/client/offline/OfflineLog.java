package io.tandemmq.client.offline;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The client-side store on disk: an append-only log of segment files in one directory, written
 * with nothing but the JDK (a log of two record kinds needs no embedded database).
 *
 * <p>Each record is {@code magic(4) length(4) crc32(4) body}; a body is either a MESSAGE
 * ({@code kind, sequence, producer, message bytes}) or a DONE ({@code kind, sequence}) that says the
 * server has that message. A record is on disk (fsync'd) before {@link #append} or
 * {@link #markDone} returns; concurrent callers share one fsync.
 *
 * <p>Opening reads every segment. A bad record in the last segment with nothing valid after it is
 * a write torn by a crash: it is cut off and a warning logged; the records before it survive. Any
 * other bad record is corruption: opening fails naming the file and offset, and nothing is deleted.
 * A segment is deleted only when it is the oldest and every message in it is done, so a DONE
 * record is never lost while the message it names is still on disk.
 *
 * <p>One process at a time: the directory's lock file is held with a {@link FileLock} while open.
 */
public final class OfflineLog implements Closeable {
    private static final Logger LOG = System.getLogger(OfflineLog.class.getName());
    static final String LOCK_FILE = "tandem-client.lock";
    static final int MAGIC = 0x54444d31;
    static final int HEADER = 12;
    private static final byte MESSAGE = 1;
    private static final byte DONE = 2;
    private static final int DONE_BODY = 9;
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{16})\\.log");

    /** One segment file. Guarded by the log's monitor. */
    private static final class Segment {
        final long number;
        final Path path;
        final FileChannel channel;
        long size;
        int live;

        Segment(long number, Path path, FileChannel channel, long size) {
            this.number = number;
            this.path = path;
            this.channel = channel;
            this.size = size;
        }
    }

    private final Path directory;
    private final long maxBytes;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    /** Sequence of every message not done yet, in log order, with its entry. */
    private final Map<Long, OfflineEntry> waiting = new LinkedHashMap<>();
    /** Messages marked done whose DONE records are not yet synced and their segments not yet dropped. */
    private int freeing;
    private final Object syncLock = new Object();
    private Segment active;
    private long nextSequence = 1;
    private long storedBytes;
    /** Bytes appended since opening, across segments: what a sync must cover. */
    private long written;
    private boolean closed;
    /** Guarded by syncLock. */
    private long synced;

    private OfflineLog(Path directory, long maxBytes, long segmentBytes, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating if needed) the log in a directory and recovers what an earlier process left.
     *
     * @param maxBytes     the most the segment files may hold together; appends beyond are refused
     * @param segmentBytes the size at which a new segment file is started
     * @throws OfflineStoreException naming the path when the directory cannot be created or written,
     *         another process (or another connection of this one) holds it, or a segment is corrupt
     *         other than at its tail; nothing on disk is changed then
     */
    public static OfflineLog open(Path directory, long maxBytes, long segmentBytes) throws OfflineStoreException {
        Path dir = directory.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OfflineStoreException(dir, "cannot create the client persistence directory: " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new OfflineStoreException(dir, "the client persistence directory is not writable");
        }
        FileChannel lockChannel = openLockFile(dir);
        FileLock lock = acquire(dir, lockChannel);
        OfflineLog log = new OfflineLog(dir, maxBytes, segmentBytes, lockChannel, lock);
        try {
            log.recover();
            return log;
        } catch (OfflineStoreException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private static FileChannel openLockFile(Path dir) throws OfflineStoreException {
        Path file = dir.resolve(LOCK_FILE);
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new OfflineStoreException(file, "cannot write in the client persistence directory: " + e, e);
        }
    }

    private static FileLock acquire(Path dir, FileChannel lockChannel) throws OfflineStoreException {
        Path file = dir.resolve(LOCK_FILE);
        String problem;
        try {
            FileLock lock = lockChannel.tryLock();
            if (lock != null) {
                return lock;
            }
            problem = "the client persistence directory is in use by another process";
        } catch (OverlappingFileLockException e) {
            problem = "the client persistence directory is in use by another connection of this process";
        } catch (IOException e) {
            problem = "cannot lock the client persistence directory: " + e;
        }
        closeQuietly(lockChannel);
        throw new OfflineStoreException(file, problem);
    }

    // ---- recovery ----

    private void recover() throws OfflineStoreException {
        List<Path> files = segmentFiles();
        for (int i = 0; i < files.size(); i++) {
            Segment s = openSegment(files.get(i), false);
            segments.put(s.number, s);
            readSegment(s, i == files.size() - 1);
            storedBytes += s.size;
        }
        if (segments.isEmpty()) {
            active = createSegment(1);
        } else {
            active = segments.lastEntry().getValue();
        }
        dropDoneSegments();
        if (!waiting.isEmpty()) {
            LOG.log(Level.INFO, "client-side store {0}: {1} messages wait to be forwarded", directory, waiting.size());
        }
    }

    private List<Path> segmentFiles() throws OfflineStoreException {
        TreeMap<Long, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path f : files) {
                Matcher m = SEGMENT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    found.put(Long.parseLong(m.group(1)), f);
                }
            }
        } catch (IOException e) {
            throw new OfflineStoreException(directory, "cannot list the client persistence directory: " + e, e);
        }
        return new ArrayList<>(found.values());
    }

    private static long numberOf(Path segmentFile) {
        Matcher m = SEGMENT.matcher(segmentFile.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(segmentFile + " is no segment file");
        }
        return Long.parseLong(m.group(1));
    }

    private Segment openSegment(Path file, boolean create) throws OfflineStoreException {
        try {
            FileChannel ch = create
                    ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new Segment(numberOf(file), file, ch, ch.size());
        } catch (IOException e) {
            throw new OfflineStoreException(file, "cannot open a segment of the client-side store: " + e, e);
        }
    }

    private void readSegment(Segment s, boolean last) throws OfflineStoreException {
        ByteBuffer buf = readAll(s);
        int pos = 0;
        while (pos < buf.limit()) {
            int length = recordAt(buf, pos);
            if (length < 0) {
                if (!last || validRecordAfter(buf, pos + 1)) {
                    throw new OfflineStoreException(s.path, "the client-side store is corrupt at offset " + pos
                            + "; nothing was deleted: move the file away to start without it, or repair it");
                }
                cutTornTail(s, pos);
                return;
            }
            readBody(s, buf, pos + HEADER, length);
            pos += HEADER + length;
        }
    }

    private static ByteBuffer readAll(Segment s) throws OfflineStoreException {
        if (s.size > Integer.MAX_VALUE - 8) {
            throw new OfflineStoreException(s.path, "a segment of the client-side store is too large to be one of ours");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) s.size);
        try {
            while (buf.hasRemaining() && s.channel.read(buf, buf.position()) >= 0) {
                // positional reads until the buffer is full
            }
        } catch (IOException e) {
            throw new OfflineStoreException(s.path, "cannot read the client-side store: " + e, e);
        }
        return buf.flip();
    }

    /** The body length of a valid record starting at {@code pos}, or -1. */
    private static int recordAt(ByteBuffer buf, int pos) {
        if (buf.limit() - pos < HEADER || buf.getInt(pos) != MAGIC) {
            return -1;
        }
        int length = buf.getInt(pos + 4);
        if (length < DONE_BODY || length > buf.limit() - pos - HEADER) {
            return -1;
        }
        int crc = buf.getInt(pos + 8);
        return crc == crcOf(buf, pos + HEADER, length) ? length : -1;
    }

    private static int crcOf(ByteBuffer buf, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(buf.duplicate().position(from).limit(from + length));
        return (int) crc.getValue();
    }

    /** A valid record after a bad one means the bad one is not a torn tail but corruption. */
    private static boolean validRecordAfter(ByteBuffer buf, int from) {
        for (int p = from; p <= buf.limit() - HEADER; p++) {
            if (buf.getInt(p) == MAGIC && recordAt(buf, p) >= 0) {
                return true;
            }
        }
        return false;
    }

    private void cutTornTail(Segment s, int pos) throws OfflineStoreException {
        long cut = s.size - pos;
        try {
            s.channel.truncate(pos);
            s.channel.force(true);
        } catch (IOException e) {
            throw new OfflineStoreException(s.path, "cannot cut off the torn tail of the client-side store: " + e, e);
        }
        s.size = pos;
        LOG.log(Level.WARNING, "client-side store {0}: cut off a torn or corrupt tail of {1} bytes at offset {2}"
                + " (a write that a crash interrupted; its send had not returned); the records before it are kept",
                s.path, cut, pos);
    }

    private void readBody(Segment s, ByteBuffer buf, int body, int length) throws OfflineStoreException {
        byte kind = buf.get(body);
        long sequence = buf.getLong(body + 1);
        nextSequence = Math.max(nextSequence, sequence + 1);
        if (kind == DONE && length == DONE_BODY) {
            OfflineEntry done = waiting.remove(sequence);
            if (done != null) {
                segments.get(done.segment()).live--;
            }
            return;
        }
        int producerLength = kind == MESSAGE && length >= 11 ? Short.toUnsignedInt(buf.getShort(body + 9)) : -1;
        if (producerLength < 0 || 11 + producerLength > length) {
            throw new OfflineStoreException(s.path, "the client-side store holds a record of unknown kind " + kind
                    + " at offset " + (body - HEADER) + "; was it written by a newer version?");
        }
        byte[] producer = new byte[producerLength];
        buf.get(body + 11, producer);
        int message = body + 11 + producerLength;
        waiting.put(sequence, new OfflineEntry(sequence, new String(producer, StandardCharsets.UTF_8), s.number,
                message, length - 11 - producerLength));
        s.live++;
    }

    // ---- writing ----

    /** The messages not done yet, oldest first. */
    public synchronized List<OfflineEntry> waiting() {
        return new ArrayList<>(waiting.values());
    }

    public synchronized int waitingCount() {
        return waiting.size() + freeing;
    }

    /** Bytes the segment files hold together (what the size limit counts). */
    public synchronized long storedBytes() {
        return storedBytes;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Appends a message; returns once it is on disk.
     *
     * @throws OfflineStoreFullException when it would take the store past its limit (nothing written)
     * @throws OfflineStoreException when writing or syncing failed; whether the message is on disk
     *         is then unknown, as with a send whose answer was lost
     */
    public OfflineEntry append(String producer, byte[] message) throws OfflineStoreException {
        byte[] producerBytes = producer.getBytes(StandardCharsets.UTF_8);
        if (producerBytes.length > 0xffff) {
            throw new IllegalArgumentException("producer key too long");
        }
        int body = 11 + producerBytes.length + message.length;
        ByteBuffer record = ByteBuffer.allocate(HEADER + body);
        record.putInt(MAGIC).putInt(body).putInt(0);
        long upTo;
        OfflineEntry entry;
        synchronized (this) {
            checkOpen();
            if (storedBytes + record.capacity() > maxBytes) {
                throw new OfflineStoreFullException(directory, storedBytes, record.capacity(), maxBytes);
            }
            long sequence = nextSequence++;
            record.put(MESSAGE).putLong(sequence).putShort((short) producerBytes.length).put(producerBytes).put(message);
            Segment s = segmentFor(record.capacity());
            long offset = s.size;
            write(s, record);
            entry = new OfflineEntry(sequence, producer, s.number, offset + HEADER + 11 + producerBytes.length, message.length);
            waiting.put(sequence, entry);
            s.live++;
            upTo = written;
        }
        sync(upTo);
        return entry;
    }

    /**
     * Records that the server has these messages; returns once that is on disk (one sync for all).
     * Deletes segments that hold nothing waiting any more. Done records are never refused for lack
     * of space: they are what frees it.
     *
     * @throws OfflineStoreException when writing failed; the messages may be forwarded again later,
     *         which the server's duplicate detection drops
     */
    public void markDone(List<OfflineEntry> entries) throws OfflineStoreException {
        long upTo;
        int removed = 0;
        synchronized (this) {
            checkOpen();
            for (OfflineEntry entry : entries) {
                if (waiting.remove(entry.sequence()) != null) {
                    ByteBuffer record = ByteBuffer.allocate(HEADER + DONE_BODY);
                    record.putInt(MAGIC).putInt(DONE_BODY).putInt(0).put(DONE).putLong(entry.sequence());
                    write(segmentFor(record.capacity()), record);
                    segments.get(entry.segment()).live--;
                    removed++;
                }
            }
            // still counted as waiting until their space is freed: "none waits" means a send fits again
            freeing += removed;
            upTo = written;
        }
        try {
            sync(upTo);
            synchronized (this) {
                if (!closed) {
                    dropDoneSegments();
                }
            }
        } finally {
            synchronized (this) {
                freeing -= removed;
            }
        }
    }

    /** The bytes of a waiting message. */
    public byte[] read(OfflineEntry entry) throws OfflineStoreException {
        Segment s;
        synchronized (this) {
            checkOpen();
            s = segments.get(entry.segment());
        }
        if (s == null) {
            throw new OfflineStoreException(directory, "message " + entry.sequence() + " is no longer in the store");
        }
        ByteBuffer buf = ByteBuffer.allocate(entry.length());
        try {
            while (buf.hasRemaining()) {
                if (s.channel.read(buf, entry.offset() + buf.position()) < 0) {
                    throw new OfflineStoreException(s.path, "message " + entry.sequence() + " ends past the file's end");
                }
            }
        } catch (OfflineStoreException e) {
            throw e;
        } catch (IOException e) {
            throw new OfflineStoreException(s.path, "cannot read the client-side store: " + e, e);
        }
        return buf.array();
    }

    private void checkOpen() throws OfflineStoreException {
        if (closed) {
            throw new OfflineStoreException(directory, "the client-side store is closed");
        }
    }

    /** The segment to write a record of this size to, starting a new one when the active one is full. */
    private Segment segmentFor(int recordBytes) throws OfflineStoreException {
        if (active.size > 0 && active.size + recordBytes > segmentBytes) {
            roll();
        }
        return active;
    }

    private void write(Segment s, ByteBuffer record) throws OfflineStoreException {
        int body = record.getInt(4);
        record.putInt(8, crcOf(record, HEADER, body));
        record.flip();
        long offset = s.size;
        try {
            while (record.hasRemaining()) {
                s.channel.write(record, offset + record.position());
            }
        } catch (IOException e) {
            cutBack(s, offset);
            throw new OfflineStoreException(s.path, "cannot write to the client-side store: " + e, e);
        }
        s.size += record.limit();
        storedBytes += record.limit();
        written += record.limit();
    }

    /** A failed write may have left part of a record: remove it so that the next one follows a whole record. */
    private static void cutBack(Segment s, long offset) {
        try {
            s.channel.truncate(offset);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot cut back {0} after a failed write: {1}; the next open cuts it", s.path, e);
        }
    }

    /** Makes everything written up to {@code upTo} durable; callers waiting at the same time share one fsync. */
    private void sync(long upTo) throws OfflineStoreException {
        synchronized (syncLock) {
            if (synced >= upTo) {
                return;
            }
            long target;
            Segment s;
            synchronized (this) {
                target = written;
                s = active;
            }
            try {
                s.channel.force(false);
            } catch (ClosedChannelException e) {
                // closed by a roll (which forced it first) or by close(): nothing unsynced is left in it
                if (isClosed()) {
                    throw new OfflineStoreException(directory, "the client-side store was closed during a write", e);
                }
            } catch (IOException e) {
                throw new OfflineStoreException(s.path, "cannot sync the client-side store: " + e, e);
            }
            synced = target;
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void roll() throws OfflineStoreException {
        try {
            // what a waiting sync meant to force in the old segment is forced here
            active.channel.force(false);
        } catch (IOException e) {
            throw new OfflineStoreException(active.path, "cannot sync the client-side store: " + e, e);
        }
        active = createSegment(active.number + 1);
    }

    private Segment createSegment(long number) throws OfflineStoreException {
        Segment s = openSegment(directory.resolve(String.format("segment-%016d.log", number)), true);
        segments.put(number, s);
        syncDirectory();
        return s;
    }

    /**
     * Deletes the oldest segments while nothing in them waits; when nothing waits at all, starts a
     * fresh segment so that the dead records of the current one free their space too.
     */
    private void dropDoneSegments() throws OfflineStoreException {
        if (waiting.isEmpty() && active.size > 0) {
            roll();
        }
        boolean deleted = false;
        while (segments.size() > 1 && segments.firstEntry().getValue().live == 0) {
            Segment oldest = segments.pollFirstEntry().getValue();
            closeQuietly(oldest.channel);
            try {
                Files.deleteIfExists(oldest.path);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot delete {0} (everything in it was forwarded): {1}", oldest.path, e);
            }
            storedBytes -= oldest.size;
            deleted = true;
        }
        if (deleted) {
            syncDirectory();
        }
    }

    /** A new or deleted file is durable only once its directory is synced (Linux allows that on a directory channel). */
    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(directory, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "directory {0} cannot be synced on this system: {1}", directory, e);
        }
    }

    /** Closes the files and releases the directory. Idempotent. */
    @Override
    public void close() {
        List<Segment> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(segments.values());
        }
        open.forEach(s -> closeQuietly(s.channel));
        try {
            lock.release();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "releasing {0}: {1}", directory, e);
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "close: {0}", e.toString());
        }
    }
}
