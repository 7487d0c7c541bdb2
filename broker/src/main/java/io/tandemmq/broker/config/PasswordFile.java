package io.tandemmq.broker.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A password given as a file: its first line, without the line end. Passwords are never given on
 * the command line, where {@code ps} would show them.
 */
public final class PasswordFile {

    private PasswordFile() {
    }

    /**
     * @throws IOException when the file does not exist or cannot be read
     * @throws IllegalArgumentException when its first line is empty
     */
    public static String read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("the password file " + file + " does not exist", e);
        }
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            throw new IllegalArgumentException("the password file " + file + " holds an empty password");
        }
        return line;
    }

    /**
     * The words of an admin verb with {@code --password-file FILE} replaced by
     * {@code --password TEXT}, the form the broker reads.
     *
     * @throws IOException when the file does not exist or cannot be read
     * @throws IllegalArgumentException when it holds an empty password or has no FILE after it
     */
    public static List<String> inline(List<String> words) throws IOException {
        List<String> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            if (!words.get(i).equals("--password-file")) {
                out.add(words.get(i));
            } else if (i + 1 < words.size()) {
                out.add("--password");
                out.add(read(Path.of(words.get(++i))));
            } else {
                throw new IllegalArgumentException("--password-file needs a FILE");
            }
        }
        return out;
    }
}
