package io.tandemmq.client.offline;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OfflineLogTest {
    private static final long MAX = 1 << 20;
    private static final long SEGMENT = 4096;

    @TempDir
    Path dir;
    private final List<OfflineLog> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(OfflineLog::close);
    }

    private OfflineLog open() throws OfflineStoreException {
        return open(MAX);
    }

    private OfflineLog open(long max) throws OfflineStoreException {
        OfflineLog log = OfflineLog.open(dir, max, SEGMENT);
        opened.add(log);
        return log;
    }

    private static byte[] message(int i) {
        return ("message " + i).getBytes(StandardCharsets.UTF_8);
    }

    /** Appends messages 0..count-1 of producer "p" and closes the log. */
    private static void appendAndClose(OfflineLog log, int count) throws OfflineStoreException {
        for (int i = 0; i < count; i++) {
            log.append("p", message(i));
        }
        log.close();
    }

    private static List<String> texts(OfflineLog log) throws OfflineStoreException {
        List<String> texts = new ArrayList<>();
        for (OfflineEntry e : log.waiting()) {
            texts.add(e.producer() + "/" + new String(log.read(e), StandardCharsets.UTF_8));
        }
        return texts;
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }

    private Path lastSegment() throws IOException {
        List<Path> files = segmentFiles();
        return files.get(files.size() - 1);
    }

    @Test
    void appendedMessages_areWaitingAfterReopen_inOrder() throws Exception {
        OfflineLog log = open();
        for (int i = 0; i < 200; i++) {
            log.append(i % 2 == 0 ? "p1" : "p2", message(i));
        }
        log.close();
        OfflineLog again = open();
        List<String> texts = texts(again);
        assertEquals(200, texts.size());
        for (int i = 0; i < 200; i++) {
            assertEquals((i % 2 == 0 ? "p1" : "p2") + "/message " + i, texts.get(i));
        }
        assertTrue(segmentFiles().size() > 1, "4 KiB segments: 200 messages need several");
    }

    @Test
    void doneMessages_areGoneAfterReopen_andOtherSurvive() throws Exception {
        OfflineLog log = open();
        List<OfflineEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(log.append("p", message(i)));
        }
        for (int i = 0; i < 4; i++) {
            log.markDone(List.of(entries.get(i)));
        }
        log.close();
        List<String> texts = texts(open());
        assertEquals(List.of("p/message 4", "p/message 5", "p/message 6", "p/message 7", "p/message 8", "p/message 9"), texts);
    }

    @Test
    void everythingDone_deletesTheOldSegments_andFreesTheirBytes() throws Exception {
        OfflineLog log = open();
        List<OfflineEntry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            entries.add(log.append("p", message(i)));
        }
        long full = log.storedBytes();
        log.markDone(entries);
        assertEquals(0, log.waitingCount());
        assertEquals(1, segmentFiles().size());
        assertEquals(0, log.storedBytes());
        assertTrue(full > SEGMENT);
        log.close();
        assertEquals(List.of(), texts(open()));
    }

    @Test
    void tornTail_isCutOff_andEarlierMessagesSurvive() throws Exception {
        appendAndClose(open(), 5);
        Path last = lastSegment();
        long goodSize = Files.size(last);
        // half a record, as a crash in the middle of a write leaves it
        byte[] torn = new byte[] {0x54, 0x44, 0x4d, 0x31, 0, 0, 0, 40, 1, 2};
        Files.write(last, torn, StandardOpenOption.APPEND);

        OfflineLog again = open();
        assertEquals(5, texts(again).size());
        assertEquals(goodSize, Files.size(last));
        again.append("p", message(5));
        again.close();
        assertEquals("p/message 5", texts(open()).get(5));
    }

    @Test
    void corruptLastRecord_isCutOffLikeATornTail() throws Exception {
        appendAndClose(open(), 3);
        Path last = lastSegment();
        flipByte(last, Files.size(last) - 2);
        assertEquals(List.of("p/message 0", "p/message 1"), texts(open()));
    }

    @Test
    void corruptRecordBeforeGoodOnes_isRefused_namingTheFile_andNothingIsDeleted() throws Exception {
        appendAndClose(open(), 3);
        Path last = lastSegment();
        flipByte(last, 20);
        byte[] before = Files.readAllBytes(last);

        OfflineStoreException e = assertThrows(OfflineStoreException.class, this::open);
        assertTrue(e.getMessage().contains(last.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(last));
    }

    @Test
    void corruptOlderSegment_isRefused() throws Exception {
        appendAndClose(open(), 300);
        Path first = segmentFiles().get(0);
        flipByte(first, Files.size(first) - 1);
        OfflineStoreException e = assertThrows(OfflineStoreException.class, this::open);
        assertTrue(e.getMessage().contains(first.toString()), e.getMessage());
    }

    @Test
    void secondOpenOfTheSameDirectory_isRefused_untilTheFirstCloses() throws Exception {
        OfflineLog first = open();
        first.append("p", message(1));
        OfflineStoreException e = assertThrows(OfflineStoreException.class, this::open);
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        first.close();
        assertEquals(1, open().waitingCount());
    }

    @Test
    void fullStore_refusesTheAppend_andKeepsWhatItHas() throws Exception {
        OfflineLog log = open(64 * 1024);
        byte[] big = new byte[1000];
        int stored = 0;
        OfflineStoreFullException full = null;
        while (full == null) {
            try {
                log.append("p", big);
                stored++;
            } catch (OfflineStoreFullException e) {
                full = e;
            }
        }
        assertTrue(full.getMessage().contains("clientPersistenceMaxBytes"), full.getMessage());
        assertTrue(log.storedBytes() <= 64 * 1024);
        assertEquals(stored, log.waitingCount());
        log.markDone(log.waiting().subList(0, 5));
        log.close();
        assertEquals(stored - 5, open(64 * 1024).waitingCount());
    }

    @Test
    void directoryThatCannotBeCreated_isRefused_namingIt() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a directory");
        OfflineStoreException e = assertThrows(OfflineStoreException.class,
                () -> OfflineLog.open(file.resolve("store"), MAX, SEGMENT));
        assertTrue(e.getMessage().contains(file.resolve("store").toString()), e.getMessage());
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.flip();
            b.put(0, (byte) (b.get(0) ^ 0x5a));
            ch.write(b, position);
        }
    }
}
