package io.tandemmq.broker.cli;

import io.tandemmq.broker.logging.DerbyLog;
import io.tandemmq.broker.EmbeddedStoreFolder;
import io.tandemmq.broker.store.StoreBackup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code backup FOLDER}: Derby's online backup of the store, by the active broker
 * ({@code --url}) or offline on a stopped broker's store ({@code --data}/{@code --store});
 * {@code restore --from BACKUP --data DIR}: a new data folder from a backup.
 */
final class BackupCommand {
    private static final Set<String> VALUED = Set.of("--url", "--user", "--password-file", "--data", "--store",
            "--store-user", "--store-password-file");

    private BackupCommand() {
    }

    static int backup(List<String> args) {
        List<String> words = new ArrayList<>(args);
        boolean offline = false;
        boolean online = false;
        for (int i = 0; i < words.size(); i++) {
            String arg = words.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            offline |= name.equals("--data") || name.equals("--store");
            online |= name.equals("--url");
            if (VALUED.contains(name) && !arg.contains("=")) {
                i++;
            } else if (!arg.startsWith("--")) {
                // a folder on this machine: the broker (or the offline store) may run elsewhere in the file system
                words.set(i, Path.of(arg).toAbsolutePath().normalize().toString());
            }
        }
        if (offline && online) {
            System.err.println("tandem backup: --url and --data (or --store) name two different stores: give one");
            return 2;
        }
        return offline ? OfflineAdminCommand.run("backup", words) : AdminVerbCommand.run("backup", words);
    }

    static int restore(List<String> args) {
        CommandOptions o = CommandOptions.parse(args, Set.of("from", "data"));
        String from = o.required("from");
        String data = o.required("data");
        if (!o.problems().isEmpty()) {
            return o.usageError("restore");
        }
        Path backup = Path.of(from).toAbsolutePath().normalize();
        Path target = Path.of(data).resolve(backup.getFileName().toString()).toAbsolutePath().normalize();
        try {
            // the source first: a restore that cannot start leaves no folder behind
            StoreBackup.checkBackup(backup);
            EmbeddedStoreFolder.prepare(Path.of(data));
            DerbyLog.inFolder(Path.of(data));
            StoreBackup.restore(backup, target);
        } catch (IOException e) {
            System.err.println("tandem restore: " + e.getMessage());
            return 1;
        }
        System.out.println("restored " + backup + " into " + target + (backup.getFileName().toString().equals("store")
                ? "; start a broker on it: java -jar tandem-broker.jar run --data " + data
                : "; start the store server on it: java -jar tandem-broker.jar store-server --data " + data + " --port PORT"));
        return 0;
    }
}
