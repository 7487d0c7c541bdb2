package io.tandemmq.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A --data folder that cannot hold a store is refused in one line that says what is wrong and what to do. */
class EmbeddedStoreFolderTest {
    @TempDir
    Path dir;

    @Test
    void prepare_onAFile_saysItIsAFileNotAFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "hi");
        IOException e = assertThrows(IOException.class, () -> EmbeddedStoreFolder.prepare(file));
        assertEquals("--data " + file + " is a file, not a folder: name a folder", e.getMessage());
    }

    @Test
    void prepare_underAFile_saysWhyTheFolderCannotBeCreated_notOnlyThePath() throws IOException {
        Path below = Files.writeString(dir.resolve("afile"), "hi").resolve("x");
        IOException e = assertThrows(IOException.class, () -> EmbeddedStoreFolder.prepare(below));
        assertTrue(e.getMessage().startsWith("--data " + below + ": ") && e.getMessage().length() > ("--data " + below
                + ": " + below).length(), e.getMessage());
    }

    @Test
    void prepare_onAFolderThisUserCannotWrite_saysSo_beforeAnyStoreIsOpened() {
        // root writes anywhere, so the check is given a folder it must find unwritable
        IOException e = assertThrows(IOException.class, () -> EmbeddedStoreFolder.prepare(dir, d -> false));
        assertEquals("--data " + dir + " is not writable by this user: give a folder it can write, or change the"
                + " folder's permissions", e.getMessage());
    }

    @Test
    void requireStore_onAFolderWithoutAStore_refusesIt_andCreatesNothing() {
        Path missing = dir.resolve("does-not-exist");
        IOException e = assertThrows(IOException.class, () -> EmbeddedStoreFolder.requireStore(missing));
        assertTrue(e.getMessage().startsWith("--data " + missing + " holds no store"), e.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void requireIdle_onTheFolderOfALiveBroker_namesItsPid_andTheOnlineWay() throws IOException {
        EmbeddedStoreFolder.claim(dir);
        IOException e = assertThrows(IOException.class, () -> EmbeddedStoreFolder.requireIdle(dir));
        assertEquals("--data " + dir + " is in use by a running broker (pid " + ProcessHandle.current().pid()
                + "): stop it first, or use the online tool with --url", e.getMessage());
    }
}
